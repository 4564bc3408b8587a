"""Planning, announcing, starting and debriefing a mission (¶39, ¶40)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accountability.core import scoping
from actors import models as am
from appointments.models import Appointment, AppointmentStatus
from inspections import rules as inspection_rules

from .. import notices
from ..models import ChecklistItem, Finding, Mission, MissionMember, MissionReport, MissionStatus
from .checklist import checklist_items_build, current_template
from .scoring import mission_score

INSPECTOR_ROLES = ("unsecoord_inspector", "unsecoord")


def _inspectors(people) -> None:
    """Every member of a team holds an active UNSECOORD inspector (or UNSECOORD) role (¶39)."""
    ids = [person.pk for person in people]
    qualified = set(
        Appointment.objects.filter(
            person_id__in=ids,
            role__code__in=INSPECTOR_ROLES,
            status=AppointmentStatus.ACTIVE,
        ).values_list("person_id", flat=True)
    )
    missing = [str(person) for person in people if person.pk not in qualified]
    if missing:
        raise ValidationError(
            {"team": [_("Not a UNSECOORD inspector: %(names)s.") % {"names": ", ".join(missing)}]}
        )


def _dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("The mission cannot end before it starts.")]})


@transaction.atomic
def mission_plan(
    *,
    user,
    duty_station: am.DutyStation,
    starts_on: dt.date,
    ends_on: dt.date,
    lead_inspector: am.Person,
    team: list[am.Person] | tuple = (),
    objectives: str = "",
    personnel_sample_size: int = 5,
) -> Mission:
    """A new mission in the PLANNED state; the station sees nothing of it yet."""
    if not inspection_rules.may_plan_inspections(user):
        raise PermissionDenied(_("Only UNSECOORD plans inspection missions (¶39)."))
    _dates(starts_on, ends_on)
    members = [lead_inspector, *[p for p in team if p.pk != lead_inspector.pk]]
    _inspectors(members)
    unsecoord = am.Organization.objects.get(kind=am.OrganizationKind.UNSECOORD)
    mission = Mission.objects.create(
        organization=unsecoord,
        reference=f"new-{secrets.token_hex(6)}",  # numbered below, from the id
        duty_station=duty_station,
        starts_on=starts_on,
        ends_on=ends_on,
        lead_inspector=lead_inspector,
        objectives=objectives,
        personnel_sample_size=personnel_sample_size,
        created_by=user,
    )
    mission.reference = f"INS-{starts_on.year}-{mission.pk:04d}"
    mission.save(update_fields=["reference", "updated_at"])
    MissionMember.objects.bulk_create(
        MissionMember(mission=mission, person=person) for person in members
    )
    return mission


def _locked(mission: Mission) -> Mission:
    return (
        Mission.objects.select_for_update(of=("self",))
        .select_related("duty_station")
        .get(pk=mission.pk)
    )


def _editable(user, mission: Mission) -> None:
    if not scoping.can_change(user, mission):
        raise PermissionDenied(_("Only the mission's team changes it."))


def _in(mission: Mission, *statuses: str) -> None:
    if mission.status not in statuses:
        raise ValidationError(
            {
                "status": [
                    _("Not possible while the mission is %(status)s.")
                    % {"status": mission.get_status_display().lower()}
                ]
            }
        )


@transaction.atomic
def mission_update(
    *,
    user,
    mission: Mission,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    objectives: str | None = None,
    personnel_sample_size: int | None = None,
    team: list[am.Person] | None = None,
) -> Mission:
    """Change a mission's plan: dates and objectives until the debrief, the team and the
    sample until the checklist exists (the announcement)."""
    _editable(user, mission)
    mission = _locked(mission)
    _in(mission, MissionStatus.PLANNED, MissionStatus.ANNOUNCED, MissionStatus.IN_PROGRESS)
    if (team is not None or personnel_sample_size is not None) and (
        mission.status != MissionStatus.PLANNED
    ):
        raise ValidationError(
            {"team": [_("The team and the sample are fixed once the mission is announced.")]}
        )
    if starts_on is not None:
        mission.starts_on = starts_on
    if ends_on is not None:
        mission.ends_on = ends_on
    _dates(mission.starts_on, mission.ends_on)
    if objectives is not None:
        mission.objectives = objectives
    if personnel_sample_size is not None:
        mission.personnel_sample_size = personnel_sample_size
    mission.save()
    if team is not None:
        members = [mission.lead_inspector, *[p for p in team if p.pk != mission.lead_inspector_id]]
        _inspectors(members)
        mission.members.exclude(person__in=members).delete()
        MissionMember.objects.bulk_create(
            [MissionMember(mission=mission, person=p) for p in members], ignore_conflicts=True
        )
    return mission


@transaction.atomic
def mission_announce(*, user, mission: Mission) -> Mission:
    """Announce the mission: its checklist is generated, from the checklist version of the
    catalogue as it is today, for the actors present, and the station is told (¶39)."""
    _editable(user, mission)
    mission = _locked(mission)
    _in(mission, MissionStatus.PLANNED)
    template = current_template()
    items = checklist_items_build(mission, template)
    if not items:
        raise ValidationError(
            {"duty_station": [_("No one holds a role at this station: there is nothing to check.")]}
        )
    ChecklistItem.objects.bulk_create(items)
    mission.template = template
    mission.status = MissionStatus.ANNOUNCED
    mission.announced_at = timezone.now()
    mission.save()
    transaction.on_commit(lambda: notices.mission_announced(mission))
    return mission


def mission_start(*, user, mission: Mission) -> Mission:
    """Recording begins (also done by the first recorded item)."""
    with transaction.atomic():
        _editable(user, mission)
        mission = _locked(mission)
        if mission.status == MissionStatus.ANNOUNCED:
            mission.status = MissionStatus.IN_PROGRESS
            mission.started_at = timezone.now()
            mission.save(update_fields=["status", "started_at", "updated_at"])
        else:
            _in(mission, MissionStatus.IN_PROGRESS)
    return mission


def debrief_problems(mission: Mission) -> dict[str, list[str]]:
    """What keeps the mission from its debrief: unrecorded items, incomplete findings."""
    problems: dict[str, list[str]] = {}
    unrecorded = mission.checklist_items.filter(result="").count()
    if unrecorded:
        problems["checklist_items"] = [
            ngettext(
                "%(count)d checklist item has no result yet.",
                "%(count)d checklist items have no result yet.",
                unrecorded,
            )
            % {"count": unrecorded}
        ]
    bare = mission.findings.filter(recommendation="").count()
    if bare:
        problems["findings"] = [
            ngettext(
                "%(count)d finding has no recommendation yet.",
                "%(count)d findings have no recommendation yet.",
                bare,
            )
            % {"count": bare}
        ]
    return problems


def _reader_language(users) -> str:
    """The report is written in the language its first reader chose for letters (the DO for
    the full report, the HQ focal point for an agency's copy); English otherwise."""
    language = (
        am.Person.objects.filter(user__in=users.values("pk"))
        .order_by("pk")
        .values_list("language", flat=True)
        .first()
    )
    return language or "en"


@transaction.atomic
def mission_debrief(*, user, mission: Mission, summary: str = "") -> Mission:
    """Brief the DO and the SMT (¶40): the score is fixed, the findings and their dates are
    reported, and the report is rendered, in full for the station and one copy per agency
    with findings for its HQ focal point."""
    _editable(user, mission)
    mission = _locked(mission)
    _in(mission, MissionStatus.IN_PROGRESS, MissionStatus.ANNOUNCED)
    problems = debrief_problems(mission)
    if problems:
        raise ValidationError(problems)
    mission.status = MissionStatus.DEBRIEFED
    mission.debriefed_at = timezone.now()
    mission.debrief_summary = summary
    mission.compliance_score = mission_score(mission)
    mission.save()
    agencies = sorted(
        set(Finding.objects.filter(mission=mission).values_list("organization_id", flat=True))
    )
    reports = MissionReport.objects.bulk_create(
        [
            MissionReport(
                mission=mission,
                organization_id=org,
                language=_reader_language(
                    notices.designated_official_logins(mission.duty_station)
                    if org is None
                    else notices.hq_focal_points([org])
                ),
            )
            for org in [None, *agencies]
        ]
    )
    from ..tasks import render_mission_report

    ids = [report.pk for report in reports]
    transaction.on_commit(lambda: [render_mission_report.delay(pk) for pk in ids])
    transaction.on_commit(lambda: notices.mission_debriefed(mission))
    # A mission without findings has nothing to follow up (¶40).
    from .followups import mission_close_if_done

    if mission_close_if_done(mission=mission):
        mission.refresh_from_db()
    return mission
