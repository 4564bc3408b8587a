from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from accountability.core.models import Notification
from accountability.core.notifications import mail_address


@shared_task(acks_late=True, name="core.send_notification_email")  # type: ignore[untyped-decorator]  # celery has no types
def send_notification_email(notification_id: int) -> bool:
    """Email one notice. Claims it first: another worker that got there first wins."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("user", "person__user").get(
        pk=notification_id
    )
    # The address as it is now, by the one rule for where a person's mail goes.
    address = mail_address(user=notification.user, person=notification.person)
    if not address:
        return False
    body = notification.body
    # An email-alone notice keeps only a link that needs no login (notify_person's public_url).
    if notification.url:
        body += f"\n\n{settings.SITE_URL.rstrip('/')}{notification.url}"
    send_mail(notification.subject, body, None, [address])
    return True
