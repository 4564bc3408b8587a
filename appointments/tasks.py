from celery import shared_task

from accountability.core.audit import audit_context
from accountability.core.dates import task_today
from appointments.models import AppointmentLetter


@shared_task(acks_late=True, name="appointments.tasks.apply_appointment_dates")
def apply_appointment_dates() -> dict[str, int]:
    """Start and end appointments on their dates; idempotent, safe to run concurrently."""
    from appointments.services.appointments import apply_appointment_dates as apply

    return apply()


@shared_task(acks_late=True, name="appointments.tasks.render_letter")
def render_letter(letter_id: int) -> bool:
    """Render an approved appointment's letter once (idempotent)."""
    from appointments.letters import letter_render

    letter = AppointmentLetter.objects.filter(pk=letter_id).first()
    if letter is None:
        return False
    with audit_context(source="task:render_letter"):
        return letter_render(letter)


# --- Scheduled by Celery beat (accountability/celery.py) ----------------------------------------
# Each takes an optional ISO date (tests and replays); every notice is keyed, so a task that
# runs twice, or is redelivered after acks_late, sends nothing twice.


@shared_task(acks_late=True, name="appointments.tasks.remind_consultations")
def remind_consultations(today: str | None = None) -> int:
    """Remind, once, the SMT members yet to answer a consultation closing within a working day."""
    from appointments.services.reminders import consultation_reminders_send

    with audit_context(source="task:remind_consultations"):
        return consultation_reminders_send(today=task_today(today))


@shared_task(acks_late=True, name="appointments.tasks.remind_pending_decisions")
def remind_pending_decisions(today: str | None = None) -> int:
    """Remind the DO, daily, of nominations whose SMT consultation has closed."""
    from appointments.services.reminders import decision_reminders_send

    with audit_context(source="task:remind_pending_decisions"):
        return decision_reminders_send(today=task_today(today))


@shared_task(acks_late=True, name="appointments.tasks.notify_ending_appointments")
def notify_ending_appointments(today: str | None = None) -> int:
    """Tell the DO once that an appointment ends within APPOINTMENT_ENDING_NOTICE_DAYS."""
    from appointments.services.reminders import ending_notices_send

    with audit_context(source="task:notify_ending_appointments"):
        return ending_notices_send(today=task_today(today))


@shared_task(acks_late=True, name="appointments.tasks.send_vacancy_digest")
def send_vacancy_digest(today: str | None = None) -> int:
    """Send each DO and FSCO, weekly, the vacancies of their scope."""
    from appointments.services.reminders import vacancy_digest_send

    with audit_context(source="task:send_vacancy_digest"):
        return vacancy_digest_send(today=task_today(today))
