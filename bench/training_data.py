"""The training benchmark's data sets (issue 4): 100,000 personnel and about 1,000,000
training records, and a quarter of that to show what grows with the data.

Each lives in a database of its own, next to the one DATABASE_URL names, built once and
reused while its counts hold:

1. ``manage.py seed_demo --scale S`` (bench/databases.py): people, dependants, roles and
   their training in every status, about 3.4 completions per person (COPY,
   actors/demo/ and training/demo/).
2. Completion histories, set-based: for each verified completion of a course with an expiry,
   one or more earlier completions of the same course, each valid until the day before the
   next was taken. One ``INSERT … SELECT … CROSS JOIN generate_series`` brings the table to
   the target size; no status changes (the view picks the completion valid the longest), but
   every requirement row has more completions to choose from, as years of data would give.
   pghistory's insert trigger is skipped for this load (``pgtrigger.ignore``): these
   synthetic rows get no audit events. Foreign keys are still checked.

``python -m bench.training_data --records N`` (DATABASE_URL set) runs step 2 alone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from . import databases

# name suffix -> (seed scale, training records wanted)
SIZES = {"": (1.0, 1_000_000), "_small": (0.25, 250_000)}
DEFAULT_PREFIX = "accountability_bench_training"

HISTORY_SQL = """
INSERT INTO training_trainingrecord (
    organization_id, person_id, dependant_id, course_id, completed_on, valid_until,
    source, status, score, evidence, external_reference, session_id, recorded_by_id,
    verified_by_id, verified_at, rejection_reason, created_at, updated_at
)
SELECT r.organization_id, r.person_id, r.dependant_id, r.course_id,
       h.completed_on,
       (h.completed_on + make_interval(months => c.validity_months) - interval '1 day')::date,
       'import', 'verified', NULL, '', 'LMS-H-' || r.id || '-' || n.n, NULL, NULL,
       NULL, h.completed_on + time '12:00', '', h.completed_on + time '12:00',
       h.completed_on + time '12:00'
FROM training_trainingrecord r
JOIN training_course c ON c.id = r.course_id AND c.validity_months IS NOT NULL
CROSS JOIN generate_series(1, %s) AS n(n)
-- The n-th earlier completion: n validity periods back, a few days earlier still.
CROSS JOIN LATERAL (
    SELECT (r.completed_on - make_interval(months => c.validity_months * n.n,
                                           days => (r.id %% 20 + n.n)::int * 7))::date
           AS completed_on
) h
WHERE r.status = 'verified' AND r.id <= %s
  -- floor(share) earlier completions each, one more for a spread fraction of them.
  AND n.n <= %s + CASE WHEN (r.id * 7919) %% 1000 < %s THEN 1 ELSE 0 END
ON CONFLICT DO NOTHING
"""


def _counts() -> tuple[int, int]:
    from actors.models import Person
    from training.models import TrainingRecord

    return Person.objects.count(), TrainingRecord.objects.count()


def top_up(records: int, log=print) -> int:
    """Bring the training records to about ``records`` with completion histories."""
    import pgtrigger
    from django.db import connection, transaction

    from training.models import TrainingRecord

    people, have = _counts()
    if have >= records * 0.95:
        log(f"  {have:,} training records for {people:,} people: reused")
        return have
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), coalesce(max(r.id), 0) FROM training_trainingrecord r "
            "JOIN training_course c ON c.id = r.course_id "
            "WHERE r.status = 'verified' AND c.validity_months IS NOT NULL"
        )
        eligible, last = cursor.fetchone()
    if not eligible:
        raise SystemExit("no completion to give a history to: is the database seeded?")
    share = (records - have) / eligible
    whole, part = int(share), round((share - int(share)) * 1000)
    log(
        f"  adding ~{records - have:,} earlier completions behind {eligible:,} "
        f"(INSERT … SELECT generate_series, pghistory trigger ignored)"
    )
    started = time.monotonic()
    with (
        transaction.atomic(),
        pgtrigger.ignore(f"{TrainingRecord._meta.label}:insert_insert"),
        connection.cursor() as cursor,
    ):
        # Positional parameters: pgtrigger.ignore puts one of its own in front.
        cursor.execute(HISTORY_SQL, [whole + 1, last, whole, part])
        added = cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE training_trainingrecord")
    log(f"  {added:,} added in {time.monotonic() - started:.0f} s")
    return have + added


def ensure(base_url: str, name: str, scale: float, records: int, log=print) -> str:
    """The database ``name``: created, migrated, seeded at ``scale`` and topped up to about
    ``records`` training records, unless it already holds them."""
    url = databases.ensure(base_url, name, scale, log=log)
    log(f"training records of {name}: target ~{records:,}")
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.training_data", "--records", str(records)],
        env={**os.environ, "DATABASE_URL": url},
        cwd=databases.ROOT,
        check=True,
    )
    return url


def ensure_all(base_url: str, prefix: str = DEFAULT_PREFIX, log=print) -> dict[str, str]:
    """Both data sets, small first: {"small": url, "large": url}."""
    urls = {}
    for suffix, (scale, records) in sorted(SIZES.items(), key=lambda item: item[1]):
        urls["small" if suffix else "large"] = ensure(
            base_url, prefix + suffix, scale, records, log=log
        )
    return urls


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accountability.settings.local")
    os.environ["ACC_DEBUG"] = "false"  # DEBUG would record every query
    import django

    django.setup()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, required=True)
    args = parser.parse_args(argv)
    setup_django()
    top_up(args.records, log=lambda message: print(message, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
