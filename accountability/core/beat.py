"""One Celery beat per database: a second would send every scheduled task twice.

The beat holds a PostgreSQL session advisory lock for its whole life, on a connection of its
own that no request or task closes. The lock goes with the process or its connection, so a beat
that crashed leaves nothing stale behind, as a pidfile or a Redis key with a TTL would.
"""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

# Any bigint the project takes no other advisory lock with.
BEAT_LOCK_KEY = 57_365_001

_held: list[Any] = []


class AnotherBeatRunning(RuntimeError):
    pass


def beat_lock_acquire(*, using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using].copy()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [BEAT_LOCK_KEY])
        (acquired,) = cursor.fetchone()
    if not acquired:
        connection.close()
        raise AnotherBeatRunning(
            "Another Celery beat holds the schedule lock on this database; run one beat only "
            "(a second would send every scheduled task twice)."
        )
    _held.append(connection)


def beat_lock_held() -> bool:
    return bool(_held)


def beat_lock_release() -> None:
    """Closing the connection ends its session, and the lock with it."""
    while _held:
        _held.pop().close()
