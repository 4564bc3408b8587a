"""Who sees and changes courses, completions, certificates, tests, sessions, briefings and
training requirements. Registered with the core's scoping engine from the app's ``ready()``.

Completions, certificates, test attempts and requirements follow the person: whoever sees the
person sees them (¶27: each organization keeps its records; ¶32: the representative sees its
staff's). Completions from elsewhere are verified by the HQ focal point (its organization),
the FSCO (every organization at the station) or the country representative and focal point
(their own organization there), never by the person themselves. The FSCO, FSCA and DO run
sessions and arrival briefings at their stations (¶30, ¶31, ¶33), an HQ focal point its
agency's sessions anywhere, UNSECOORD any; UNSECOORD endorses agencies' courses (annex ¶26).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from accountability.core import scoping
from accountability.core.scoping import NOTHING, active, any_of, grants, no_one, stations_q
from actors import models as am
from actors.rules import people_q, person_visible_q

from . import models as tr


def _verifiers_q(user: Any, prefix: str) -> Q:
    q, _covers_self = people_q(
        user, all_orgs=["verify_training"], own_org=["verify_own_org_training"], prefix=prefix
    )
    return q & ~Q(**{f"{prefix}user_id": user.pk})


def _trains_q(user: Any, station_field: str, organization_field: str) -> Q:
    g = grants(user)
    if g.holds_globally("train"):
        return Q()
    orgs = g.ids("organization", "train")
    parts = [Q(**{f"{organization_field}__in": sorted(orgs)})] if orgs else []
    stations = g.ids("station", "train")
    if stations:
        parts.append(Q(**{f"{station_field}__in": sorted(stations)}))
    return any_of(parts)


def _courses_editable_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("endorse_courses"):
        return Q()
    orgs = g.ids("organization", "train")
    # An agency's own courses, until UNSECOORD has endorsed them (annex ¶26).
    return Q(provider_id__in=sorted(orgs), endorsed_at__isnull=True) if orgs else NOTHING


def _sessions_visible_q(user: Any) -> Q:
    if grants(user).holds_globally("view_everything"):
        return Q()
    return (
        _trains_q(user, "duty_station_id", "organization_id")
        | stations_q(user, ["view_structure"], "duty_station_id")
        | Q(trainer__user_id=user.pk)
        | Q(
            Exists(
                tr.SessionParticipant.objects.filter(
                    session_id=OuterRef("pk"), person__user_id=user.pk
                )
            )
        )
    )


def _briefings_visible_q(user: Any) -> Q:
    if grants(user).holds_globally("view_everything"):
        return Q()
    return (
        stations_q(user, ["view_structure", "train"], "duty_station_id")
        | Q(given_by__user_id=user.pk)
        | Q(
            Exists(
                tr.BriefingAttendee.objects.filter(
                    briefing_id=OuterRef("pk"), person__user_id=user.pk
                )
            )
        )
    )


def courses_offered_q(user: Any) -> Q:
    """Courses ``user`` may take, teach or upload a certificate of: UNSECOORD's and the
    endorsed ones, which count (annex ¶26), and the user's own agency's courses awaiting
    endorsement. Another agency's unendorsed course counts for no one and is its own business."""
    return (
        Q(provider__kind=am.OrganizationKind.UNSECOORD)
        | Q(endorsed_at__isnull=False)
        | Q(provider_id=user.organization_id)
    )


def training_verifiable_q(user: Any, prefix: str = "") -> Q:
    """People (through ``prefix``) whose completions ``user`` may verify, import or reject:
    never the user's own."""
    if not active(user):
        return NOTHING
    if user.is_superuser:
        return ~Q(**{f"{prefix}user_id": user.pk})
    return _verifiers_q(user, prefix)


def may_verify_training(user: Any, person: Any) -> bool:
    """Whether ``user`` may verify or reject a completion recorded for ``person``."""
    return am.Person.objects.filter(training_verifiable_q(user), pk=person.pk).exists()


def may_train(user: Any, *, duty_station: Any, organization: Any = None) -> bool:
    """Whether ``user`` may run a session (for ``organization``) or brief at ``duty_station``."""
    if not active(user):
        return False
    if user.is_superuser:
        return True
    g = grants(user)
    return (
        g.holds_globally("train")
        or duty_station.pk in g.ids("station", "train")
        or (organization is not None and organization.pk in g.ids("organization", "train"))
    )


def register() -> None:
    register = scoping.register
    register(tr.Course, visible=scoping.everyone, editable=_courses_editable_q)
    register(
        tr.TrainingRule,
        visible=scoping.everyone,
        editable=lambda u: Q() if grants(u).holds_globally("endorse_courses") else NOTHING,
    )

    # The question bank holds the answers: only those who keep the course see it.
    def bank(field: str) -> scoping.Rule:
        return lambda u: Q(**{f"{field}__in": scoping.editable_by(u, tr.Course).values("pk")})

    register(tr.Question, visible=bank("course"), editable=bank("course"))
    register(tr.Choice, visible=bank("question__course"), editable=bank("question__course"))
    register(
        tr.TrainingRecord,
        visible=lambda u: person_visible_q(u, prefix="person__"),
        editable=lambda u: _verifiers_q(u, "person__"),
    )
    # Rendered by a task, never changed.
    register(
        tr.Certificate,
        visible=lambda u: person_visible_q(u, prefix="record__person__"),
        editable=no_one,
    )
    register(
        tr.TestAttempt,
        visible=lambda u: person_visible_q(u, prefix="person__"),
        editable=lambda u: Q(person__user_id=u.pk),  # one's own test only
    )
    register(
        tr.TrainingSession,
        visible=_sessions_visible_q,
        editable=lambda u: (
            _trains_q(u, "duty_station_id", "organization_id") | Q(trainer__user_id=u.pk)
        ),
    )
    # A participant list shows the people one sees; the trainer sees the whole list.
    register(
        tr.SessionParticipant,
        visible=lambda u: (
            (
                Q(session__in=scoping.visible_to(u, tr.TrainingSession).values("pk"))
                & person_visible_q(u, prefix="person__")
            )
            | Q(session__in=scoping.editable_by(u, tr.TrainingSession).values("pk"))
        ),
        editable=lambda u: Q(session__in=scoping.editable_by(u, tr.TrainingSession).values("pk")),
    )
    register(
        tr.Briefing,
        visible=_briefings_visible_q,
        editable=lambda u: (
            Q()
            if grants(u).holds_globally("train")
            else stations_q(u, ["train"], "duty_station_id")
        ),
    )
    register(
        tr.BriefingAttendee,
        visible=lambda u: (
            person_visible_q(u, prefix="person__")
            | Q(briefing__in=scoping.editable_by(u, tr.Briefing).values("pk"))
        ),
        # The written acknowledgement is the staff member's own, for self and dependants (¶33).
        editable=lambda u: Q(person__user_id=u.pk),
    )
    # The requirement view carries the person's organization, station, zone and login.
    register(
        tr.TrainingRequirement, visible=lambda u: person_visible_q(u, prefix=""), editable=no_one
    )
    # Internal bookkeeping of the reminder scans: no one reads it through the site.
    for internal in (tr.TrainingReminder, tr.ReminderDigest):
        register(internal, visible=no_one, editable=no_one)
