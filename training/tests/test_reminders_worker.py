"""The daily training scan really runs on a worker: the beat job travels through the broker
(Redis with REDIS_URL, else the filesystem transport), the worker runs the scan, the scan
enqueues its send batch through the broker to the same queue, and the digest goes out."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from accountability.core.models import Notification
from actors.tests.factories import DutyStationFactory, PersonFactory, UserFactory
from tests.test_celery_broker import real_broker  # noqa: F401  (the fixture)
from training.models import ReminderDigest
from training.tasks import scan_training_reminders


# serialized_rollback: the worker reads committed rows; the courses, rules and roles that
# migrations loaded are reloaded after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("real_broker")
def test_daily_scan_sends_the_digests_from_a_real_worker():
    from accountability.celery import app

    station = DutyStationFactory()
    # Arrived today: security awareness and the arrival briefing are due soon.
    emailed = PersonFactory(duty_station=station, email="arrival@example.org")
    user = UserFactory(organization=emailed.organization, email="")  # inbox only
    PersonFactory(organization=emailed.organization, duty_station=station, user=user)

    queue = f"test-{uuid.uuid4().hex}"  # no other run on the same broker takes the messages
    with start_worker(
        app, perform_ping_check=False, pool="solo", loglevel="WARNING", queues=[queue]
    ):
        scan_training_reminders.apply_async(queue=queue)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not ReminderDigest.objects.filter(sent_at__isnull=True).exists() and len(
                mail.outbox
            ):
                break
            time.sleep(0.2)

    [message] = mail.outbox
    assert message.to == ["arrival@example.org"]
    assert message.subject == "Security training: 2 items need your attention"
    assert "Everyone arriving at a duty station: the FSCO's briefing" in message.body
    notice = Notification.objects.get(user=user)
    assert notice.key.startswith("training-digest:personal:")
    assert notice.subject == "Security training: 2 items need your attention"
    assert ReminderDigest.objects.filter(sent_at__isnull=False).count() == 2
