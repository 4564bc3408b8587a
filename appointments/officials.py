"""Who holds an office at a duty station, read from the appointments themselves.

The core imports no app: the models are looked up by name (``apps.get_model``), the seam the
apps' ``AppConfig`` registration already relies on.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

DESIGNATED_OFFICIAL = "designated_official"


def designated_officials(station: Any) -> QuerySet[Any]:
    """The persons holding the office of Designated Official for ``station``: the DO of its
    country and any DO ad interim (¶8, ¶8(b)), at country or station scope, while their
    appointment is active. Lazy; one query when read.

    Read from the appointments, not from the rights they grant (``decide_appointments`` rows
    written by ``scoping.sync_rights``): the office is what the appointment says, rights are
    derived from it, and a DO without a login is still a person to write to.
    """
    person_model = apps.get_model("actors", "Person")
    officials: QuerySet[Any] = (
        person_model.objects.filter(
            Q(appointments__scope_country_id=station.country_id)
            | Q(appointments__scope_duty_station_id=station.pk),
            appointments__role__code=DESIGNATED_OFFICIAL,
            appointments__status="active",
        )
        .select_related("user")
        .distinct()
    )
    return officials
