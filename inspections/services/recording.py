"""Recording the checklist: a result per item, notes and evidence, autosaved as the
inspector goes; each deficient item becomes a finding (¶40)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.uploads import store_upload

from ..models import ChecklistItem, Evidence, Finding, ItemResult, Mission, MissionStatus, Severity
from ..models.checklists import DEFICIENT
from .evidence import evidence_file_type, sha256_of
from .findings import (
    RECTIFICATION_DAYS,
    default_deadline,
    finding_severity_set,
    finding_update,
)

__all__ = [
    "RECTIFICATION_DAYS",
    "checklist_item_entry_record",
    "checklist_item_record",
    "default_deadline",
    "evidence_add",
]


def _recordable(user, item: ChecklistItem, *, field: str = "result") -> Mission:
    if not scoping.can_change(user, item):
        raise PermissionDenied(_("Only the mission's team records its checklist."))
    mission = Mission.objects.select_for_update(of=("self",)).get(pk=item.mission_id)
    if mission.status not in (MissionStatus.ANNOUNCED, MissionStatus.IN_PROGRESS):
        raise ValidationError(
            {field: [_("The checklist is closed: the mission has been debriefed.")]}
        )
    return mission


@transaction.atomic
def checklist_item_record(
    *,
    user,
    item: ChecklistItem,
    result: str | None = None,
    notes: str | None = None,
    severity: str | None = None,
    client_saved_at: dt.datetime | None = None,
) -> tuple[ChecklistItem, bool]:
    """Record an item; returns it and whether the entry was applied.

    An entry saved on the inspector's device before the one already stored (a draft re-sent
    after the connection came back) is not applied: the later entry wins. A deficient result
    opens the item's finding with a default severity and date; a result that is no longer
    deficient withdraws it (before the debrief only: afterwards the checklist is closed).
    """
    mission = _recordable(user, item)
    item = ChecklistItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    if result is not None and result != "" and result not in ItemResult.values:
        raise ValidationError({"result": [_("Unknown result %(value)r.") % {"value": result}]})
    if severity is not None and severity not in Severity.values:
        raise ValidationError(
            {"severity": [_("Unknown severity %(value)r.") % {"value": severity}]}
        )
    if client_saved_at is not None:
        if client_saved_at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError({"client_saved_at": [_("This time is in the future.")]})
        if item.client_saved_at and client_saved_at <= item.client_saved_at:
            return item, False
        item.client_saved_at = client_saved_at
    if result is not None:
        item.result = result
    if notes is not None:
        item.notes = notes
    item.recorded_by = user
    item.recorded_at = timezone.now() if item.result else None
    item.save()
    if mission.status == MissionStatus.ANNOUNCED:
        mission.status = MissionStatus.IN_PROGRESS
        mission.started_at = timezone.now()
        mission.save(update_fields=["status", "started_at", "updated_at"])
    finding = Finding.objects.filter(checklist_item=item).first()
    if item.result in DEFICIENT:
        if finding is None:
            chosen = severity or item.severity
            Finding.objects.create(
                organization_id=item.organization_id,
                mission=mission,
                checklist_item=item,
                accountable_person_id=item.person_id,
                role_id=item.role_id,
                severity=chosen,
                deadline=default_deadline(mission, chosen),
            )
        elif severity is not None and severity != finding.severity:
            finding.mission = mission
            changed = finding_severity_set(finding, severity)
            finding.save(update_fields=[*changed, "updated_at"])
    elif finding is not None:
        finding.delete()
    return item, True


@transaction.atomic
def checklist_item_entry_record(
    *,
    user,
    item: ChecklistItem,
    result: str | None = None,
    notes: str | None = None,
    severity: str | None = None,
    client_saved_at: dt.datetime | None = None,
    recommendation: str | None = None,
    deadline: dt.date | None = None,
    deadline_set_by_hand: bool | None = None,
) -> tuple[ChecklistItem, bool]:
    """One entry of the recording page, all or nothing: the item's result and notes (and its
    finding's severity) through ``checklist_item_record``, then, for a deficiency, the
    finding's recommendation and date through ``finding_update`` (¶40). ``None`` leaves a
    field as it is; a recommendation equal to the stored one is not written again (the
    page's autosave sends the whole item at every change). Returns the item and whether the
    entry was applied (a re-sent older draft is not).

    The date is the inspector's own only when ``deadline_set_by_hand`` says so (the page's
    script knows whether the inspector touched the field); otherwise it is the default the
    form was showing and follows the severity. ``False`` puts a date set by hand back to the
    default (the inspector emptied the field). Without the flag (a plain form post), a date
    other than the one the form showed is the inspector's own."""
    shown = Finding.objects.filter(checklist_item=item).values_list("deadline", flat=True).first()
    item, applied = checklist_item_record(
        user=user,
        item=item,
        result=result,
        notes=notes,
        severity=severity,
        client_saved_at=client_saved_at,
    )
    if applied and item.is_deficient:
        finding = Finding.objects.select_related("mission").get(checklist_item=item)
        if recommendation == finding.recommendation:
            recommendation = None
        by_hand = deadline_set_by_hand
        if by_hand is None:
            by_hand = deadline is not None and deadline != shown
        if by_hand is False and finding.deadline_set_by_hand:
            finding.deadline_set_by_hand = False
            changed = finding_severity_set(finding, finding.severity)
            finding.save(update_fields=[*changed, "deadline_set_by_hand", "updated_at"])
        if not by_hand or (deadline == finding.deadline and finding.deadline_set_by_hand):
            deadline = None
        if recommendation is not None or deadline is not None:
            finding_update(
                user=user, finding=finding, recommendation=recommendation, deadline=deadline
            )
    return item, applied


@transaction.atomic
def evidence_add(*, user, upload, checklist_item=None, rectification=None) -> Evidence:
    """Attach a checked file to a checklist item (the team) or a rectification report (its
    reporter, while it awaits verification)."""
    content_type = evidence_file_type(upload)
    if checklist_item is not None:
        _recordable(user, checklist_item, field="file")
        organization_id = checklist_item.organization_id
    else:
        if rectification.reported_by_id != user.pk or rectification.decision != "pending":
            raise PermissionDenied(_("Only the reporter adds evidence, before verification."))
        organization_id = rectification.organization_id
    evidence = Evidence(
        organization_id=organization_id,
        checklist_item=checklist_item,
        rectification=rectification,
        name=(getattr(upload, "name", "") or "evidence")[:200],
        content_type=content_type,
        size=upload.size,
        sha256=sha256_of(upload),
        uploaded_by=user,
    )
    store_upload(evidence.file, upload, content_type=content_type, sha256=evidence.sha256)
    evidence.save()
    return evidence
