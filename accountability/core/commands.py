"""A management command that runs an app's scheduled scans now, rather than at beat time.

``make run`` enqueues them once at start-up, so that the running worker does the day's work
(visible in the console mail backend) at once. The scans are idempotent: running them again
sends nothing twice.
"""

from argparse import ArgumentParser
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand


def task_for(name: str) -> Any:
    """The registered task ``name`` (``app.module.function``), in any process."""
    from accountability.celery import app

    # Celery discovers the apps' tasks modules when a worker starts, not in a command.
    import_module(name.rsplit(".", 1)[0])
    return app.tasks[name]


class ScanCommand(BaseCommand):
    scans: tuple[str, ...] = ()

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Send the scans to the broker for the Celery worker instead of running them here.",
        )
        parser.add_argument("--date", help="Scan as of this ISO date (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in self.scans:
            task = task_for(name)
            if options["enqueue"]:
                task.delay(options["date"])
                self.stdout.write(f"queued {name}")
            else:
                self.stdout.write(f"{name}: {task.apply(args=[options['date']]).get()}")
