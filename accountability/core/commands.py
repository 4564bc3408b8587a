"""A management command that runs an app's scheduled scans now, rather than at beat time.

``make run`` enqueues them once at start-up, so that the running worker does the day's work
(visible in the console mail backend) at once. The scans are idempotent: running them again
sends nothing twice.
"""

from django.core.management.base import BaseCommand


class ScanCommand(BaseCommand):
    scans: tuple[str, ...] = ()

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Send the scans to the broker for the Celery worker instead of running them here.",
        )
        parser.add_argument("--date", help="Scan as of this ISO date (default: today).")

    def handle(self, *args, **options):
        from accountability.celery import app

        for name in self.scans:
            task = app.tasks[name]
            if options["enqueue"]:
                task.delay(options["date"])
                self.stdout.write(f"queued {name}")
            else:
                self.stdout.write(f"{name}: {task.apply(args=[options['date']]).get()}")
