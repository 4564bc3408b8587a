"""The Celery app and the static beat schedule (UTC; each entry expires before the next run)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accountability.settings.local")

app = Celery("accountability")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Appointments start and end on their dates; rights follow the same day (¶17, ¶19).
    "appointments-apply-dates": {
        "task": "actors.tasks.apply_appointment_dates",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 14 * 60},
    },
}
