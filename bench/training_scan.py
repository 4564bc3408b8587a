"""The daily training reminder scan against the bare SQL that finds the same due set.

Run in a process of its own per database (``python -m bench.training_scan``, DATABASE_URL
set), printing one JSON object; ``python -m bench training-scan`` drives it at two data
sizes and prints the table.

The scan is the beat task itself, ``training.tasks.scan_training_reminders``, called in this
process for a fixed day: one ``INSERT … SELECT`` of reminders per rule kind, the digests,
then the ids of the unsent digests streamed and one send task published per batch of
recipients. Publishing goes to kombu's filesystem transport in a throw-away folder: the work
of publishing is measured, the messages leave the process as they would for Redis, and none
reaches a real queue (no worker sends these digests). Between runs the day's reminders,
digests and messages are deleted, so that each run does the whole job. The bare SQL counts, per rule
kind, the requirement rows due soon, overdue or expired over the same view: the set the scan
finds, without writing it.

Memory: tracemalloc's peak during one scan (Python's allocations), and how far the process's
resident size rose above what it was before the first scan (VmHWM - VmRSS, from /proc). Both
must stay the same at both data sizes: the scan streams ids in chunks and holds one batch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

RAW_SQL = """
SELECT count(*) FROM (
    SELECT person_id, rule_id, dependant_id, coalesce(valid_until, due_on) AS deadline
    FROM training_requirement
    WHERE rule_kind = %(kind)s
      AND ((completed_on IS NOT NULL AND valid_until <= %(soon)s)
        OR (completed_on IS NULL AND due_on <= %(soon)s))
) due
"""


def _setup(folder: Path) -> None:
    from .training_data import setup_django

    setup_django()
    from accountability.celery import app

    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(folder),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    app.conf.task_always_eager = False


def _memory_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _clear(today: dt.date, folder: Path) -> None:
    from training.models import ReminderDigest, TrainingReminder
    from training.services.reminders import day_period

    period = day_period(today)
    TrainingReminder.objects.filter(period=period).delete()
    ReminderDigest.objects.filter(period=period).delete()
    # Messages are the folder's files; kombu keeps its fanout bindings in ``control/``.
    for message in folder.iterdir():
        if message.is_file():
            message.unlink()


def _scan(today: dt.date) -> dict:
    from training.tasks import scan_training_reminders

    return scan_training_reminders(today=today.isoformat())


def _raw(today: dt.date) -> int:
    from django.conf import settings
    from django.db import connection

    from training.models import RuleKind

    soon = today + dt.timedelta(days=settings.TRAINING_DUE_SOON_DAYS)
    due = 0
    with connection.cursor() as cursor:
        for kind in RuleKind.values:
            cursor.execute(RAW_SQL, {"kind": kind, "soon": soon})
            due += cursor.fetchone()[0]
    return due


def explain(today: dt.date, folder: Path) -> str:
    """EXPLAIN ANALYZE of the bare SQL and of the scan's reminder INSERT, per rule kind."""
    from django.conf import settings
    from django.db import connection, transaction

    from training.models import RuleKind

    soon = today + dt.timedelta(days=settings.TRAINING_DUE_SOON_DAYS)
    lines = []
    with connection.cursor() as cursor:
        for kind in RuleKind.values:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + RAW_SQL, {"kind": kind, "soon": soon})
            lines.append(f"-- bare SQL, rule kind {kind}")
            lines += [row[0] for row in cursor.fetchall()]
    # The scan's own statements, captured and explained inside a transaction rolled back.
    from django.test.utils import CaptureQueriesContext

    _clear(today, folder)
    with CaptureQueriesContext(connection) as captured:
        _scan(today)
    _clear(today, folder)
    # pghistory puts its context's set_config() in front of each statement: drop it.
    marker = 'INSERT INTO "training_trainingreminder"'
    inserts = [q["sql"][q["sql"].index(marker) :] for q in captured if marker in q["sql"]]
    for sql in inserts:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            lines.append("-- scan: " + sql[:120] + " …")
            lines += [row[0] for row in cursor.fetchall()]
            transaction.set_rollback(True)
    return "\n".join(lines)


def run(*, today: dt.date, runs: int, folder: Path) -> dict:
    from django.db import connection

    from training.models import TrainingRecord

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actors_person")
        people = cursor.fetchone()[0]
    result: dict = {"people": people, "records": TrainingRecord.objects.count()}
    rss_before = _memory_kb("VmRSS")
    # Warm-up, and the check that both find the same set.
    _clear(today, folder)
    first = _scan(today)
    due = _raw(today)
    result |= {
        "due": due,
        "reminders": first["reminders"],
        "digests": first["digests"],
        "batches": first["batches"],
        "same_set": first["reminders"] == due,
    }
    scans, raws = [], []
    for _ in range(runs):
        _clear(today, folder)
        start = time.perf_counter()
        _scan(today)
        scans.append(time.perf_counter() - start)
        start = time.perf_counter()
        _raw(today)
        raws.append(time.perf_counter() - start)
    _clear(today, folder)
    tracemalloc.start()
    _scan(today)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _clear(today, folder)
    result |= {
        "scan_ms": statistics.median(scans) * 1000,
        "raw_ms": statistics.median(raws) * 1000,
        "tracemalloc_peak_kb": peak // 1024,
        "rss_growth_kb": _memory_kb("VmHWM") - rss_before,
    }
    result["ratio"] = result["scan_ms"] / result["raw_ms"]
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-broker-") as folder:
        _setup(Path(folder))
        if args.explain:
            print(explain(args.today, Path(folder)))
            return 0
        print(json.dumps(run(today=args.today, runs=args.runs, folder=Path(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
