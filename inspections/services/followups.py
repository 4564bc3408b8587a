"""The follow-up visit (¶40): scheduled once the last rectification date of a mission has
passed, it re-checks every finding still open; what remains is escalated."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accountability.core import scoping

from .. import notices
from ..models import (
    Finding,
    FindingStatus,
    FollowUpCheck,
    FollowUpResult,
    FollowUpVisit,
    Mission,
    MissionStatus,
    Rectification,
    RectificationDecision,
)
from ..models.findings import UNRESOLVED


def mission_close_if_done(*, mission: Mission) -> bool:
    """A debriefed mission whose every finding is verified rectified (or that had none) needs
    no follow-up visit: it closes."""
    if mission.status != MissionStatus.DEBRIEFED:
        return False
    if Finding.objects.filter(mission=mission, status__in=UNRESOLVED).exists():
        return False
    updated = Mission.objects.filter(pk=mission.pk, status=MissionStatus.DEBRIEFED).update(
        status=MissionStatus.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
    )
    return bool(updated)


def follow_up_schedule(*, mission: Mission, today: dt.date) -> FollowUpVisit | None:
    """Schedule the follow-up visit of a debriefed mission whose last date has passed and
    that still has findings open; tell the lead inspector and the DO (¶40). Idempotent."""
    with transaction.atomic():
        mission = (
            Mission.objects.select_for_update(of=("self",))
            .select_related("duty_station", "lead_inspector")
            .get(pk=mission.pk)
        )
        if mission.status != MissionStatus.DEBRIEFED:
            return None
        last = mission.findings.filter(status__in=UNRESOLVED).aggregate(last=Max("deadline"))[
            "last"
        ]
        if last is not None and last >= today:
            return None
        if mission_close_if_done(mission=mission):
            return None
        visit, _created = FollowUpVisit.objects.get_or_create(
            mission=mission,
            defaults={
                "organization_id": mission.organization_id,
                "scheduled_for": today + dt.timedelta(days=settings.INSPECTION_FOLLOW_UP_LEAD_DAYS),
            },
        )
        mission.status = MissionStatus.FOLLOW_UP_SCHEDULED
        mission.save(update_fields=["status", "updated_at"])
        lead = [mission.lead_inspector.user] if mission.lead_inspector.user_id else []
        users = [*lead, *notices.designated_official_logins(mission.duty_station)]
        subject = _("Follow-up visit to %(station)s on %(date)s") % {
            "station": mission.duty_station.name,
            "date": visit.scheduled_for.isoformat(),
        }
        body = _(
            "The last rectification date of inspection %(ref)s has passed with findings still "
            "open. A follow-up visit will confirm what was rectified (A/57/365 ¶40)."
        ) % {"ref": mission.reference}
        transaction.on_commit(
            lambda: notices.tell(
                users,
                key=f"inspection:{mission.pk}:follow-up",
                subject=subject,
                body=body,
                url=notices.mission_url(mission),
            )
        )
    return visit


def _visit_open(user, visit: FollowUpVisit) -> FollowUpVisit:
    if not scoping.can_change(user, visit):
        raise PermissionDenied(_("Only the mission's team carries out its follow-up visit."))
    visit = FollowUpVisit.objects.select_for_update(of=("self",)).get(pk=visit.pk)
    if visit.completed_at is not None:
        raise ValidationError({"visit": [_("The follow-up visit is completed.")]})
    return visit


@transaction.atomic
def follow_up_check_record(
    *, user, visit: FollowUpVisit, finding: Finding, result: str, notes: str = ""
) -> FollowUpCheck:
    """Record whether an open finding was rectified (changeable until the visit completes)."""
    visit = _visit_open(user, visit)
    if finding.mission_id != visit.mission_id or finding.status not in UNRESOLVED:
        raise ValidationError({"finding": [_("Not an open finding of this mission.")]})
    if result not in FollowUpResult.values:
        raise ValidationError({"result": [_("Unknown result %(value)r.") % {"value": result}]})
    check, _created = FollowUpCheck.objects.update_or_create(
        visit=visit,
        finding=finding,
        defaults={
            "organization_id": finding.organization_id,
            "result": result,
            "notes": notes,
            "checked_by": user,
            "checked_at": timezone.now(),
        },
    )
    return check


@transaction.atomic
def follow_up_complete(*, user, visit: FollowUpVisit, notes: str = "") -> FollowUpVisit:
    """Complete the visit: findings checked rectified close, the rest are not rectified and
    go to the agencies and the HLCM in a non-compliance report (¶40); the mission closes."""
    from .escalations import escalation_open
    from .findings import finding_rectified

    visit = _visit_open(user, visit)
    open_findings = list(
        Finding.objects.select_for_update(of=("self",))
        .filter(mission_id=visit.mission_id, status__in=UNRESOLVED)
        .order_by("pk")
    )
    checks = {c.finding_id: c for c in visit.checks.all()}
    unchecked = [f for f in open_findings if f.pk not in checks]
    if unchecked:
        raise ValidationError(
            {
                "checks": [
                    ngettext(
                        "%(count)d open finding is not checked yet.",
                        "%(count)d open findings are not checked yet.",
                        len(unchecked),
                    )
                    % {"count": len(unchecked)}
                ]
            }
        )
    remaining = []
    now = timezone.now()
    for finding in open_findings:
        rectified = checks[finding.pk].result == FollowUpResult.RECTIFIED
        # A report awaiting verification is decided by what the visit found.
        Rectification.objects.filter(
            finding=finding, decision=RectificationDecision.PENDING
        ).update(
            decision=RectificationDecision.ACCEPTED
            if rectified
            else RectificationDecision.REJECTED,
            decided_by=user,
            decided_at=now,
            decision_note=_("Decided on the follow-up visit."),
            updated_at=now,
        )
        if rectified:
            finding_rectified(finding=finding)
        else:
            finding.status = FindingStatus.NOT_RECTIFIED
            finding.save(update_fields=["status", "updated_at"])
            remaining.append(finding)
    visit.completed_at = now
    visit.completed_by = user
    visit.notes = notes
    visit.save()
    Mission.objects.filter(pk=visit.mission_id).update(
        status=MissionStatus.CLOSED, closed_at=now, updated_at=now
    )
    if remaining:
        escalation_open(visit=visit, findings=remaining)
    return visit
