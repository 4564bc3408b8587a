"""COPY for the largest demo tables, with the audit events written set-based.

``bulk_create`` of 100,000 people spends most of its time building and parsing huge INSERT
statements, and pghistory's insert trigger adds a PL/pgSQL call per row that also upserts the
context row. Here rows go in by COPY with that trigger disabled, and the same insert events
are written afterwards by one ``INSERT … SELECT`` from the new rows, attributed to the current
pghistory context: the audit trail is the one the trigger would have written. Foreign keys
and constraints are still checked row by row.

The trigger is disabled with ``ALTER TABLE … DISABLE TRIGGER`` inside the caller's
transaction (rolled back with it, and enabled again right after the COPY): pgtrigger.ignore
leaves the trigger firing to check whether to skip itself, which cost about half as much
again as the COPY. The ALTER locks the table until the transaction ends, and the new rows
are told apart by their ids: both assume that no one else writes to the table meanwhile (the
seed fills a database without personnel).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pgtrigger
from django.apps import apps
from django.db import connection, transaction

PLAIN_TYPES = {
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}
# COPY's text format: backslash escapes, \N for NULL.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return str(value)


def copy_with_events(model: Any, columns: Sequence[str], rows: Iterable[Iterable[Any]]) -> int:
    """COPY ``rows`` (values in ``columns`` order) into ``model``'s table and write their
    insert events. Returns the id the new rows follow (they have larger ones)."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("copy_with_events needs a transaction.")
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    [(_model, trigger)] = pgtrigger.registered(f"{model._meta.label}:insert_insert")
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join([_text(value) for value in row]))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608
        before: int
        (before,) = cursor.fetchone()
        name = quote(trigger.get_pgid(model))
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        names = ", ".join(quote(column) for column in columns)
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
    _write_insert_events(model, before)
    return before


def copy_objects(model: type[Any], objects: list[Any], *, key: Sequence[str]) -> list[Any]:
    """``bulk_create`` by COPY: saves ``objects`` (unsaved instances of ``model``) and sets
    their primary keys, found again by ``key``, fields unique together among the new rows."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    # Python values of these types print as PostgreSQL reads them (_text): no conversion.
    plain = [field.get_internal_type() in PLAIN_TYPES for field in fields]

    def values(obj: Any) -> Iterator[Any]:
        for field, as_is in zip(fields, plain, strict=True):
            value = field.pre_save(obj, True)
            yield value if as_is else field.get_db_prep_save(value, connection)

    before = copy_with_events(model, [field.column for field in fields], map(values, objects))
    columns = [model._meta.get_field(name).column for name in key]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {', '.join(quote(c) for c in columns)} "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} WHERE id > %s",
            [before],
        )
        ids = {tuple(row[1:]): row[0] for row in cursor.fetchall()}
    attnames = [model._meta.get_field(name).attname for name in key]
    for obj in objects:
        obj.pk = ids[tuple(getattr(obj, name) for name in attnames)]
        obj._state.adding = False
    return objects


def _write_insert_events(model: type[Any], after_id: int) -> None:
    event = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    tracked = [
        field.column for field in event._meta.concrete_fields if not field.name.startswith("pgh_")
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in tracked)
    with connection.cursor() as cursor:
        # The context of the surrounding audit_context(), once, as the trigger would attach it.
        cursor.execute("SELECT _pgh_attach_context()")
        (context_id,) = cursor.fetchone()
        cursor.execute(
            f"INSERT INTO {quote(event._meta.db_table)} "  # noqa: S608 - names from metadata
            f"(pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, {columns}) "
            f"SELECT NOW(), 'insert', id, %s, {columns} FROM {quote(model._meta.db_table)} "
            "WHERE id > %s",
            [context_id, after_id],
        )
