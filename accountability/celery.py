"""The Celery app and the static beat schedule (UTC; each entry expires before the next run).

The schedule lives here in code, reviewed and versioned with the tasks it names, and is the only
one: no database scheduler edits it behind the code's back. Its last-run times are kept in
CELERY_BEAT_SCHEDULE_FILENAME; one beat runs per database (accountability/core/beat.py).
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accountability.settings.local")

app = Celery("accountability")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_filesystem_broker_folders(sender, **kwargs):
    # kombu's filesystem transport (no REDIS_URL) expects its folders to exist.
    from pathlib import Path

    if str(sender.conf.broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            folder = sender.conf.broker_transport_options.get(key)
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _make_beat_schedule_folder(sender, **kwargs):
    # The beat opens its schedule file before any beat signal is sent.
    from pathlib import Path

    Path(sender.conf.beat_schedule_filename).parent.mkdir(parents=True, exist_ok=True)


app.conf.beat_schedule = {
    # Appointments start and end on their dates; rights follow the same day (¶17, ¶19).
    "appointments-apply-dates": {
        "task": "appointments.tasks.apply_appointment_dates",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 14 * 60},
    },
    # SMT members yet to answer are reminded once, a working day before the consultation
    # closes (¶17, ¶19)...
    "appointments-remind-consultations": {
        "task": "appointments.tasks.remind_consultations",
        "schedule": crontab(hour=4, minute=50),
        "options": {"expires": 6 * 60 * 60},
    },
    # The DO is reminded daily of nominations whose SMT consultation has closed (¶17, ¶19).
    "appointments-remind-pending-decisions": {
        "task": "appointments.tasks.remind_pending_decisions",
        "schedule": crontab(hour=5, minute=0),
        "options": {"expires": 6 * 60 * 60},
    },
    # ...and told once, APPOINTMENT_ENDING_NOTICE_DAYS ahead, that an appointment ends.
    "appointments-notify-ending-appointments": {
        "task": "appointments.tasks.notify_ending_appointments",
        "schedule": crontab(hour=5, minute=10),
        "options": {"expires": 6 * 60 * 60},
    },
    # Each DO and FSCO gets the vacancies of their structure every Monday.
    "appointments-send-vacancy-digest": {
        "task": "appointments.tasks.send_vacancy_digest",
        "schedule": crontab(hour=6, minute=0, day_of_week="mon"),
        "options": {"expires": 12 * 60 * 60},
    },
    # Each person with training due soon, overdue or expired gets one digest a day (¶25–¶33).
    "training-scan-reminders": {
        "task": "training.tasks.scan_training_reminders",
        "schedule": crontab(hour=4, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    # Mondays: the country representative and country focal point get their people's overdue
    # training (¶15, ¶32, annex ¶24)...
    "training-scan-manager-reminders": {
        "task": "training.tasks.scan_training_manager_reminders",
        "schedule": crontab(hour=5, minute=30, day_of_week="mon"),
        "options": {"expires": 12 * 60 * 60},
    },
    # ...and items late past TRAINING_ESCALATION_DAYS go to the HQ focal point (annex ¶26).
    "training-scan-escalations": {
        "task": "training.tasks.scan_training_escalations",
        "schedule": crontab(hour=5, minute=45, day_of_week="mon"),
        "options": {"expires": 12 * 60 * 60},
    },
    # Reminder records outlive their period only to keep the scans idempotent.
    "training-prune-reminders": {
        "task": "training.tasks.prune_training_reminders",
        "schedule": crontab(hour=3, minute=0, day_of_week="sun"),
        "options": {"expires": 12 * 60 * 60},
    },
    # Rectification dates: reminders 7 days before and on the day (¶40)...
    "inspections-scan-finding-deadlines": {
        "task": "inspections.tasks.scan_finding_deadlines",
        "schedule": crontab(hour=4, minute=45),
        "options": {"expires": 6 * 60 * 60},
    },
    # ...a follow-up visit once a mission's last date has passed (¶40)...
    "inspections-scan-follow-ups": {
        "task": "inspections.tasks.scan_follow_ups",
        "schedule": crontab(hour=5, minute=15),
        "options": {"expires": 6 * 60 * 60},
    },
    # ...and any non-compliance report left unsent by a lost task goes out.
    "inspections-resend-escalations": {
        "task": "inspections.tasks.resend_escalations",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
}


# Celery logs an exception raised by a signal receiver and carries on, so a refusal raised as
# one would leave the process running: SystemExit is not an Exception and stops it.
@worker_init.connect
@beat_init.connect
def _refuse_unsafe_production(**kwargs):
    from django.conf import settings

    if getattr(settings, "PRODUCTION", False):
        from django.core.exceptions import ImproperlyConfigured

        from accountability.core.checks import refuse_unsafe_start

        try:
            refuse_unsafe_start()
        except ImproperlyConfigured as exc:
            raise SystemExit(str(exc)) from exc


@beat_init.connect
def _one_beat_only(**kwargs):
    from accountability.core.beat import AnotherBeatRunning, beat_lock_acquire

    try:
        beat_lock_acquire()
    except AnotherBeatRunning as exc:
        raise SystemExit(str(exc)) from exc
