"""The demo data set, seeded app by app: a registry of seeders and the one run that calls them.

Each app that has demo rows provides a seeder (``<app>/demo/``) and registers it from its
``AppConfig.ready()``::

    demo.register("training", "training.demo.seed_training", after=("actors",))

``manage.py seed_demo`` calls :func:`seed`, which runs every registered seeder once, each
after those it names in ``after`` (actors first: the people, places and roles every other
app's rows refer to), in one transaction attributed to ``command:seed_demo``. A seeder takes
the :class:`DemoRun` and returns its counts per kind; what later seeders build on (the plan,
the inserted rows) it leaves in ``run.shared``, and the tables it filled it adds to
``run.analyze``. The seeder is named by its dotted path, imported only when the seed runs:
the core imports no app, and no process but the seed loads the demo code.

Shared helpers: bulk.py (COPY with the audit events the trigger would write), pdf.py and
images.py (sample uploads that cost next to nothing).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accountability.core.audit import audit_context

SOURCE = "command:seed_demo"


@dataclass
class DemoRun:
    """One run of the seed: its parameters, its log and what seeders hand to later ones."""

    scale: float
    seed: int
    today: dt.date
    step: Callable[[str], None]
    shared: dict[str, Any] = field(default_factory=dict)
    # Tables whose statistics to refresh once the data are in.
    analyze: list[str] = field(default_factory=list)


Seeder = Callable[[DemoRun], dict[str, int]]


@dataclass(frozen=True)
class Registration:
    name: str
    seeder: str  # dotted path to a Seeder
    after: tuple[str, ...]


_registry: dict[str, Registration] = {}


def register(name: str, seeder: str, *, after: tuple[str, ...] = ()) -> None:
    """Register (or replace) the seeder ``name`` (the dotted path of a :data:`Seeder`), run
    after the seeders named in ``after``."""
    _registry[name] = Registration(name, seeder, tuple(after))


def registered() -> list[Registration]:
    """The seeders in the order they run: each after those it names, otherwise by name.
    A name in ``after`` that no one registered, or a cycle, is a programming error."""
    ordered: list[Registration] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise RuntimeError(f"demo seeders depend on each other in a circle at {name!r}")
        if name not in _registry:
            raise RuntimeError(f"no demo seeder named {name!r} is registered")
        visiting.add(name)
        for before in sorted(_registry[name].after):
            visit(before)
        visiting.discard(name)
        done.add(name)
        ordered.append(_registry[name])

    for name in sorted(_registry):
        visit(name)
    return ordered


def seed(
    *,
    scale: float,
    seed: int,
    log: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Run every registered seeder in one transaction; returns the number of rows per kind.

    Training statuses are read against the current day, so dates that depend on it count back
    from ``today`` (default: the day it runs).
    """
    log = log or (lambda _msg: None)
    started = time.monotonic()

    def step(msg: str) -> None:
        log(f"[{time.monotonic() - started:6.1f}s] {msg}")

    run = DemoRun(scale=scale, seed=seed, today=today or timezone.localdate(), step=step)
    seeders: list[Seeder] = [import_string(r.seeder) for r in registered()]
    summary: dict[str, int] = {}
    with audit_context(source=SOURCE), transaction.atomic():
        # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: left deferred, PostgreSQL
        # queues a check per inserted row until commit and every later statement in the
        # transaction gets slower (seeding took 4.5 min instead of well under one).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for seeder in seeders:
            summary |= seeder(run)
    # Fresh statistics: until autovacuum gets round to it, the planner would take the new
    # tables for nearly empty ones and pick poor plans for the first requests.
    if run.analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, run.analyze)))
    step("done")
    return summary
