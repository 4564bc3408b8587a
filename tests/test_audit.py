"""The audit trail: database triggers record every change, even bulk ones, append-only."""

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError

from accountability.core.audit import audit_context
from accountability.core.history import object_history, visible_history
from actors import models as m
from actors.tests.factories import (
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_insert_update_delete_are_recorded_with_who_and_values():
    actor = UserFactory(username="recorder")
    with audit_context(user=actor, source="test"):
        person = PersonFactory(family_name="Okafor", grade="P-3")
        person.grade = "P-4"
        person.save()
    history = object_history(person)
    assert [entry.action for entry in history] == ["update", "insert"]
    update = history[0]
    assert update.changes == {"grade": ["P-3", "P-4"]}
    assert update.user_id == actor.pk and update.username == "recorder"
    assert update.source == "test"
    person_id = person.pk
    with audit_context(user=actor, source="test"):
        m.Person.objects.filter(pk=person_id).delete()
    assert m.PersonEvent.objects.filter(pgh_obj_id=person_id, pgh_label="delete").count() == 1


def test_queryset_update_is_recorded_for_every_row():
    station = DutyStationFactory()
    people = PersonFactory.create_batch(3, duty_station=station, grade="G-5")
    with audit_context(source="bulk-test"):
        updated = m.Person.objects.filter(duty_station=station).update(grade="G-6")
    assert updated == 3
    for person in people:
        latest = object_history(person)[0]
        assert latest.action == "update"
        assert latest.changes["grade"] == ["G-5", "G-6"]
        assert latest.source == "bulk-test"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE actors_personevent SET grade = 'X'",
        "DELETE FROM actors_personevent",
    ],
)
def test_event_tables_refuse_update_and_delete(statement):
    PersonFactory()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    assert m.PersonEvent.objects.count() == 1


def test_visible_history_is_scoped_like_the_objects(outsider):
    org = OrganizationFactory()
    station = DutyStationFactory()
    hq = user_with_role("hq_focal_point", org, organization=org, duty_station=station)
    mine = PersonFactory(organization=org, duty_station=station)
    theirs = PersonFactory(organization=outsider.organization, duty_station=station)
    hq_ids = {(e.model, e.object_id) for e in visible_history(hq, key="person", limit=500)}
    assert ("person", mine.pk) in hq_ids
    assert ("person", theirs.pk) not in hq_ids
    outsider_people = {e.object_id for e in visible_history(outsider, key="person", limit=500)}
    assert outsider_people == {outsider.person.pk}  # self only: no one of another org
    assert not [e for e in visible_history(outsider, key="appointment", limit=500)]


def test_user_password_is_not_in_the_trail():
    user = UserFactory()
    user.set_password("another-secret-123")
    user.save()
    event_fields = {f.name for f in m.UserEvent._meta.fields}
    assert "password" not in event_fields
    assert m.UserEvent.objects.filter(pgh_obj_id=user.pk).count() == 1  # insert only
