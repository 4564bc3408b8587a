"""Appointees arrived before their appointments (``Person.arrived_on``, which the
all-personnel, arrival and phase rules count from, ¶33). The arrivals themselves are planned
with the people (actors/demo/arrivals.py)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection
from django.db.models import Min

from appointments.models import Appointment

from .shapes import Inserted, between, days


def settle_appointees(
    inserted: Inserted, arrivals: list[dt.date], *, today: dt.date, rng: random.Random
) -> int:
    """People hold their roles at the duty station they arrived at: each appointee arrived
    before the start of their first appointment. One UPDATE for all of them; returns how
    many moved."""
    index = {person.pk: idx for idx, person in enumerate(inserted.people)}
    firsts = (
        Appointment.objects.filter(start_date__lte=today)
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    changed: dict[int, dt.date] = {}
    for person_id, first in sorted(firsts, key=lambda row: index[row[0]]):
        idx = index[person_id]
        day = first - days(between(rng, 0, 365))
        if day < arrivals[idx]:
            arrivals[idx] = changed[person_id] = day
            inserted.people[idx].arrived_on = day
    if changed:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE actors_person p SET arrived_on = v.day "
                "FROM unnest(%s::bigint[], %s::date[]) AS v(id, day) WHERE p.id = v.id",
                [list(changed), list(changed.values())],
            )
    return len(changed)
