"""Training reminders and their escalation, planned by set-based scans (Celery beat).

- Daily: every requirement due soon, overdue or expired gets a TrainingReminder (kind = the
  status, period = the day), and each person reminded gets one personal digest that day.
- Weekly (ISO week): overdue and expired items become MANAGER reminders, digested for each
  country representative and country focal point of the person's organization at the
  person's duty station or its country (¶15, ¶32; annex ¶24); items late more than
  ``TRAINING_ESCALATION_DAYS`` become ESCALATION reminders for the HQ focal points of the
  person's organization (annex ¶26).

Each scan is a handful of statements whatever the number of people: one ``INSERT … SELECT``
per rule kind built from the requirement view's queryset (ON CONFLICT DO NOTHING, so that a
rerun in the same period inserts nothing), one for the digests, then the ids of the period's
unsent digests are streamed and one send task is enqueued per batch of recipients. Nothing
passes through Python per requirement. The digests are written and sent in
training/services/reminder_digests.py, which re-checks rights at send time.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import DateTimeField, Exists, F, Model, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from actors.models import Person, ScopeKind
from appointments.models import Appointment, AppointmentStatus
from training.models import (
    DigestKind,
    ReminderDigest,
    ReminderKind,
    RuleKind,
    TrainingReminder,
    TrainingRequirement,
)
from training.requirements import LATE, REMINDED, statuses_q, with_status

# Recipients per send task: big enough to keep the queue short, small enough that a task
# redelivered after a crash redoes little (claimed digests are skipped anyway).
DIGEST_BATCH = 200
# Rows fetched per round trip while streaming the digest ids.
STREAM_CHUNK = 2000

PERSONAL_KINDS = (ReminderKind.DUE_SOON, ReminderKind.OVERDUE, ReminderKind.EXPIRED)
# The country representative and its country security focal point (¶15, annex ¶24).
MANAGER_ROLES = ("country_representative", "country_focal_point")
HQ_FOCAL_POINT = "hq_focal_point"


class ScanResult(NamedTuple):
    period: str
    reminders: int  # new reminder rows
    digests: int  # new digest rows
    batches: int  # send tasks enqueued (for every unsent digest of the period)


def day_period(today: dt.date) -> str:
    return today.isoformat()


def week_period(today: dt.date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


# --- Set-based writes ----------------------------------------------------------------------------


def insert_select(model: type[Model], columns: dict[str, str], queryset: QuerySet) -> int:
    """``INSERT INTO model (fields) SELECT … FROM (queryset) ON CONFLICT DO NOTHING``.

    ``columns`` maps each field of ``model`` to the name of the queryset's ``values()`` column
    that fills it. The database does the whole copy; returns the number of rows inserted.
    """
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    fields = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    values = ", ".join(f"q.{quote(alias)}" for alias in columns.values())
    # Names come from model metadata and our own code; every value is a parameter.
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({fields}) "  # noqa: S608
        f"SELECT {values} FROM ({sql}) q ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def _remember(
    *, today: dt.date, period: str, statuses, kind: str | None = None, late_days: int | None = None
) -> int:
    """Insert one reminder per requirement row in ``statuses`` (one statement per rule kind,
    so that each plans only its branch of the view). ``kind`` None: the status is the kind."""
    now = Value(timezone.now(), output_field=DateTimeField())
    inserted = 0
    for rule_kind in RuleKind.values:
        rows = with_status(TrainingRequirement.objects.filter(rule_kind=rule_kind), today).filter(
            statuses_q(statuses, today)
        )
        if late_days is not None:
            rows = rows.filter(days_late__gt=late_days)
        rows = rows.order_by().values(
            "person_id",
            "rule_id",
            "dependant_id",
            "deadline",
            reminder_kind=F("status") if kind is None else Value(kind),
            reminder_period=Value(period),
            reminded_at=now,
        )
        inserted += insert_select(
            TrainingReminder,
            {
                "person": "person_id",
                "rule": "rule_id",
                "dependant": "dependant_id",
                "kind": "reminder_kind",
                "period": "reminder_period",
                "due_on": "deadline",
                "created_at": "reminded_at",
            },
            rows,
        )
    return inserted


def _reachable_q(prefix: str = "") -> Q:
    """People a digest can reach: an active login (inbox and email) or an email address."""
    return Q(**{f"{prefix}is_active": True}) & (
        Q(**{f"{prefix}user__is_active": True}) | ~Q(**{f"{prefix}email": ""})
    )


def _create_digests(kind: str, period: str, recipients: QuerySet) -> int:
    """One digest per recipient (``recipients`` yields ``recipient_id``) for ``kind`` and
    ``period``; the unique (recipient, kind, period) keeps it at one however often we run."""
    rows = recipients.order_by().values(
        "recipient_id",
        digest_kind=Value(kind),
        digest_period=Value(period),
        digested_at=Value(timezone.now(), output_field=DateTimeField()),
        # Counted when sent (model defaults are not column defaults).
        digest_items=Value(0),
    )
    return insert_select(
        ReminderDigest,
        {
            "recipient": "recipient_id",
            "kind": "digest_kind",
            "period": "digest_period",
            "created_at": "digested_at",
            "items": "digest_items",
        },
        rows.distinct(),
    )


def _enqueue_unsent(kind: str, period: str, *, today: dt.date, batch_size: int, queue) -> int:
    """Stream the ids of the period's unsent digests and enqueue one send task per batch.

    Only this period's: yesterday's unsent digest is stale, today's lists the same items.
    Memory holds one batch; in autocommit each task is published as soon as its batch is full.
    """
    from training.tasks import send_training_digests

    def enqueue(ids: list[int]) -> None:
        send_training_digests.apply_async((ids,), {"today": today.isoformat()}, queue=queue)

    ids = (
        ReminderDigest.objects.filter(kind=kind, period=period, sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=STREAM_CHUNK)
    )
    batches = 0
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == batch_size:
            transaction.on_commit(partial(enqueue, batch))
            batches += 1
            batch = []
    if batch:
        transaction.on_commit(partial(enqueue, batch))
        batches += 1
    return batches


# --- The scans -----------------------------------------------------------------------------------


def daily_scan(*, today: dt.date, batch_size: int = DIGEST_BATCH, queue=None) -> ScanResult:
    """Each person with requirements due soon, overdue or expired: one digest today."""
    period = day_period(today)
    reminders = _remember(today=today, period=period, statuses=REMINDED)
    reminded = TrainingReminder.objects.filter(period=period, kind__in=PERSONAL_KINDS)
    recipients = Person.objects.filter(_reachable_q(), pk__in=reminded.values("person_id"))
    digests = _create_digests(
        DigestKind.PERSONAL, period, recipients.annotate(recipient_id=F("pk"))
    )
    batches = _enqueue_unsent(
        DigestKind.PERSONAL, period, today=today, batch_size=batch_size, queue=queue
    )
    return ScanResult(period, reminders, digests, batches)


def _active_appointments(*roles: str) -> QuerySet:
    return Appointment.objects.filter(
        _reachable_q("person__"), status=AppointmentStatus.ACTIVE, role__code__in=roles
    )


def manager_scan(*, today: dt.date, batch_size: int = DIGEST_BATCH, queue=None) -> ScanResult:
    """Weekly: overdue and expired items to the country representative and country focal
    point of the person's organization at the person's duty station or its country."""
    period = week_period(today)
    reminders = _remember(today=today, period=period, statuses=LATE, kind=ReminderKind.MANAGER)
    late = TrainingReminder.objects.filter(
        kind=ReminderKind.MANAGER,
        period=period,
        person__organization_id=OuterRef("organization_id"),
    )
    # Two EXISTS rather than one with OR: each walks the people index of its scope.
    recipients = _active_appointments(*MANAGER_ROLES).filter(
        Q(Exists(late.filter(person__duty_station_id=OuterRef("scope_duty_station_id"))))
        | Q(Exists(late.filter(person__duty_station__country_id=OuterRef("scope_country_id"))))
    )
    digests = _create_digests(
        DigestKind.MANAGER, period, recipients.annotate(recipient_id=F("person_id"))
    )
    batches = _enqueue_unsent(
        DigestKind.MANAGER, period, today=today, batch_size=batch_size, queue=queue
    )
    return ScanResult(period, reminders, digests, batches)


def escalation_scan(*, today: dt.date, batch_size: int = DIGEST_BATCH, queue=None) -> ScanResult:
    """Weekly: items late more than TRAINING_ESCALATION_DAYS to the HQ focal points of the
    person's organization (annex ¶26)."""
    period = week_period(today)
    reminders = _remember(
        today=today,
        period=period,
        statuses=LATE,
        kind=ReminderKind.ESCALATION,
        late_days=settings.TRAINING_ESCALATION_DAYS,
    )
    escalated = TrainingReminder.objects.filter(
        kind=ReminderKind.ESCALATION,
        period=period,
        person__organization_id=OuterRef("scope_organization_id"),
    )
    recipients = _active_appointments(HQ_FOCAL_POINT).filter(
        Exists(escalated), scope_kind=ScopeKind.ORGANIZATION
    )
    digests = _create_digests(
        DigestKind.ESCALATION, period, recipients.annotate(recipient_id=F("person_id"))
    )
    batches = _enqueue_unsent(
        DigestKind.ESCALATION, period, today=today, batch_size=batch_size, queue=queue
    )
    return ScanResult(period, reminders, digests, batches)


def reminders_prune(*, today: dt.date) -> tuple[int, int]:
    """Forget reminders and sent digests older than TRAINING_REMINDER_RETENTION_DAYS.

    A reminder row only has to outlive its period (a day, a week) for the scans to stay
    idempotent; kept for ever, a row per due item per day would grow without bound. Unsent
    digests are kept whatever their age: a rerun still owes them.
    """
    cutoff = timezone.make_aware(
        dt.datetime.combine(
            today - dt.timedelta(days=settings.TRAINING_REMINDER_RETENTION_DAYS), dt.time.min
        )
    )
    reminders, _ = TrainingReminder.objects.filter(created_at__lt=cutoff).delete()
    digests, _ = ReminderDigest.objects.filter(sent_at__lt=cutoff).delete()
    return reminders, digests
