"""Who sees and records the SMT's meetings and their action items (¶16(b)). Registered with
the core's scoping engine from the app's ``ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accountability.core import scoping
from accountability.core.scoping import grants, stations_q

from .models import ActionItem, SmtMeeting

# Who records a duty station's SMT meetings (¶16(b)): its SMT members, DO and FSCO.
SMT_MEETING_RECORDERS = ("consult", "decide_appointments", "nominate")


def _meetings_visible_q(user: Any) -> Q:
    # The meetings are part of the station's security structure.
    if grants(user).holds_globally("view_everything"):
        return Q()
    return stations_q(user, ["view_structure"], "duty_station_id")


def _may_record_at(user: Any, *, duty_station: Any) -> bool:
    return bool(duty_station.pk in grants(user).ids("station", *SMT_MEETING_RECORDERS))


def register() -> None:
    scoping.register(
        SmtMeeting,
        visible=_meetings_visible_q,
        editable=lambda u: stations_q(u, SMT_MEETING_RECORDERS, "duty_station_id"),
        create=_may_record_at,
    )
    scoping.register(
        ActionItem,
        visible=lambda u: Q(meeting__in=scoping.visible_to(u, SmtMeeting).values("pk")),
        editable=lambda u: Q(meeting__in=scoping.editable_by(u, SmtMeeting).values("pk")),
    )
