"""Run the inspection scans now (see accountability.core.commands): the day's rectification
reminders and the follow-up visits now due (¶40)."""

from accountability.core.commands import ScanCommand


class Command(ScanCommand):
    help = "Run (or enqueue for the worker) the daily inspection deadline and follow-up scans."
    scans = (
        "inspections.tasks.scan_finding_deadlines",
        "inspections.tasks.scan_follow_ups",
    )
