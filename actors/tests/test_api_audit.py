"""/api/v1/audit-events/: the audit trail, scoped like the objects it is about."""

import pytest

from accountability.core.audit import audit_context
from actors import models as m
from actors.tests.api_helpers import build_world, client_for, error_attrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def test_queryset_update_shows_up_with_before_and_after(world):
    person = world["people"]["a_capital"]
    with audit_context(user=world["hq_a"], source="bulk"):
        m.Person.objects.filter(pk=person.pk).update(grade="P-5")
    response = client_for(world["hq_a"]).get(
        "/api/v1/audit-events/", {"model": "person", "object_id": person.pk}
    )
    assert response.status_code == 200
    events = response.json()["results"]
    assert [event["action"] for event in events] == ["update", "insert"]
    assert events[0]["changes"]["grade"] == ["P-3", "P-5"]
    assert events[0]["username"] == world["hq_a"].username
    assert events[0]["source"] == "bulk"
    assert response.json()["next"] is None


def test_api_writes_are_attributed_to_the_token_user(world):
    person = world["people"]["a_capital"]
    client = client_for(world["hq_a"])
    assert client.patch(f"/api/v1/personnel/{person.pk}/", {"grade": "D-1"}).status_code == 200
    latest = client.get("/api/v1/audit-events/", {"model": "person", "object_id": person.pk})
    event = latest.json()["results"][0]
    assert event["changes"]["grade"] == ["P-3", "D-1"]
    assert event["user_id"] == world["hq_a"].pk
    assert event["source"] == f"/api/v1/personnel/{person.pk}/"


def test_outsider_sees_no_event_of_another_organizations_person(world):
    person = world["people"]["a_capital"]
    m.Person.objects.filter(pk=person.pk).update(grade="P-5")
    outsider = client_for(world["outsider"])
    scoped = outsider.get("/api/v1/audit-events/", {"model": "person", "object_id": person.pk})
    assert scoped.json()["results"] == []
    everything = outsider.get("/api/v1/audit-events/", {"page_size": 500}).json()["results"]
    own_people = set(
        m.Person.objects.filter(organization=world["outsider"].organization).values_list(
            "pk", flat=True
        )
    )
    for event in everything:
        if event["model"] in ("person", "dependant"):
            assert event["object_id"] not in {p.pk for p in world["people"].values()}
        if event["model"] == "person":
            assert event["object_id"] in own_people
    dependants = outsider.get("/api/v1/audit-events/", {"model": "dependant"}).json()["results"]
    assert not {e["object_id"] for e in dependants} & {d.pk for d in world["dependants"].values()}


def test_pages_follow_before_without_losing_events_of_the_same_instant(world):
    # In a test everything happens in one transaction: every event has the same time.
    client = client_for(world["do"])
    expected = client.get("/api/v1/audit-events/", {"model": "person", "page_size": 500})
    expected = [event["id"] for event in expected.json()["results"]]
    assert len(expected) > 4
    seen, url, params = [], "/api/v1/audit-events/", {"model": "person", "page_size": 2}
    while url:
        page = client.get(url, params).json()
        seen += [event["id"] for event in page["results"]]
        url, params = page["next"], None
    assert seen == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"model": "spaceship"}, "model"),
        ({"object_id": "x"}, "object_id"),
        ({"before": "yesterday"}, "before"),
        ({"page_size": 501}, "page_size"),
    ],
)
def test_bad_filters_name_the_field(world, params, field):
    response = client_for(world["do"]).get("/api/v1/audit-events/", params)
    assert response.status_code == 400
    assert error_attrs(response) == {field}


def test_csv_export_of_audit_events(world):
    response = client_for(world["do"]).get(
        "/api/v1/audit-events/", {"model": "person", "format": "csv"}
    )
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0].startswith("id,model,object_id,action")
