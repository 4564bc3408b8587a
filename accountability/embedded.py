"""Run a command with the embedded defaults: `python accountability/embedded.py CMD ...`.

Without DATABASE_URL, a real PostgreSQL is started from the pgserver wheel with its data in
.data/pg and stopped when the command ends; DATABASE_URL is exported to the command. Without
REDIS_URL the settings fall back to kombu's filesystem broker under .data/broker, which needs
no server. With both set (production, CI) this is a plain pass-through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / ".data"


def embedded_database_url() -> tuple[str, object]:
    import pgserver

    pgdata = DATA_DIR / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    # pgserver serves a unix socket in the data directory; "accountability" is our database.
    server.psql("SELECT 1;")
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'accountability';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE accountability;")
    return f"postgres://postgres@/accountability?host={pgdata}", server


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python accountability/embedded.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    env = dict(os.environ)
    server = None
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"], server = embedded_database_url()
        print(f"embedded PostgreSQL: {env['DATABASE_URL']}", flush=True)
    if not env.get("REDIS_URL"):
        for folder in ("queue", "processed"):
            (DATA_DIR / "broker" / folder).mkdir(parents=True, exist_ok=True)
    try:
        return subprocess.call(argv, env=env)  # noqa: S603 - the command the developer gave
    except KeyboardInterrupt:
        return 130
    finally:
        del server  # cleanup_mode="stop" stops PostgreSQL once nothing references it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
