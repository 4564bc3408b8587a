"""The one reading of "today" that the scheduled tasks of every app share."""

import datetime as dt

import pytest

from accountability.core.dates import task_today


def test_a_replayed_day_is_read_from_its_iso_date():
    assert task_today("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.frozen_on(dt.date(2025, 3, 14), hour=23)
def test_without_a_day_the_task_works_on_the_local_date():
    assert task_today() == dt.date(2025, 3, 14)
    assert task_today(None) == task_today("") == dt.date(2025, 3, 14)


def test_the_apps_tasks_share_the_core_reading():
    from appointments import tasks as appointment_tasks
    from inspections import tasks as inspection_tasks
    from training import tasks as training_tasks

    for module in (appointment_tasks, training_tasks, inspection_tasks):
        assert not hasattr(module, "_today"), module.__name__
        assert module.task_today is task_today
