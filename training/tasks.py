from celery import shared_task

from accountability.core.audit import audit_context
from accountability.core.dates import task_today
from training.models import Certificate


@shared_task(acks_late=True, name="training.tasks.render_certificate")
def render_certificate(certificate_id: int) -> bool:
    """Render a certificate once (idempotent)."""
    from training.services.certificates import certificate_render

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    with audit_context(source="task:render_certificate"):
        return certificate_render(certificate)


# --- Reminders and escalation, scheduled by Celery beat (accountability/celery.py) ---------------
# Each scan takes an optional ISO date (tests and replays). Reminders and digests are unique
# per period, and each digest is claimed when sent: a scan that runs twice, or a task that is
# redelivered after acks_late, sends nothing twice.


def _queue(task) -> str | None:
    # The send batches follow the scan's queue, so that a dedicated queue (or a test's) keeps
    # the whole run together; None (eager, or the default queue) routes as usual.
    return (task.request.delivery_info or {}).get("routing_key")


@shared_task(bind=True, acks_late=True, name="training.tasks.scan_training_reminders")
def scan_training_reminders(self, today: str | None = None) -> dict:
    """Daily: one digest per person with training due soon, overdue or expired."""
    from training.services.reminders import daily_scan

    with audit_context(source="task:scan_training_reminders"):
        return daily_scan(today=task_today(today), queue=_queue(self))._asdict()


@shared_task(bind=True, acks_late=True, name="training.tasks.scan_training_manager_reminders")
def scan_training_manager_reminders(self, today: str | None = None) -> dict:
    """Weekly: overdue items to the country representatives and focal points (¶15, annex ¶24)."""
    from training.services.reminders import manager_scan

    with audit_context(source="task:scan_training_manager_reminders"):
        return manager_scan(today=task_today(today), queue=_queue(self))._asdict()


@shared_task(bind=True, acks_late=True, name="training.tasks.scan_training_escalations")
def scan_training_escalations(self, today: str | None = None) -> dict:
    """Weekly: items late past TRAINING_ESCALATION_DAYS to the HQ focal points (annex ¶26)."""
    from training.services.reminders import escalation_scan

    with audit_context(source="task:scan_training_escalations"):
        return escalation_scan(today=task_today(today), queue=_queue(self))._asdict()


# A mail server that is down fails the batch; it is retried a few minutes later and the
# digests already claimed are skipped.
@shared_task(
    acks_late=True,
    name="training.tasks.send_training_digests",
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_training_digests(digest_ids: list[int], today: str | None = None) -> int:
    """Send a batch of digests, each claimed once; returns how many went out."""
    from training.services.reminder_digests import digests_send

    with audit_context(source="task:send_training_digests"):
        return digests_send(digest_ids, today=task_today(today))


@shared_task(acks_late=True, name="training.tasks.prune_training_reminders")
def prune_training_reminders(today: str | None = None) -> list[int]:
    """Weekly: forget reminder records past TRAINING_REMINDER_RETENTION_DAYS."""
    from training.services.reminders import reminders_prune

    return list(reminders_prune(today=task_today(today)))
