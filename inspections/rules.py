"""Who sees and changes inspection missions, checklists, findings, follow-ups, reports and
escalations (¶39–¶40). Registered with the core's scoping engine from the app's ``ready()``.

UNSECOORD's inspectors read everything; a mission's lead inspector and team change it. The
station's DO, FSCO and SMT see its missions from the announcement on (¶39: the checklists
are given to them) and every finding at the station. From the debrief on (¶40: the report
goes to the HQ focal points), an agency's HQ focal point sees its agency's findings
worldwide, and its country representative, country focal point and security officer see
them at their station, with only the summary of other agencies' (the mission itself). The
accountable person sees the findings and items that name them. Rectification is reported by
the accountable person, the DO or FSCO, the agency's HQ focal point, or its people at the
station who answer for it (¶13, ¶15).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from accountability.core import scoping
from accountability.core.scoping import NOTHING, active, any_of, grants, no_one, stations_q
from actors.rules import stafflists_q

from . import models as ins
from .models.findings import AWAITING_ACTION
from .models.missions import REPORTED, SHOWN_TO_STATION


def _own_agency_q(user: Any, codenames_all: Any, codenames_own: Any, prefix: str) -> Q:
    """Rows of an agency (``{prefix}organization``) at a station (``{prefix}mission__
    duty_station``) that the org-wide or own-organization-at-station grants cover."""
    return stafflists_q(
        user,
        all_orgs=codenames_all,
        own_org=codenames_own,
        organization=f"{prefix}organization",
        station=f"{prefix}mission__duty_station",
    )


def _concerned_agency_q(user: Any, prefix: str) -> Q:
    return _own_agency_q(user, ["view_org_findings"], ["view_own_org_findings"], prefix)


def _inspection_team_q(user: Any) -> Q:
    """Missions whose team the user is on (the lead inspector included), holding ``inspect``."""
    if not grants(user).holds_globally("inspect"):
        return NOTHING
    return Q(lead_inspector__user_id=user.pk) | Q(
        Exists(ins.MissionMember.objects.filter(mission_id=OuterRef("pk"), person__user_id=user.pk))
    )


def _team_of_mission_q(user: Any, mission_field: str) -> Q:
    """Rows whose mission (``mission_field``) the user may change."""
    return Q(**{f"{mission_field}__in": scoping.editable_by(user, ins.Mission).values("pk")})


def _inspection_rows_q(user: Any, *, prefix: str, person_field: str) -> Q:
    """Checklist items or findings (their mission through ``prefix``mission) the user sees."""
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    station_ids = g.ids("station", "view_inspections")
    parts = [
        Q(
            **{
                f"{person_field}__user_id": user.pk,
                f"{prefix}mission__status__in": SHOWN_TO_STATION,
            }
        ),
        _team_of_mission_q(user, f"{prefix}mission"),
    ]
    if station_ids:
        parts.append(
            Q(
                **{
                    f"{prefix}mission__duty_station_id__in": sorted(station_ids),
                    f"{prefix}mission__status__in": SHOWN_TO_STATION,
                }
            )
        )
    own_agency = _concerned_agency_q(user, prefix)
    if own_agency != NOTHING:
        parts.append(own_agency & Q(**{f"{prefix}mission__status__in": REPORTED}))
    return any_of(parts)


def _missions_visible_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [_inspection_team_q(user)]
    station_ids = g.ids("station", "view_inspections")
    if station_ids:
        parts.append(Q(duty_station_id__in=sorted(station_ids), status__in=SHOWN_TO_STATION))
    # The agencies with findings get the station's summary with their report (¶40).
    concerned = _concerned_agency_q(user, "")
    mine = Q(accountable_person__user_id=user.pk)
    findings = ins.Finding.objects.filter(mission_id=OuterRef("pk"))
    parts.append(Q(Exists(findings.filter(concerned | mine)), status__in=REPORTED))
    return any_of(parts)


def findings_rectifiable_q(user: Any, prefix: str = "") -> Q:
    """Findings (through ``prefix``) whose rectification ``user`` may report, once reported
    to the station (the debrief) and while not yet rectified."""
    if not active(user):
        return NOTHING
    state = Q(**{f"{prefix}status__in": AWAITING_ACTION, f"{prefix}mission__status__in": REPORTED})
    if user.is_superuser:
        return state
    who = Q(**{f"{prefix}accountable_person__user_id": user.pk}) | _own_agency_q(
        user, ["rectify_findings"], ["rectify_own_org_findings"], prefix
    )
    return state & who


def may_plan_inspections(user: Any) -> bool:
    """UNSECOORD and its inspectors plan missions (¶39)."""
    if not active(user):
        return False
    return user.is_superuser or grants(user).holds_globally("inspect")


def _escalations_visible_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [stations_q(user, ["view_inspections"], "duty_station_id")]
    # The agencies concerned receive the report (¶40).
    orgs = g.ids("organization", "view_org_findings")
    own_stations = g.ids("station", "view_own_org_findings")
    agencies = ins.EscalationFinding.objects.filter(escalation_id=OuterRef("pk"))
    if orgs:
        parts.append(Q(Exists(agencies.filter(organization_id__in=sorted(orgs)))))
    if own_stations:
        parts.append(
            Q(
                Exists(agencies.filter(organization_id=user.organization_id)),
                duty_station_id__in=sorted(own_stations),
            )
        )
    return any_of(parts)


def _reports_visible_q(user: Any) -> Q:
    # The full report is the station's; an agency's copy is the agency's (¶40).
    if grants(user).holds_globally("view_everything"):
        return Q()
    return _team_of_mission_q(user, "mission") | (
        Q(mission__status__in=REPORTED)
        & (
            stations_q(user, ["view_inspections"], "mission__duty_station_id")
            | (Q(organization__isnull=False) & _concerned_agency_q(user, ""))
        )
    )


def register() -> None:
    register = scoping.register

    def through(field: str, model: Any) -> scoping.Rule:
        return lambda u: Q(**{f"{field}__in": scoping.visible_to(u, model).values("pk")})

    def team(field: str) -> scoping.Rule:
        return lambda u: _team_of_mission_q(u, field)

    for frozen in (ins.ChecklistTemplate, ins.ChecklistTemplateItem):
        register(frozen, visible=scoping.everyone, editable=no_one)
    register(ins.Mission, visible=_missions_visible_q, editable=_inspection_team_q)
    register(ins.MissionMember, visible=through("mission", ins.Mission), editable=team("mission"))
    register(
        ins.ChecklistItem,
        visible=lambda u: _inspection_rows_q(u, prefix="", person_field="person"),
        editable=team("mission"),
    )
    register(
        ins.Finding,
        visible=lambda u: _inspection_rows_q(u, prefix="", person_field="accountable_person"),
        editable=team("mission"),
    )
    register(
        ins.Rectification,
        visible=through("finding", ins.Finding),
        editable=team("finding__mission"),
    )
    register(ins.FollowUpVisit, visible=through("mission", ins.Mission), editable=team("mission"))
    register(
        ins.FollowUpCheck, visible=through("finding", ins.Finding), editable=team("visit__mission")
    )
    # Added by the services, never changed.
    register(
        ins.Evidence,
        visible=lambda u: (
            Q(checklist_item__in=scoping.visible_to(u, ins.ChecklistItem).values("pk"))
            | Q(rectification__in=scoping.visible_to(u, ins.Rectification).values("pk"))
        ),
        editable=no_one,
    )
    register(ins.MissionReport, visible=_reports_visible_q, editable=no_one)  # rendered by a task
    # Written by the follow-up, closed by its findings.
    register(ins.Escalation, visible=_escalations_visible_q, editable=no_one)
    register(
        ins.EscalationFinding,
        visible=lambda u: (
            Q(escalation__in=scoping.visible_to(u, ins.Escalation).values("pk"))
            & Q(finding__in=scoping.visible_to(u, ins.Finding).values("pk"))
        ),
        editable=no_one,
    )
    # Internal bookkeeping of the reminders and escalation mail: no one reads it on the site.
    for internal in (ins.FindingReminder, ins.EscalationDelivery):
        register(internal, visible=no_one, editable=no_one)
