"""Celery beat: the static schedule in code is the only one, one beat runs per database, and a
refused start really stops the process (Celery logs and swallows a signal receiver's errors)."""

import pytest
from celery.signals import beat_init, worker_init
from django.conf import settings as django_settings

from accountability.celery import app
from accountability.core import beat


def test_the_static_schedule_is_the_only_one():
    # A database scheduler beside the schedule in code: two sources of truth for what runs.
    assert "django_celery_beat" not in django_settings.INSTALLED_APPS
    assert app.conf.beat_scheduler == "celery.beat:PersistentScheduler"
    assert app.conf.beat_schedule
    # Its last-run times live with the other local state, not in the working directory.
    assert app.conf.beat_schedule_filename.startswith(str(django_settings.DATA_DIR))


@pytest.fixture
def release_beat_lock():
    yield
    beat.beat_lock_release()


@pytest.mark.django_db
def test_a_second_beat_on_the_same_database_stops(release_beat_lock):
    beat_init.send(sender=None)  # the first beat takes the lock
    with pytest.raises(SystemExit, match="Another Celery beat"):
        beat_init.send(sender=None)
    # The lock is the beat's connection's: once it goes, a beat may start again.
    beat.beat_lock_release()
    beat_init.send(sender=None)


@pytest.mark.django_db
@pytest.mark.parametrize("signal", [worker_init, beat_init], ids=["worker", "beat"])
def test_an_unsafe_production_start_stops_the_process(settings, signal):
    settings.PRODUCTION = True
    settings.DEBUG = True
    with pytest.raises(SystemExit, match="DEBUG is on in production"):
        signal.send(sender=None)
    assert not beat.beat_lock_held()
