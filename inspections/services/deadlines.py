"""The clock of ¶40, run daily by Celery beat (accountability/celery.py).

- Rectification dates: the accountable person and the DO are reminded 7 days before a
  finding's date (INSPECTION_REMINDER_DAYS) and on it. Each reminder is a FindingReminder row,
  unique per finding, kind and date, inserted by the scan and claimed once by the sender: a
  scan run twice, or killed halfway and run again, sends each reminder once. A scan that did
  not run on the day catches up the next day.
- Follow-up visits: a debriefed mission whose last date has passed with findings open gets
  its follow-up visit scheduled, and the lead inspector and the DO are told.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notices
from ..models import Finding, FindingReminder, FindingStatus, Mission, MissionStatus
from ..models.findings import UNRESOLVED, ReminderKind
from ..models.missions import REPORTED
from .followups import follow_up_schedule


class ScanResult(NamedTuple):
    created: int
    sent: int


def _due(today: dt.date) -> list[FindingReminder]:
    ahead = settings.INSPECTION_REMINDER_DAYS
    base = Finding.objects.filter(
        status=FindingStatus.OPEN, mission__status__in=REPORTED
    ).values_list("pk", "deadline")
    # Catch-up window: a reminder missed for a day or two is still worth sending; one for a
    # date long gone is not (the follow-up visit takes over).
    week_before = base.filter(deadline__gt=today, deadline__lte=today + dt.timedelta(days=ahead))
    on_deadline = base.filter(deadline__lte=today, deadline__gt=today - dt.timedelta(days=ahead))
    return [
        FindingReminder(finding_id=pk, kind=ReminderKind.WEEK_BEFORE, deadline=deadline)
        for pk, deadline in week_before
    ] + [
        FindingReminder(finding_id=pk, kind=ReminderKind.ON_DEADLINE, deadline=deadline)
        for pk, deadline in on_deadline
    ]


def reminders_create(*, today: dt.date) -> int:
    """Insert the reminders due today that do not exist yet; returns how many. Reads only
    the due findings' reminders, never the whole (ever-growing) table."""
    due = _due(today)
    if not due:
        return 0
    existing = set(
        FindingReminder.objects.filter(finding_id__in={r.finding_id for r in due}).values_list(
            "finding_id", "kind", "deadline"
        )
    )
    new = [r for r in due if (r.finding_id, r.kind, r.deadline) not in existing]
    # A scan running at the same moment may insert the same rows: the unique constraint keeps
    # one, and each is claimed once when sent.
    FindingReminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return len(new)


def _message(reminder: FindingReminder) -> tuple[str, str]:
    finding = reminder.finding
    item = finding.checklist_item
    values = {
        "ref": finding.mission.reference,
        "paragraph": item.reference,
        "date": reminder.deadline.isoformat(),
        "station": finding.mission.duty_station.name,
    }
    if reminder.kind == ReminderKind.WEEK_BEFORE:
        subject = _("Finding %(ref)s %(paragraph)s must be rectified by %(date)s") % values
    else:
        subject = _("Finding %(ref)s %(paragraph)s was due to be rectified on %(date)s") % values
    body = (
        _(
            "Inspection %(ref)s at %(station)s found %(paragraph)s not complied with. Report the "
            "rectification, with evidence, by %(date)s (A/57/365 ¶40)."
        )
        % values
    )
    return subject, body


def reminder_send(*, reminder_id: int) -> bool:
    """Claim and send one reminder, to the accountable person (if they may still see the
    finding) and the station's DO; False if another run sent it."""
    from accountability.core import scoping

    with transaction.atomic():
        claimed = FindingReminder.objects.filter(pk=reminder_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            return False
        reminder = FindingReminder.objects.select_related(
            "finding__mission__duty_station",
            "finding__checklist_item",
            "finding__accountable_person__user",
        ).get(pk=reminder_id)
        finding = reminder.finding
        if finding.status != FindingStatus.OPEN:
            return True  # reported or closed since the scan: nothing to remind of
        users = list(notices.designated_official_logins(finding.mission.duty_station))
        person = finding.accountable_person
        person_user = person.user
        persons = []
        if person_user is not None and person_user.is_active:
            if scoping.visible_to(person_user, Finding).filter(pk=finding.pk).exists():
                users.append(person_user)
        else:
            # No login whose rights could be checked: the finding is still theirs to rectify
            # (¶40), so they are told by email at their person record's address.
            persons.append(person)
        subject, body = _message(reminder)
        for tell, recipients in ((notices.tell, users), (notices.tell_persons, persons)):
            tell(
                recipients,
                key=f"finding-reminder:{reminder.pk}",
                subject=subject,
                body=body,
                url=notices.finding_url(finding),
            )
    return True


def scan_reminders(*, today: dt.date) -> ScanResult:
    created = reminders_create(today=today)
    sent = 0
    for reminder_id in (
        FindingReminder.objects.filter(sent_at__isnull=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    ):
        sent += reminder_send(reminder_id=reminder_id)
    return ScanResult(created=created, sent=sent)


def scan_follow_ups(*, today: dt.date) -> ScanResult:
    """Schedule the follow-up visit of every debriefed mission whose last date has passed."""
    # Findings already verified rectified do not hold the visit back.
    later = Finding.objects.filter(
        mission_id=OuterRef("pk"), deadline__gte=today, status__in=UNRESOLVED
    )
    due = Mission.objects.filter(status=MissionStatus.DEBRIEFED).filter(~Q(Exists(later)))
    scheduled = 0
    for mission in due.order_by("pk"):
        if follow_up_schedule(mission=mission, today=today) is not None:
            scheduled += 1
    return ScanResult(created=scheduled, sent=scheduled)
