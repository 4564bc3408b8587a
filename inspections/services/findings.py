"""Findings after they are recorded: the team sets severity, recommendation and date; the
responsible actors report the rectification, with evidence; an inspector verifies it (¶40)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from inspections import rules as inspection_rules

from ..models import (
    Finding,
    FindingStatus,
    MissionStatus,
    Rectification,
    RectificationDecision,
    Severity,
)
from ..models.findings import AWAITING_ACTION

# The default time to rectify a deficiency, by severity, counted from the mission's last day;
# the inspector sets each finding's own date (¶40).
RECTIFICATION_DAYS = {
    Severity.CRITICAL: 14,
    Severity.HIGH: 30,
    Severity.MEDIUM: 60,
    Severity.LOW: 90,
}


def default_deadline(mission, severity: str) -> dt.date:
    return mission.ends_on + dt.timedelta(days=RECTIFICATION_DAYS[Severity(severity)])


def finding_severity_set(finding: Finding, severity: str) -> list[str]:
    """Set the severity; a date still at its default follows it (a critical gap is not given
    the two months of a medium one). Returns the fields changed, for ``save``."""
    finding.severity = severity
    if finding.deadline_set_by_hand:
        return ["severity"]
    finding.deadline = default_deadline(finding.mission, severity)
    return ["severity", "deadline"]


def _finding_locked(finding: Finding) -> Finding:
    return (
        Finding.objects.select_for_update(of=("self",)).select_related("mission").get(pk=finding.pk)
    )


@transaction.atomic
def finding_update(
    *,
    user,
    finding: Finding,
    severity: str | None = None,
    recommendation: str | None = None,
    deadline: dt.date | None = None,
) -> Finding:
    """The team completes a finding before the debrief; afterwards only its date moves.

    A date given here is the team's own and stays; until one is, the date is the default for
    the severity and follows it."""
    if not scoping.can_change(user, finding):
        raise PermissionDenied(_("Only the mission's team changes its findings."))
    finding = _finding_locked(finding)
    before_debrief = finding.mission.status in (MissionStatus.ANNOUNCED, MissionStatus.IN_PROGRESS)
    if not before_debrief and (severity is not None or recommendation is not None):
        raise ValidationError(
            {"severity": [_("Severity and recommendation are fixed at the debrief.")]}
        )
    if finding.status == FindingStatus.RECTIFIED:
        raise ValidationError({"status": [_("The finding is closed.")]})
    if severity is not None:
        if severity not in Severity.values:
            raise ValidationError(
                {"severity": [_("Unknown severity %(value)r.") % {"value": severity}]}
            )
        finding_severity_set(finding, severity)
    if recommendation is not None:
        if not recommendation.strip():
            raise ValidationError({"recommendation": [_("Say what must be done.")]})
        finding.recommendation = recommendation.strip()
    if deadline is not None:
        if deadline < finding.mission.ends_on:
            raise ValidationError(
                {"deadline": [_("The date to rectify by cannot be before the mission ends.")]}
            )
        if not before_debrief and deadline < timezone.localdate():
            raise ValidationError({"deadline": [_("The new date is in the past.")]})
        finding.deadline = deadline
        finding.deadline_set_by_hand = True
    finding.save()
    return finding


def may_rectify(user, finding: Finding) -> bool:
    return Finding.objects.filter(
        inspection_rules.findings_rectifiable_q(user), pk=finding.pk
    ).exists()


@transaction.atomic
def rectification_report(*, user, finding: Finding, description: str, files=()) -> Rectification:
    """A responsible actor reports that the finding was put right; it awaits verification."""
    from .recording import evidence_add

    finding = _finding_locked(finding)
    if finding.status == FindingStatus.REPORTED:
        raise ValidationError({"status": [_("A rectification is already awaiting verification.")]})
    if finding.status not in AWAITING_ACTION:
        raise ValidationError({"status": [_("The finding is closed.")]})
    if not may_rectify(user, finding):
        raise PermissionDenied(_("You do not answer for this finding."))
    if not description.strip():
        raise ValidationError({"description": [_("Say what was done.")]})
    rectification = Rectification.objects.create(
        organization_id=finding.organization_id,
        finding=finding,
        description=description.strip(),
        reported_by=user,
        reported_at=timezone.now(),
        status_before=finding.status,
    )
    for upload in files:
        evidence_add(user=user, upload=upload, rectification=rectification)
    finding.status = FindingStatus.REPORTED
    finding.save(update_fields=["status", "updated_at"])
    return rectification


def finding_rectified(*, finding: Finding) -> None:
    """Close a finding verified rectified; its mission or escalation may close with it."""
    from .escalations import escalations_close_if_done
    from .followups import mission_close_if_done

    finding.status = FindingStatus.RECTIFIED
    finding.closed_at = timezone.now()
    finding.save(update_fields=["status", "closed_at", "updated_at"])
    escalations_close_if_done(finding=finding)
    mission_close_if_done(mission=finding.mission)


@transaction.atomic
def rectification_decide(
    *, user, rectification: Rectification, accepted: bool, note: str = ""
) -> Rectification:
    """An inspector of the mission verifies the reported rectification, or sends it back."""
    if not scoping.can_change(user, rectification):
        raise PermissionDenied(_("Only the mission's team verifies rectifications."))
    rectification = Rectification.objects.select_for_update(of=("self",)).get(pk=rectification.pk)
    if rectification.decision != RectificationDecision.PENDING:
        raise ValidationError({"decision": [_("This report has been decided already.")]})
    if not accepted and not note.strip():
        raise ValidationError({"note": [_("Say why the rectification is not accepted.")]})
    finding = _finding_locked(rectification.finding)
    rectification.decision = (
        RectificationDecision.ACCEPTED if accepted else RectificationDecision.REJECTED
    )
    rectification.decided_by = user
    rectification.decided_at = timezone.now()
    rectification.decision_note = note.strip()
    rectification.save()
    if accepted:
        finding_rectified(finding=finding)
    else:
        finding.status = rectification.status_before
        finding.save(update_fields=["status", "updated_at"])
    return rectification
