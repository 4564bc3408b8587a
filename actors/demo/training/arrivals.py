"""When each person arrived at the duty station (``Person.arrived_on``), which the
all-personnel, arrival and phase rules count from (¶33)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db import connection
from django.db.models import Min

from actors import models as m

from . import data
from .shapes import Inserted, between, days


def _appointees(plan) -> set[int]:
    found = {person for person, *_rest in plan.appointments}
    found |= {person for person, *_rest in plan.nominations}
    found |= {plan.interim[0], plan.aso_proposed[0]}
    return found


def plan_arrivals(plan, *, today: dt.date, rng: random.Random) -> list[dt.date]:
    """Arrival days in plan order: a few announced, some within the last two months, most
    longer ago. At every duty station the first two people without a role are one announced
    arrival and one who arrived two days ago, so that every station (and every rule that
    counts from arrival) has requirements not yet due and due soon."""
    skip = _appointees(plan) | set(plan.logins.values())
    forced: dict[int, int] = defaultdict(int)
    arrivals = []
    for idx, station in enumerate(plan.p_station):
        draw = rng.random()
        if draw < data.FUTURE_ARRIVALS:
            day = today + days(between(rng, 31, 75))
        elif draw < data.FUTURE_ARRIVALS + data.RECENT_ARRIVALS:
            day = today - days(between(rng, 0, 59))
        else:
            stay = min(int(rng.expovariate(1 / data.MEAN_DAYS_SINCE_ARRIVAL)), 3000)
            day = today - days(60 + stay)
        if idx not in skip and forced[station] < 2:
            day = today + days(45) if forced[station] == 0 else today - days(2)
            forced[station] += 1
        arrivals.append(day)
    # The demo staff member arrived four days ago: the briefing and the basic course are due.
    arrivals[plan.logins["staff.nairobi"]] = today - days(4)
    return arrivals


def settle_appointees(
    inserted: Inserted, arrivals: list[dt.date], *, today: dt.date, rng: random.Random
) -> int:
    """People hold their roles at the duty station they arrived at: each appointee arrived
    before the start of their first appointment. One UPDATE for all of them; returns how
    many moved."""
    index = {person.pk: idx for idx, person in enumerate(inserted.people)}
    firsts = (
        m.Appointment.objects.filter(start_date__lte=today)
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
