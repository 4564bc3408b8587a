"""The day a scheduled task works on."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def task_today(today: str | None = None) -> dt.date:
    """``today`` (an ISO date, given by tests and replays) or the current local date.

    Beat tasks take the day as an optional string argument so that a run can be replayed for a
    past day; the task itself never decides what "today" is in another way.
    """
    return dt.date.fromisoformat(today) if today else timezone.localdate()
