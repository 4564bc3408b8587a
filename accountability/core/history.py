"""Reading the audit trail, scoped like the objects it is about.

The event rows are written by database triggers (see ``audit``); this module only reads them:
one object's history for its page, and the events a user may see for ``/api/v1/audit-events/``.
Each entry carries who (user and username from the pghistory context, or the task or command
named in it), when, what happened, and the values before and after.

Snapshots are full rows, so a field that only some readers of the live row may see
(``scoping.private_fields``, such as dependants' birth dates and addresses) is left out of the
entries of those who may not see it on the row as it is now (``scoping.private_fields_q``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery

from accountability.core import scoping

# API name -> "app_label.Model" of every audited model whose history is served; each app
# registers its own from its AppConfig.ready().
_TRACKED: dict[str, str] = {}

SNAPSHOT_EXCLUDE = {"pgh_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id"}


def register(key: str, label: str) -> None:
    _TRACKED[key] = label


def tracked_keys() -> list[str]:
    return sorted(_TRACKED)


def tracked_model(key: str) -> type[models.Model]:
    return apps.get_model(_TRACKED[key])


def key_for(model: type[models.Model]) -> str | None:
    label = model._meta.label
    return next((key for key, value in _TRACKED.items() if value == label), None)


def event_model(model: type[models.Model]) -> type[Any]:
    # pghistory's generated event model: its manager and pgh_* fields are not in the stubs.
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


@dataclasses.dataclass
class HistoryEntry:
    id: str
    model: str
    object_id: int
    action: str
    at: dt.datetime
    user_id: int | None
    username: str | None
    source: str | None
    changes: dict[str, list[Any]]

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def object_history(obj: models.Model, *, user: Any = None, limit: int = 100) -> list[HistoryEntry]:
    """The newest ``limit`` events of one object (the caller has already scoped ``obj``), with
    the private fields ``user`` may not see left out; without ``user``, whole rows (the audit
    trail's own checks)."""
    model = type(obj)
    events = event_model(model).objects.filter(pgh_obj_id=obj.pk)
    if user is not None:
        events = _with_private_flag(user, model, events)
    return _entries(key_for(model), events.order_by("-pgh_created_at", "-pgh_id")[:limit])


def visible_history(
    user: Any,
    *,
    key: str | None = None,
    object_id: int | None = None,
    before: dt.datetime | None = None,
    since: dt.datetime | None = None,
    limit: int = 50,
    before_event: str | None = None,
) -> list[HistoryEntry]:
    """Events of objects ``user`` may see, newest first, across one or every audited model.

    Events are matched to the objects as they are now: events of a deleted object can no
    longer be joined to a scope, so only superusers see them here (the object's page and the
    Django admin keep them).

    Keyset paging: pass the last entry's ``at`` as ``before`` and its ``id`` as
    ``before_event``; events of one transaction share a timestamp (a bulk update writes many),
    so the time alone would skip the rest of them.
    """
    cursor_key, cursor_pgh_id = None, None
    if before is not None and before_event:
        cursor_key, _, raw_id = before_event.rpartition(":")
        cursor_pgh_id = int(raw_id) if raw_id.isdigit() else None
    keys = [key] if key else tracked_keys()
    entries: list[HistoryEntry] = []
    for name in keys:
        model = tracked_model(name)
        events = event_model(model).objects.filter(
            pgh_obj_id__in=scoping.visible_to(user, model).values("pk")
        )
        events = _with_private_flag(user, model, events)
        if object_id is not None:
            events = events.filter(pgh_obj_id=object_id)
        # cursor_key is a str whenever cursor_pgh_id is set (both come from before_event).
        if before is not None and cursor_pgh_id is not None and name <= cursor_key:  # type: ignore[operator]
            # Order is (at, key, pgh_id) descending: ties at ``before`` continue below it.
            tie = Q(pgh_created_at=before)
            if name == cursor_key:
                tie &= Q(pgh_id__lt=cursor_pgh_id)
            events = events.filter(Q(pgh_created_at__lt=before) | tie)
        elif before is not None:
            events = events.filter(pgh_created_at__lt=before)
        if since is not None:
            events = events.filter(pgh_created_at__gte=since)
        entries.extend(_entries(name, events.order_by("-pgh_created_at", "-pgh_id")[:limit]))
    entries.sort(key=_order, reverse=True)
    return entries[:limit]


def _order(entry: HistoryEntry) -> tuple[dt.datetime, str, int]:
    # The numeric event id, not the "key:id" text ("person:9" sorts after "person:10").
    key, _, pgh_id = entry.id.rpartition(":")
    return (entry.at, key, int(pgh_id))


def _with_private_flag(
    user: Any, model: type[models.Model], events: models.QuerySet[Any]
) -> models.QuerySet[Any]:
    """Annotate ``private_shown`` on events of a model with private fields: whether ``user``
    may see them on the object as it is now (in the same query, no query per event)."""
    if not scoping.private_fields(model):
        return events
    allowed = model._default_manager.filter(
        scoping.private_fields_q(user, model), pk=OuterRef("pgh_obj_id")
    )
    annotated: models.QuerySet[Any] = events.annotate(private_shown=Exists(allowed))
    return annotated


def _entries(key: str | None, events: models.QuerySet[Any]) -> list[HistoryEntry]:
    """Turn a sliced event queryset into entries with before/after values.

    Queries: the events with their context (1), the previous snapshots (1), usernames (1).
    """
    model = events.model
    previous = model.objects.filter(
        pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
    )
    rows = list(
        events.select_related("pgh_context").annotate(
            prev_id=Subquery(previous.order_by("-pgh_id").values("pgh_id")[:1])
        )
    )
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if f.attname not in SNAPSHOT_EXCLUDE]
    private = set(scoping.private_fields(model.pgh_tracked_model))
    prev_ids = [row.prev_id for row in rows if row.prev_id]
    previous_rows = (
        {row.pk: row for row in model.objects.filter(pk__in=prev_ids)} if prev_ids else {}
    )
    contexts = [row.pgh_context.metadata if row.pgh_context_id else {} for row in rows]
    user_ids = {c.get("user") for c in contexts if isinstance(c.get("user"), int)}
    User = get_user_model()
    usernames = (
        dict(User.objects.filter(pk__in=user_ids).values_list("pk", "username")) if user_ids else {}
    )

    entries = []
    for row, context in zip(rows, contexts, strict=True):
        before = previous_rows.get(row.prev_id)
        changes: dict[str, list[Any]] = {}
        hidden = private if not getattr(row, "private_shown", True) else set()
        for field in fields:
            if field.name in hidden or field.attname in hidden:
                continue
            new = _plain(getattr(row, field.attname))
            if row.pgh_label == "delete":
                changes[field.attname] = [new, None]
            elif before is None:
                changes[field.attname] = [None, new]
            else:
                old = _plain(getattr(before, field.attname))
                if old != new and field.attname != "updated_at":
                    changes[field.attname] = [old, new]
        user_id = context.get("user") if isinstance(context.get("user"), int) else None
        entries.append(
            HistoryEntry(
                id=f"{key}:{row.pgh_id}",
                model=key or model._meta.label,
                object_id=row.pgh_obj_id,
                action=row.pgh_label,
                at=row.pgh_created_at,
                user_id=user_id,
                username=usernames.get(user_id) if user_id is not None else None,
                source=context.get("source") or context.get("url"),
                changes=changes,
            )
        )
    return entries


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "key"):  # zoneinfo
        return str(value)
    return value
