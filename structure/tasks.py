from celery import shared_task

from accountability.core.audit import audit_context
from structure.models import AppointmentLetter


@shared_task(acks_late=True, name="structure.tasks.render_letter")
def render_letter(letter_id: int) -> bool:
    """Render an approved appointment's letter once (idempotent)."""
    from structure.letters import letter_render

    letter = AppointmentLetter.objects.filter(pk=letter_id).first()
    if letter is None:
        return False
    with audit_context(source="task:render_letter"):
        return letter_render(letter)
