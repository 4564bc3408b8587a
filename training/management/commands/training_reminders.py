"""Run the training reminder scans now, rather than at their beat time.

``make run`` enqueues them once at start-up, so the running worker sends the day's digests
(visible in the console mail backend) without waiting for 04:30 UTC. The scans are idempotent
per period: running this again the same day, or the same week, sends nothing twice.
"""

from django.core.management.base import BaseCommand

SCANS = (
    "training.tasks.scan_training_reminders",
    "training.tasks.scan_training_manager_reminders",
    "training.tasks.scan_training_escalations",
)


class Command(BaseCommand):
    help = "Run (or enqueue for the worker) the daily and weekly training reminder scans."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Send the scans to the broker for the Celery worker instead of running them here.",
        )
        parser.add_argument("--date", help="Scan as of this ISO date (default: today).")

    def handle(self, *args, **options):
        from accountability.celery import app

        for name in SCANS:
            task = app.tasks[name]
            if options["enqueue"]:
                task.delay(options["date"])
                self.stdout.write(f"queued {name}")
            else:
                self.stdout.write(f"{name}: {task.apply(args=[options['date']]).get()}")
