"""``/api/v1/compliance/training/`` against the raw GROUP BY it wraps, and its queries.

Run in a process of its own per database (``python -m bench.training_compliance``,
DATABASE_URL set), printing one JSON object; ``python -m bench training-compliance`` drives
it at two data sizes and prints the table. As in bench/personnel_list.py, requests go
through Django's test client in-process with a token (``Authorization: Token …``), so the
figures are the application's cost (authentication, scoping, the aggregation, serialization,
JSON) without a network in between. The raw query is the one a hand-written report would
run: counts by status per organization and duty station over the requirement view, for the
same people.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time

URL = "/api/v1/compliance/training/"
# (login, description, filter of the equivalent hand-written query)
CASES = [
    ("hq.unicef", "HQ focal point, UNICEF (~10% of personnel)", "r.organization_id = %(org)s"),
    ("unsecoord", "UN Security Coordinator (everyone)", "TRUE"),
]
RAW_SQL = """
SELECT r.organization_id, o.code, r.duty_station_id, s.name,
       count(*) AS total,
       count(*) FILTER (WHERE completed_on IS NOT NULL
                          AND (valid_until IS NULL OR valid_until > %(soon)s)) AS compliant,
       count(*) FILTER (WHERE (completed_on IS NOT NULL
                               AND valid_until BETWEEN %(today)s AND %(soon)s)
                           OR (completed_on IS NULL
                               AND due_on BETWEEN %(today)s AND %(soon)s)) AS due_soon,
       count(*) FILTER (WHERE completed_on IS NULL AND due_on < %(today)s) AS overdue,
       count(*) FILTER (WHERE completed_on IS NOT NULL AND valid_until < %(today)s) AS expired,
       count(*) FILTER (WHERE completed_on IS NULL AND due_on > %(soon)s) AS not_due
FROM training_requirement r
JOIN actors_organization o ON o.id = r.organization_id
JOIN actors_dutystation s ON s.id = r.duty_station_id
WHERE {where}
GROUP BY r.organization_id, o.code, r.duty_station_id, s.name
ORDER BY r.organization_id, o.code, r.duty_station_id, s.name
"""
STATUSES = ("compliant", "due_soon", "overdue", "expired", "not_due")


def _raw(where: str, params: dict) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(where=where), params)
        return cursor.fetchall()


def explain(today: dt.date) -> str:
    """EXPLAIN ANALYZE of the raw GROUP BY and of the query the endpoint runs, per login."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines = []
    for username, _description, where in CASES:
        client, params = _client_and_params(username, today)
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + RAW_SQL.format(where=where), params)
            lines.append(f"-- raw GROUP BY, {username}")
            lines += [row[0] for row in cursor.fetchall()]
            grouped = [q["sql"] for q in captured if "GROUP BY" in q["sql"]]
            for sql in grouped:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                lines.append(f"-- endpoint's GROUP BY, {username}: {sql[:150]} …")
                lines += [row[0] for row in cursor.fetchall()]
    return "\n".join(lines)


def _client_and_params(username: str, today: dt.date):
    from django.conf import settings
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from actors.models import Organization, User

    user = User.objects.get(username=username)
    token, _created = Token.objects.get_or_create(user=user)
    soon = today + dt.timedelta(days=settings.TRAINING_DUE_SOON_DAYS)
    # Resolved beforehand, as a hand-written report would hold it.
    params = {"org": Organization.objects.get(code="unicef").pk, "today": today, "soon": soon}
    return Client(headers={"Authorization": f"Token {token.key}"}), params


def run(*, runs: int, warmup: int, timings: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from training.models import TrainingRecord

    today = timezone.localdate()  # the endpoint's day
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actors_person")
        people = cursor.fetchone()[0]
    results: dict = {"people": people, "records": TrainingRecord.objects.count(), "logins": {}}
    for username, description, where in CASES:
        client, params = _client_and_params(username, today)
        entry: dict = {"description": description}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        if response.status_code != 200:
            entry["error"] = f"GET {URL} answered {response.status_code}"
            results["logins"][username] = entry
            continue
        entry["queries"] = len(captured.captured_queries)
        body = response.json()
        raw = _raw(where, params)
        entry["groups"] = len(body["results"])
        entry["requirements"] = body["totals"]["total"]
        api_rows = [
            (g["organization"], g["duty_station"], g["total"], *(g[s] for s in STATUSES))
            for g in body["results"]
        ]
        raw_rows = [(row[0], row[2], *row[4:]) for row in raw]
        entry["same_counts"] = sorted(api_rows) == sorted(raw_rows)
        if timings:
            for _ in range(warmup):
                client.get(URL)
                _raw(where, params)
            api, bare = [], []
            # Alternate the two so that both see the same machine load.
            for _ in range(runs):
                start = time.perf_counter()
                client.get(URL).json()
                api.append(time.perf_counter() - start)
                start = time.perf_counter()
                _raw(where, params)
                bare.append(time.perf_counter() - start)
            entry["api_ms"] = statistics.median(api) * 1000
            entry["raw_ms"] = statistics.median(bare) * 1000
            entry["ratio"] = entry["api_ms"] / entry["raw_ms"]
            entry["budget_ms"] = 1.5 * entry["raw_ms"] + 50
        results["logins"][username] = entry
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--no-timings", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE instead")
    args = parser.parse_args(argv)
    from .training_data import setup_django

    setup_django()
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()  # lets the test client's "testserver" host through
    if args.explain:
        print(explain(timezone.localdate()))
        return 0
    result = run(runs=args.runs, warmup=args.warmup, timings=not args.no_timings)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
