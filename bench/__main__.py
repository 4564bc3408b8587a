"""``python -m bench``: seed (once) the benchmark databases and print the figures.

Uses the server DATABASE_URL points at (``make bench`` starts the embedded one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from . import databases

TARGET_RATIO = 3.0


def _measure(url: str, *, runs: int, warmup: int, timings: bool) -> dict:
    command = [
        sys.executable,
        "-m",
        "bench.personnel_list",
        "--runs",
        str(runs),
        "--warmup",
        str(warmup),
    ]
    if not timings:
        command.append("--no-timings")
    output = subprocess.run(  # noqa: S603
        command,
        env={**os.environ, "DATABASE_URL": url},
        cwd=databases.ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    base = os.environ.get("DATABASE_URL")
    if not base:
        print("DATABASE_URL is not set (use `make bench`).", file=sys.stderr)
        return 2
    urls = {
        scale: databases.ensure(base, name, scale) for name, scale in databases.DATABASES.items()
    }
    large = _measure(urls[1.0], runs=args.runs, warmup=args.warmup, timings=True)
    small = _measure(urls[0.1], runs=args.runs, warmup=args.warmup, timings=False)

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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
