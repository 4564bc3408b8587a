"""The benchmark databases: created next to the one DATABASE_URL names, seeded once.

``accountability_bench`` holds scale 1 (timings and query counts) and
``accountability_bench_small`` scale 0.1 (query counts must not depend on the data size).
Both are reused by later runs: ``seed_demo --once`` leaves a seeded database alone.
``ensure_migrated`` gives a database with the migrations' data only (the inspection reports'
benchmark builds its own data in it and rolls it back).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import psycopg2

ROOT = Path(__file__).resolve().parents[1]
DATABASES = {"accountability_bench": 1.0, "accountability_bench_small": 0.1}


def url_for(base_url: str, name: str) -> str:
    """The same server and credentials as ``base_url``, another database name."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _connect(url: str):
    config = environ.Env.db_url_config(url)
    params = {
        "dbname": config["NAME"] or "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
    }
    # The embedded server's URL names its socket directory as ``?host=…`` (an option).
    params.update(config.get("OPTIONS", {}))
    return psycopg2.connect(**{k: v for k, v in params.items() if v is not None})


def ensure_migrated(base_url: str, name: str, log=print) -> str:
    """Create ``name`` if missing and migrate it; no data beyond the migrations'."""
    connection = _connect(base_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                log(f"creating database {name}")
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    url = url_for(base_url, name)
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
    return url


def ensure(base_url: str, name: str, scale: float, log=print) -> str:
    """Create ``name`` if missing, migrate it, seed it at ``scale`` unless already seeded."""
    url = ensure_migrated(base_url, name, log=log)
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    log(f"seeding {name} at scale {scale} (once; reused afterwards)")
    subprocess.run(  # noqa: S603
        [*manage, "seed_demo", "--scale", str(scale), "--seed", "1", "--once"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return url
