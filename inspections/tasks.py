"""Celery tasks of the inspection cycle: they take ids and call the services."""

from __future__ import annotations

from celery import shared_task

from accountability.core.audit import audit_context
from accountability.core.dates import task_today


@shared_task(acks_late=True, name="inspections.tasks.render_mission_report")
def render_mission_report(report_id: int) -> bool:
    """Render a debrief report once (idempotent)."""
    from inspections.models import MissionReport
    from inspections.services.reports import mission_report_render

    report = MissionReport.objects.filter(pk=report_id).first()
    if report is None:
        return False
    with audit_context(source="task:render_mission_report"):
        return mission_report_render(report)


# A mail server that is down fails the task; it is retried and sent deliveries are skipped.
@shared_task(
    acks_late=True,
    name="inspections.tasks.send_escalation",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_escalation(escalation_id: int) -> int:
    """Render the non-compliance report once and send it to each recipient once (¶40)."""
    from inspections.models import Escalation
    from inspections.services.escalations import escalation_send

    escalation = Escalation.objects.filter(pk=escalation_id).first()
    if escalation is None:
        return 0
    with audit_context(source="task:send_escalation"):
        return escalation_send(escalation=escalation)


@shared_task(acks_late=True, name="inspections.tasks.scan_finding_deadlines")
def scan_finding_deadlines(today: str | None = None) -> dict:
    """Daily: reminders 7 days before each rectification date and on it (¶40)."""
    from inspections.services.deadlines import scan_reminders

    with audit_context(source="task:scan_finding_deadlines"):
        return scan_reminders(today=task_today(today))._asdict()


@shared_task(acks_late=True, name="inspections.tasks.scan_follow_ups")
def scan_follow_ups(today: str | None = None) -> dict:
    """Daily: follow-up visits for missions whose last rectification date has passed (¶40)."""
    from inspections.services.deadlines import scan_follow_ups as scan

    with audit_context(source="task:scan_follow_ups"):
        return scan(today=task_today(today))._asdict()


@shared_task(acks_late=True, name="inspections.tasks.resend_escalations")
def resend_escalations() -> int:
    """Daily: send any delivery of a non-compliance report left unsent (a task lost)."""
    from inspections.models import EscalationDelivery

    ids = set(
        EscalationDelivery.objects.filter(sent_at__isnull=True).values_list(
            "escalation_id", flat=True
        )
    )
    for pk in sorted(ids):
        send_escalation.delay(pk)
    return len(ids)
