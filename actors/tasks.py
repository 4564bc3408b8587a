from celery import shared_task

from actors.services.appointments import apply_appointment_dates as _apply


@shared_task(acks_late=True, name="actors.tasks.apply_appointment_dates")
def apply_appointment_dates() -> dict[str, int]:
    """Start and end appointments on their dates; idempotent, safe to run concurrently."""
    return _apply()
