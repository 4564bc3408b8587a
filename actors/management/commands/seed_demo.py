"""``manage.py seed_demo --scale S --seed N [--once]``: the demo and benchmark data set.

Scale 1 is the benchmark size of issue 2 (150 countries, 250 duty stations, 30 organizations,
100,000 personnel, 150,000 dependants, about 5,000 appointments) with the training of issue 4
(about 340,000 completions, people in every training status); smaller scales shrink every
count but keep every role at every duty station they create. Same seed, same data; the
training dates count back from ``--today`` (default: the day it runs), since whether a course
is due or lapsed depends on the day.

Each app seeds its own rows (``<app>/demo/``), registered with accountability.core.demo from
its AppConfig.ready(); this command runs them in order, actors first. ``manage.py
demo_logins`` (in the appointments app: it lists each login's roles) prints who can sign in.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from accountability.core import demo
from actors.demo.seed import DEMO_PASSWORD, demo_data_exists


class Command(BaseCommand):
    help = "Load deterministic demo data (real countries, agencies, stations, people, roles)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01, help="1 = benchmark size")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument(
            "--once",
            action="store_true",
            help="do nothing when the database already holds data (for `make run`)",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="the day training statuses are planned for (YYYY-MM-DD; default today)",
        )

    def handle(
        self,
        *args,
        scale: float,
        seed: int,
        once: bool,
        verbosity: int,
        today: dt.date | None = None,
        **options,
    ):
        if not 0 < scale <= 1.07:
            raise CommandError("--scale must be above 0 and at most 1.07 (161 countries).")
        if demo_data_exists():
            if once:
                if verbosity:
                    self.stdout.write("Demo data already loaded; nothing to do.")
                return
            raise CommandError(
                "The database already holds personnel; seed_demo fills a database without "
                "them (use --once to skip quietly)."
            )
        log = self.stdout.write if verbosity >= 1 else None
        summary = demo.seed(scale=scale, seed=seed, log=log, today=today)
        if verbosity:
            counts = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in summary.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {counts}."))
            self.stdout.write(f"Demo password: {DEMO_PASSWORD} (see `manage.py demo_logins`).")
