"""Shared fixtures. Every test world has an outsider organization whose user must see nothing."""

import datetime as dt

import pgtrigger
import pytest
from django.db.backends.base.creation import BaseDatabaseCreation

from accountability.core import pdfs
from actors.tests.factories import (
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

# The browser tests' fixtures (page, allow_orm_beside_playwright).
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _frozen_on_marked_day(request):
    """``pytest.mark.frozen_on(day, hour=12)``: the clock stands at that hour UTC of ``day``
    for the whole test, so that a module's fixed dates and the code's own reading of the clock
    agree at any hour of the run, across midnight UTC included (conventions, 19). Noon keeps
    the same date in every station's time zone."""
    marker = request.node.get_closest_marker("frozen_on")
    if marker is None:
        return
    day = marker.args[0]
    hour = marker.kwargs.get("hour", 12)
    time_machine = request.getfixturevalue("time_machine")
    time_machine.move_to(dt.datetime.combine(day, dt.time(hour), dt.UTC), tick=False)


@pytest.fixture
def fetches(monkeypatch):
    """Every URL the documents' fetcher (letters, certificates, reports) is asked for; it
    refuses each."""
    asked = []
    refuse = pdfs._refuse_fetch

    def spy(url, *args, **kwargs):
        asked.append(url)
        return refuse(url, *args, **kwargs)

    monkeypatch.setattr(pdfs, "_refuse_fetch", spy)
    return asked


@pytest.fixture
def outsider(db):
    """A user of another organization, holding no appointment, with rows of its own."""
    org = OrganizationFactory(code="outsider", name="Outsider Organization")
    station = DutyStationFactory()
    person = PersonFactory(organization=org, duty_station=station)
    DependantFactory(person=person)
    user = UserFactory(organization=org, username="outsider")
    PersonFactory(organization=org, duty_station=station, user=user)
    return user


def _restore_without_triggers(original):
    """``serialized_rollback`` restores the rows that migrations wrote, audit events included.

    Saving them back must neither write new audit events (the history triggers) nor be
    refused by the append-only triggers of the event tables: the restore puts back what was
    there, it changes nothing.
    """

    def deserialize_db_from_string(self, data):
        with pgtrigger.ignore():
            return original(self, data)

    return deserialize_db_from_string


BaseDatabaseCreation.deserialize_db_from_string = _restore_without_triggers(
    BaseDatabaseCreation.deserialize_db_from_string
)
