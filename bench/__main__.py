"""``python -m bench [WHICH]``: seed (once) the benchmark databases and print the figures.

WHICH: ``personnel`` (issue 2), ``training-scan`` and ``training-compliance`` (issue 4),
``training`` (both of those), ``inspections`` (issue 5: the debrief and non-compliance
report PDFs) or ``all`` (the default). The databases are built on the first
run and reused afterwards: scale 1 of the demo for the personnel list (about a minute or
two), and for training 100,000 people with about 1,000,000 completions plus a quarter of
that (a few minutes; progress is printed). The inspection reports need a migrated, empty
database (``accountability_bench_inspections``): their data is built and rolled back on
each run (about two minutes in all). Uses the server DATABASE_URL points at
(``make bench`` starts the embedded one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from . import databases, training_data

TARGET_RATIO = 3.0
SCAN_TARGET_RATIO = 5.0
# Issue 5: Django's part of a report at most 10 % of its rendering, under 10 s in all.
REPORT_DJANGO_SHARE = 0.10
REPORT_TOTAL_MS = 10_000
CHOICES = (
    "all",
    "personnel",
    "inspections",
    "training",
    "training-scan",
    "training-compliance",
)


def _text_from(module: str, url: str, *args: str) -> str:
    """The step's standard output. Its error output is captured with it, so on failure it is
    printed here: otherwise make would show only the CalledProcessError, not the cause."""
    command = [sys.executable, "-m", module, *args]
    try:
        return subprocess.run(  # noqa: S603
            command,
            env={**os.environ, "DATABASE_URL": url},
            cwd=databases.ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr or "")
        raise SystemExit(
            f"bench: `python -m {module}` failed (exit status {error.returncode}); "
            "its error output is above"
        ) from error


def _json_from(module: str, url: str, *args: str) -> dict:
    output = _text_from(module, url, *args)
    return json.loads(output.strip().splitlines()[-1])


# --- Personnel list (issue 2) ---------------------------------------------------------------------


def personnel(base: str, args) -> bool:
    urls = {
        scale: databases.ensure(base, name, scale) for name, scale in databases.DATABASES.items()
    }
    common = ["--runs", str(args.runs), "--warmup", str(args.warmup)]
    large = _json_from("bench.personnel_list", urls[1.0], *common)
    small = _json_from("bench.personnel_list", urls[0.1], *common, "--no-timings")

    ok = True
    print()
    print(
        f"Personnel list API  GET /api/v1/personnel/?page_size=100  scale 1, "
        f"median of {args.runs} after {args.warmup} warm-up requests"
    )
    header = (
        f"  {'login':<11} {'who':<38} {'visible':>8} {'API ms':>8} {'raw SQL ms':>11} "
        f"{'ratio':>6}  target ≤ {TARGET_RATIO:g}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for username, entry in large.items():
        if "error" in entry:
            ok = False
            print(f"  {username:<11} {entry['description']:<38} ERROR {entry['error']}")
            continue
        verdict = "OK" if entry["ratio"] <= TARGET_RATIO else "OVER"
        ok &= verdict == "OK"
        print(
            f"  {username:<11} {entry['description']:<38} {entry['visible']:>8,} "
            f"{entry['api_ms']:>8.1f} {entry['raw_ms']:>11.2f} {entry['ratio']:>6.1f}  {verdict}"
        )
        if not (entry["same_rows"] and entry["same_columns"]):
            print(
                f"  {'':<11} note: the raw query returned other rows or columns than the API "
                f"(rows {entry['same_rows']}, columns {entry['same_columns']})"
            )
    print()
    print("Queries per request (must not depend on data size or page size)")
    header = f"  {'login':<11} {'0.1 / 10':>9} {'0.1 / 100':>10} {'1 / 10':>7} {'1 / 100':>8}"
    print(header + "   (scale / page size)")
    print("  " + "-" * (len(header) + 20))
    for username in large:
        counts = [
            result[username].get("queries", {}).get(str(size))
            for result in (small, large)
            for size in (10, 100)
        ]
        same = None not in counts and len(set(counts)) == 1
        ok &= same
        cells = [str(c) if c is not None else "-" for c in counts]
        print(
            f"  {username:<11} {cells[0]:>9} {cells[1]:>10} {cells[2]:>7} {cells[3]:>8}   "
            f"{'OK' if same else 'MISMATCH'}"
        )
    print()
    return ok


# --- Training (issue 4) ---------------------------------------------------------------------------


def training_scan(urls: dict[str, str], args) -> bool:
    today = args.today.isoformat()
    results = {}
    for size, url in urls.items():
        print(f"measuring the daily scan on the {size} data set ({args.scan_runs} runs)…")
        results[size] = _json_from(
            "bench.training_scan", url, "--runs", str(args.scan_runs), "--today", today
        )
    ok = True
    print()
    print(
        f"Daily training reminder scan (training.tasks.scan_training_reminders) for {today}, "
        f"median of {args.scan_runs} runs"
    )
    header = (
        f"  {'data set':<8} {'people':>8} {'records':>10} {'due set':>8} {'digests':>8} "
        f"{'scan ms':>9} {'raw SQL ms':>11} {'ratio':>6}  target ≤ {SCAN_TARGET_RATIO:g}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for size, entry in results.items():
        verdict = "OK" if entry["ratio"] <= SCAN_TARGET_RATIO else "OVER"
        ok &= verdict == "OK" and entry["same_set"]
        print(
            f"  {size:<8} {entry['people']:>8,} {entry['records']:>10,} {entry['due']:>8,} "
            f"{entry['digests']:>8,} {entry['scan_ms']:>9.0f} {entry['raw_ms']:>11.0f} "
            f"{entry['ratio']:>6.1f}  {verdict}"
        )
        if not entry["same_set"]:
            print(
                f"  {'':<8} note: the scan wrote {entry['reminders']:,} reminders, the raw "
                f"query found {entry['due']:,} rows"
            )
    print()
    print("Memory of one scan (must not grow with the number of records)")
    header = f"  {'data set':<8} {'records':>10} {'tracemalloc peak':>17} {'RSS growth':>11}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for size, entry in results.items():
        print(
            f"  {size:<8} {entry['records']:>10,} {entry['tracemalloc_peak_kb']:>13,} KiB "
            f"{entry['rss_growth_kb']:>7,} KiB"
        )
    small, large = results["small"], results["large"]
    # Within 1 MiB or 25 %: allocator noise, not growth with the data (4× the records).
    grows = large["tracemalloc_peak_kb"] > max(
        small["tracemalloc_peak_kb"] * 1.25, small["tracemalloc_peak_kb"] + 1024
    )
    ok &= not grows
    print(f"  {'GROWS' if grows else 'OK: flat'} from {small['records']:,} to {large['records']:,}")
    print()
    return ok


def training_compliance(urls: dict[str, str], args) -> bool:
    common = ["--runs", str(args.compliance_runs), "--warmup", "1"]
    print(f"measuring the compliance API on the large data set ({args.compliance_runs} runs)…")
    large = _json_from("bench.training_compliance", urls["large"], *common)
    print("counting its queries on the small data set…")
    small = _json_from("bench.training_compliance", urls["small"], *common, "--no-timings")
    ok = True
    print()
    print(
        f"Training compliance API  GET /api/v1/compliance/training/  {large['people']:,} people, "
        f"{large['records']:,} records, median of {args.compliance_runs} after 1 warm-up"
    )
    header = (
        f"  {'login':<10} {'who':<42} {'requirements':>12} {'API ms':>8} {'raw ms':>8} "
        f"{'ratio':>6} {'budget ms':>10}  target ≤ 1.5 × raw + 50 ms"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for username, entry in large["logins"].items():
        if "error" in entry:
            ok = False
            print(f"  {username:<10} {entry['description']:<42} ERROR {entry['error']}")
            continue
        verdict = "OK" if entry["api_ms"] <= entry["budget_ms"] else "OVER"
        ok &= verdict == "OK" and entry["same_counts"]
        print(
            f"  {username:<10} {entry['description']:<42} {entry['requirements']:>12,} "
            f"{entry['api_ms']:>8.0f} {entry['raw_ms']:>8.0f} {entry['ratio']:>6.2f} "
            f"{entry['budget_ms']:>10.0f}  {verdict}"
        )
        if not entry["same_counts"]:
            print(f"  {'':<10} note: the API's counts differ from the raw GROUP BY's")
    print()
    print("Queries per request (must not depend on the data size)")
    header = f"  {'login':<10} {small['records']:>10,} records {large['records']:>10,} records"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for username in large["logins"]:
        counts = [result["logins"][username].get("queries") for result in (small, large)]
        same = None not in counts and counts[0] == counts[1]
        ok &= same
        cells = [str(c) if c is not None else "-" for c in counts]
        print(f"  {username:<10} {cells[0]:>18} {cells[1]:>18}   {'OK' if same else 'MISMATCH'}")
    print()
    return ok


# --- Inspection reports (issue 5) -----------------------------------------------------------------


def inspections(base: str, args) -> bool:
    url = databases.ensure_migrated(base, args.inspections_database)
    print(
        f"building two missions (15 and 150 findings) and rendering their reports "
        f"({args.report_runs} runs)…"
    )
    extra = ["--save", str(args.save_reports.resolve())] if args.save_reports else []
    result = _json_from("bench.inspections", url, "--runs", str(args.report_runs), *extra)
    documents = result["documents"]
    ok = True
    print()
    print(
        f"Inspection report PDFs (inspections.services.reports), mission with 150 findings, "
        f"median of {result['runs']} runs after 1 warm-up"
    )
    header = (
        f"  {'document':<30} {'findings':>8} {'pages':>5} {'Django ms':>9} "
        f"{'WeasyPrint ms':>13} {'total ms':>9} {'CPU ms':>7} {'Django':>7}  "
        f"target ≤ {REPORT_DJANGO_SHARE:.0%}, < {REPORT_TOTAL_MS / 1000:g} s"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for entries in documents.values():
        entry = entries["150"]
        verdict = (
            "OK"
            if entry["django_share"] <= REPORT_DJANGO_SHARE and entry["total_ms"] < REPORT_TOTAL_MS
            else "OVER"
        )
        ok &= verdict == "OK"
        print(
            f"  {entry['label']:<30} {entry['shown']:>8} {entry['pages']:>5} "
            f"{entry['django_ms']:>9.0f} {entry['weasyprint_ms']:>13,.0f} "
            f"{entry['total_ms']:>9,.0f} {entry['cpu_ms']:>7,.0f} {entry['django_share']:>7.1%}  "
            f"{verdict}"
        )
    print(
        "  Django: read the document, build the context, render_to_string; WeasyPrint: "
        "HTML(…).write_pdf().\n  CPU ms: this process's CPU time for both (wall-clock "
        "figures grow with the machine's load)."
    )
    print()
    print("Queries per document (must not depend on the number of findings)")
    header = f"  {'document':<30} {'15 findings':>11} {'150 findings':>12}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for entries in documents.values():
        counts = [entries[size]["queries"] for size in ("15", "150")]
        same = counts[0] == counts[1]
        ok &= same
        print(
            f"  {entries['150']['label']:<30} {counts[0]:>11} {counts[1]:>12}   "
            f"{'OK' if same else 'MISMATCH'}"
        )
    print()
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("which", nargs="?", choices=CHOICES, default="all")
    parser.add_argument("--runs", type=int, default=30, help="personnel list requests")
    parser.add_argument("--warmup", type=int, default=5)
    # A scan takes ~20 s and a UNSECOORD-wide aggregation ~10 s at 100,000 people: a few
    # runs give a stable median without making the default run long.
    parser.add_argument("--scan-runs", type=int, default=3)
    parser.add_argument("--compliance-runs", type=int, default=5)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),  # noqa: DTZ011 - the scan's day, as the beat task takes it
        help="the day the reminder scan runs for (default today)",
    )
    parser.add_argument(
        "--training-databases",
        default=training_data.DEFAULT_PREFIX,
        metavar="NAME",
        help="the training data sets' databases: NAME (100,000 people) and NAME_small",
    )
    parser.add_argument("--report-runs", type=int, default=5, help="renderings of each report")
    parser.add_argument(
        "--inspections-database",
        default="accountability_bench_inspections",
        metavar="NAME",
        help="the migrated database the inspection reports' data is built (and rolled back) in",
    )
    parser.add_argument(
        "--save-reports",
        type=Path,
        metavar="DIR",
        help="write the rendered inspection reports (PDF and HTML) to DIR",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of the training queries on the large data set instead",
    )
    args = parser.parse_args(argv)
    base = os.environ.get("DATABASE_URL")
    if not base:
        print("DATABASE_URL is not set (use `make bench`).", file=sys.stderr)
        return 2
    ok = True
    if args.which in ("all", "personnel") and not args.explain:
        ok &= personnel(base, args)
    if args.which in ("all", "inspections") and not args.explain:
        ok &= inspections(base, args)
    if args.which in ("personnel", "inspections"):
        return 0 if ok else 1
    urls = training_data.ensure_all(base, args.training_databases)
    if args.explain:
        if args.which in ("all", "training", "training-scan"):
            print(
                _text_from(
                    "bench.training_scan",
                    urls["large"],
                    "--explain",
                    "--today",
                    args.today.isoformat(),
                )
            )
        if args.which in ("all", "training", "training-compliance"):
            print(_text_from("bench.training_compliance", urls["large"], "--explain"))
        return 0
    if args.which in ("all", "training", "training-scan"):
        ok &= training_scan(urls, args)
    if args.which in ("all", "training", "training-compliance"):
        ok &= training_compliance(urls, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
