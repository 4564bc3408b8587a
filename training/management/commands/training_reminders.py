"""Run the training reminder scans now (see accountability.core.commands)."""

from accountability.core.commands import ScanCommand


class Command(ScanCommand):
    help = "Run (or enqueue for the worker) the daily and weekly training reminder scans."
    scans = (
        "training.tasks.scan_training_reminders",
        "training.tasks.scan_training_manager_reminders",
        "training.tasks.scan_training_escalations",
    )
