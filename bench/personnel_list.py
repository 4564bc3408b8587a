"""Personnel list API against the equivalent raw SQL, and its queries per request.

Run in a process of its own per database (``python -m bench.personnel_list``, with
DATABASE_URL set), printing one JSON object; ``python -m bench`` drives it and prints the
table. Requests go through Django's test client in-process with a REST client's token
(``Authorization: Token …``, as the clients that pull compliance data send it), so the
figures are the application's cost (middleware, authentication, scoping, pagination,
serialization, JSON rendering) without a network or WSGI server in between.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

URL = "/api/v1/personnel/"
# (login, description, filter of the equivalent hand-written query)
CASES = [
    (
        "do.kenya",
        "DO, Kenya (Nairobi: ~2,000 personnel)",
        "s.country_id = %(country)s",
    ),
    (
        "hq.unicef",
        "HQ focal point, UNICEF (~10,000)",
        "p.organization_id = %(organization)s",
    ),
]
# The columns PersonViewSet.output_fields sends, under the same names.
RAW_SQL = """
    SELECT p.id, p.organization_id AS organization, o.code AS organization_code,
           p.duty_station_id AS duty_station, s.name AS duty_station_name,
           p.family_name, p.given_names, p.index_number, p.category, p.contract_type,
           p.grade, p.email, p.phone, p.radio_call_sign, p.residential_address,
           p.residential_zone_id AS residential_zone, p.user_id AS "user", p.is_active,
           p.updated_at
    FROM actors_person p
    JOIN actors_organization o ON o.id = p.organization_id
    JOIN actors_dutystation s ON s.id = p.duty_station_id
    WHERE {where}
    ORDER BY p.family_name, p.id
    LIMIT %(limit)s
"""


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accountability.settings.local")
    os.environ["ACC_DEBUG"] = "false"  # DEBUG would record every query and slow requests
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's "testserver" host through


def _raw_page(where: str, page_size: int, ids: dict) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(where=where), {**ids, "limit": page_size})
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return json.dumps(rows, default=str)


def run(*, runs: int, warmup: int, timings: bool) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from accountability.core import scoping
    from actors.models import Country, Organization, Person, User

    # Resolved beforehand, as a hand-written client would hold them.
    ids = {
        "country": Country.objects.get(iso_code="KE").pk,
        "organization": Organization.objects.get(code="unicef").pk,
    }
    results = {}
    for username, description, where in CASES:
        user = User.objects.get(username=username)
        token, _created = Token.objects.get_or_create(user=user)
        client = Client(headers={"Authorization": f"Token {token.key}"})
        entry: dict = {
            "description": description,
            "visible": scoping.visible_to(user, Person).count(),
        }
        url = f"{URL}?page_size=100"
        response = client.get(url)
        if response.status_code != 200:
            entry["error"] = f"GET {url} answered {response.status_code}"
            results[username] = entry
            continue
        api_rows = response.json()["results"]
        raw_rows = json.loads(_raw_page(where, 100, ids))
        entry["rows"] = len(api_rows)
        entry["same_rows"] = [r["id"] for r in api_rows] == [r["id"] for r in raw_rows]
        entry["same_columns"] = bool(api_rows) and set(api_rows[0]) == set(raw_rows[0])
        queries = {}
        for page_size in (10, 100):
            with CaptureQueriesContext(connection) as ctx:
                client.get(f"{URL}?page_size={page_size}")
            queries[page_size] = len(ctx.captured_queries)
        entry["queries"] = queries
        if timings:
            for _ in range(warmup):
                client.get(url)
                _raw_page(where, 100, ids)
            api, raw = [], []
            # Alternate the two so that both see the same machine load.
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url)
                response.json()
                api.append(time.perf_counter() - start)
                start = time.perf_counter()
                _raw_page(where, 100, ids)
                raw.append(time.perf_counter() - start)
            entry["api_ms"] = statistics.median(api) * 1000
            entry["raw_ms"] = statistics.median(raw) * 1000
            entry["ratio"] = entry["api_ms"] / entry["raw_ms"]
        results[username] = entry
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-timings", action="store_true")
    args = parser.parse_args(argv)
    _setup()
    result = run(runs=args.runs, warmup=args.warmup, timings=not args.no_timings)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
