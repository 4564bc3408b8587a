"""Telling people: an in-app notice and an email, once.

``notify`` writes a Notification keyed by (user, key); a second call with the same key finds
the row and sends nothing, which makes scheduled jobs safe to run twice. The email leaves
from a Celery task after the transaction commits; the task claims the row with a
conditional UPDATE so that a retried task never sends the same mail twice.
"""

from __future__ import annotations

from django.db import transaction

from accountability.core.models import Notification


def notify(*, user, key: str, subject: str, body: str, url: str = "") -> Notification | None:
    """Notify ``user`` once per ``key``; returns the new notice, or None if it existed."""
    if user is None or not user.is_active:
        return None
    notification, created = Notification.objects.get_or_create(
        user=user, key=key[:200], defaults={"subject": subject[:200], "body": body, "url": url}
    )
    if not created:
        return None
    if user.email:
        from accountability.core.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_read(*, user, notification: Notification) -> Notification:
    """Mark the user's own notice read; reading it again keeps the first time."""
    from django.utils import timezone

    Notification.objects.filter(pk=notification.pk, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return notification


def notifications_read_all(*, user) -> int:
    """Mark every unread notice of ``user`` read; returns how many were."""
    from django.utils import timezone

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
