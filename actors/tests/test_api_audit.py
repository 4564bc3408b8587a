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


# --- Fields only some readers of the live row may see ----------------------------------------


def _readers(world):
    from actors.tests.factories import superuser, unsecoord_org, user_with_role

    unsecoord = unsecoord_org()
    staff = m.User.objects.create_user(
        username="staff_a", organization=world["a"], email="staff@example.org"
    )
    household = world["people"]["a_capital"]
    household.user = staff
    household.save()
    return {
        "staff member": staff,
        "hq_a": world["hq_a"],
        "do": world["do"],
        "warden": world["warden"],
        "smt_a": world["smt_a"],
        "inspector": user_with_role("unsecoord_inspector", unsecoord, organization=unsecoord),
        "unsecoord": user_with_role("unsecoord", unsecoord, organization=unsecoord),
        "superuser": m.User.objects.filter(is_superuser=True).first() or superuser(),
    }


@pytest.mark.parametrize(
    ("reader", "sees_details"),
    [
        # The household, its keepers and its warden see the details (¶20(g), ¶22).
        ("staff member", True),
        ("hq_a", True),
        ("do", True),
        ("warden", True),
        ("superuser", True),
        # SMT members and UNSECOORD read the household without its details.
        ("smt_a", False),
        ("inspector", False),
        ("unsecoord", False),
    ],
)
def test_history_shows_a_field_only_to_those_who_see_it_on_the_live_row(
    world, reader, sees_details
):
    dependant = world["dependants"]["a_capital"]
    with audit_context(source="test"):
        m.Dependant.objects.filter(pk=dependant.pk).update(
            birth_date="2016-06-18", residential_address="3 Avenue Rose", given_names="Amina"
        )
    client = client_for(_readers(world)[reader])
    live = client.get(f"/api/v1/dependants/{dependant.pk}/")
    assert live.status_code == 200
    events = client.get(
        "/api/v1/audit-events/", {"model": "dependant", "object_id": dependant.pk}
    ).json()["results"]
    assert [event["action"] for event in events] == ["update", "insert"]
    update, insert = events
    assert update["changes"]["given_names"][1] == "Amina" == live.json()["given_names"]
    for field in ("birth_date", "residential_address"):
        shown_live = live.json()[field] is not None
        assert shown_live is sees_details
        assert (field in update["changes"]) is shown_live
        assert (field in insert["changes"]) is shown_live
        if shown_live:
            assert update["changes"][field][1] == live.json()[field]
    # The same rule over every dependant's history the reader may page through.
    everything = client.get("/api/v1/audit-events/", {"model": "dependant", "page_size": 500})
    shown = {
        row["id"]: row["birth_date"] is not None
        for row in client.get("/api/v1/dependants/", {"page_size": 500}).json()["results"]
    }
    for event in everything.json()["results"]:
        assert ("birth_date" in event["changes"]) is shown[event["object_id"]]


def test_dependant_page_history_hides_the_details_from_the_smt(world, client):
    from django.urls import reverse

    dependant = world["dependants"]["a_capital"]
    with audit_context(source="test"):
        m.Dependant.objects.filter(pk=dependant.pk).update(birth_date="2016-06-18")
    client.force_login(world["smt_a"])
    page = client.get(reverse("actors:dependant-detail", args=[dependant.pk]))
    assert page.status_code == 200
    history = page.context["history"]
    assert [entry.action for entry in history] == ["update", "insert"]
    assert not {"birth_date", "residential_address"} & {f for e in history for f in e.changes}
    assert "2016-06-18" not in page.content.decode()
    client.force_login(world["warden"])
    history = client.get(reverse("actors:dependant-detail", args=[dependant.pk])).context["history"]
    assert history[0].changes["birth_date"] == ["2015-05-17", "2016-06-18"]


# Audited fields that the API gives under another shape: the appointment's scope columns are its
# ``scope`` and ``scope_type``; the workflow's timestamps and every row's creation and update
# times are dates of record, not facts about anyone.
SHOWN_OTHERWISE = {
    "appointment": {
        "scope_organization",
        "scope_country",
        "scope_duty_station",
        "scope_area",
        "scope_zone",
        "submitted_at",
        "released_at",
    },
}
TIMESTAMPS = {"created_at", "updated_at"}


def test_history_shows_no_field_that_the_api_hides():
    """Each field a model's history records is either in its API's output, for everyone who
    sees the row, or declared private with its rule (scoping.private_fields), which the history
    then applies to each reader: the history never tells what the live row does not."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from accountability.core import history, scoping

    def api_viewsets(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from api_viewsets(entry)
            elif isinstance(entry, URLPattern) and hasattr(entry.callback, "cls"):
                yield entry.callback.cls

    # Every app's endpoints, not one router's: the appointments are served by their own app.
    viewsets = {getattr(v, "model", None): v for v in api_viewsets(get_resolver())}
    leaks = {}
    for key in history.tracked_keys():
        model = history.tracked_model(key)
        viewset = viewsets.get(model)
        if viewset is None:  # no API for the model: its history is not served either
            continue
        shown = {f if isinstance(f, str) else f[0] for f in viewset.output_fields}
        recorded = {
            field.name
            for field in history.event_model(model)._meta.concrete_fields
            if field.attname not in history.SNAPSHOT_EXCLUDE
        }
        hidden = (
            recorded
            - shown
            - set(scoping.private_fields(model))
            - SHOWN_OTHERWISE.get(key, set())
            - TIMESTAMPS
        )
        if hidden:
            leaks[key] = sorted(hidden)
    assert leaks == {}
    assert scoping.private_fields(m.Dependant) == ("birth_date", "residential_address")
    assert scoping.private_fields(m.User) == ("is_staff", "is_superuser", "date_joined")


def test_a_logins_history_shows_its_admin_flags_to_superusers_only(world):
    """The users API shows nobody whether a login is staff or superuser, nor when it joined;
    their history shows those fields to superusers alone, the login itself included."""
    from actors.tests.factories import UserFactory

    target = world["hq_a"]
    m.User.objects.filter(pk=target.pk).update(is_staff=True)
    root = UserFactory(organization=target.organization, is_superuser=True)
    private = {"is_staff", "is_superuser", "date_joined"}

    def changed_fields(reader):
        response = client_for(reader).get(
            "/api/v1/audit-events/", {"model": "user", "object_id": target.pk}
        )
        assert response.status_code == 200
        events = response.json()["results"]
        assert [event["action"] for event in events] == ["update", "insert"]
        return [set(event["changes"]) for event in events]

    updated, inserted = changed_fields(target)
    assert not private & (updated | inserted)
    assert "email" in inserted
    updated, inserted = changed_fields(root)
    assert updated == {"is_staff"}
    assert private <= inserted
