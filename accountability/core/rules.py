"""Who sees the core's own rows: each user reads and marks its own notifications."""

from __future__ import annotations

from django.db.models import Q

from . import scoping
from .models import Notification


def register() -> None:
    scoping.register(
        Notification, visible=lambda u: Q(user_id=u.pk), editable=lambda u: Q(user_id=u.pk)
    )
