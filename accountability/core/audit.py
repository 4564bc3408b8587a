"""The audit trail.

django-pghistory writes an event row from a database trigger for every insert, update and
delete of a tracked model, so bulk and raw SQL changes are recorded too. Event tables are
append-only (PGHISTORY_APPEND_ONLY installs UPDATE/DELETE protection triggers).

Who did it comes from the pghistory context: the middleware records the user and URL
of each writing request (pghistory.middleware.HistoryMiddleware, which also follows DRF
setting ``request.user`` after token authentication); tasks and commands wrap their work
in ``audit_context()``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pghistory


def track(**kwargs: Any) -> Callable[[type[Any]], type[Any]]:
    """Decorator for domain models: full-row snapshots on insert, update and delete.

    pghistory's defaults leave deletes out. Trackers are built per model: an instance shared
    between models keeps the first model's fields.
    """
    decorator: Callable[[type[Any]], type[Any]] = pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **kwargs
    )
    return decorator


@contextlib.contextmanager
def audit_context(*, user: Any = None, source: str, **extra: Any) -> Iterator[None]:
    """Attribute the writes inside the block to ``user`` (or none) and a named source.

    Used by Celery tasks ("task:<name>"), management commands and services that run outside
    a request; the values land in every event row written inside the block.
    """
    values = {"source": source, **extra}
    if user is not None:
        values["user"] = user.pk
    with pghistory.context(**values):
        yield
