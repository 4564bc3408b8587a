"""Telling people: an in-app notice and an email, once.

``notify`` writes a Notification keyed by (user, key); a second call with the same key finds
the row and sends nothing, which makes scheduled jobs safe to run twice. The email leaves
from a Celery task after the transaction commits; the task claims the row with a
conditional UPDATE so that a retried task never sends the same mail twice.

``notify_person`` tells a person rather than a login: through their login when they have an
active one, else by email alone to the address on their person record, so that staff without a
login (SMT members of other agencies, nominees, accountable persons) are not left out.
``mail_address`` is the one rule for where a person's mail goes.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accountability.core.models import Notification


def mail_address(*, user: Any = None, person: Any = None) -> str:
    """Where a person's mail goes: their login's email when the login has one, else the email
    on their person record; "" when there is neither. Give the login, the person, or both."""
    if user is None and person is not None and person.user_id:
        user = person.user
    if user is not None and user.email:
        email: str = user.email
        return email
    if person is None and user is not None:
        person = getattr(user, "person", None)  # a login need not belong to a person
    return (person.email if person is not None else "") or ""


def notify(*, user: Any, key: str, subject: str, body: str, url: str = "") -> Notification | None:
    """Notify ``user`` once per ``key``; returns the new notice, or None if it existed."""
    if user is None or not user.is_active:
        return None
    notification, created = Notification.objects.get_or_create(
        user=user, key=key[:200], defaults={"subject": subject[:200], "body": body, "url": url}
    )
    if not created:
        return None
    if mail_address(user=user):
        _email_after_commit(notification)
    return notification


def notify_person(
    *, person: Any, key: str, subject: str, body: str, url: str = "", public_url: str = ""
) -> Notification | None:
    """Notify ``person`` once per ``key``: in the app and by email through an active login,
    else by email alone (an in-app notice needs a login). None if it existed, or if the person
    is inactive or has no address to write to.

    ``url`` is the page a login opens; ``public_url`` a link that needs none (a signed one),
    the only link an email-alone notice carries: the person could not open ``url``."""
    if person is None or not person.is_active:
        return None
    user = person.user if person.user_id else None
    if user is not None and user.is_active:
        return notify(user=user, key=key, subject=subject, body=body, url=url)
    if not mail_address(person=person):
        return None
    notification, created = Notification.objects.get_or_create(
        user=None,
        person=person,
        key=key[:200],
        defaults={"subject": subject[:200], "body": body, "url": public_url},
    )
    if not created:
        return None
    _email_after_commit(notification)
    return notification


def _email_after_commit(notification: Notification) -> None:
    from accountability.core.tasks import send_notification_email

    transaction.on_commit(lambda: send_notification_email.delay(notification.pk))


def notification_read(*, user: Any, notification: Notification) -> Notification:
    """Mark the user's own notice read; reading it again keeps the first time."""
    from django.utils import timezone

    Notification.objects.filter(pk=notification.pk, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return notification


def notifications_read_all(*, user: Any) -> int:
    """Mark every unread notice of ``user`` read; returns how many were."""
    from django.utils import timezone

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
