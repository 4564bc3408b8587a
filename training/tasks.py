from celery import shared_task

from accountability.core.audit import audit_context
from training.models import Certificate


@shared_task(acks_late=True, name="training.tasks.render_certificate")
def render_certificate(certificate_id: int) -> bool:
    """Render a certificate once (idempotent)."""
    from training.certificates import certificate_render

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    with audit_context(source="task:render_certificate"):
        return certificate_render(certificate)
