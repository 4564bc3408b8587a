"""SMT meetings and action items (¶16(b)): services, API, pages, outsiders, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accountability.core import scoping
from actors import models as m
from actors.tests.api_helpers import client_for, error_attrs, ids
from actors.tests.factories import PersonFactory, user_with_role
from meetings import services as meetings
from meetings.models import ActionItem, SmtMeeting

# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


def fields_of(excinfo) -> set:
    return set(excinfo.value.message_dict)


def members(w):
    return [m.Person.objects.get(user=w[k]) for k in ("do", "fsco", "smt1", "smt2")]


def record(w, by="smt1", **kwargs):
    kwargs.setdefault("duty_station", w["capital"])
    kwargs.setdefault("held_on", TODAY - dt.timedelta(days=2))
    kwargs.setdefault("agenda", "Security plan review; relocation options.")
    kwargs.setdefault("decisions", "Update the relocation list by Friday.")
    kwargs.setdefault("attendees", members(w))
    return meetings.meeting_record(actor=w[by], **kwargs)


# --- Services ----------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["do", "fsco", "smt1", "smt2"])
def test_smt_members_do_and_fsco_record_meetings(station_world, by):
    w = station_world
    meeting = record(w, by=by)
    assert meeting.organization_id == w[by].organization_id
    assert set(meeting.attendees.all()) == set(members(w))
    item = meetings.action_item_add(
        actor=w[by],
        meeting=meeting,
        description="Test the radio tree",
        owner=members(w)[1],
        due_on=TODAY + dt.timedelta(days=7),
    )
    meetings.action_item_done(actor=w[by], item=item)
    item.refresh_from_db()
    assert item.done_on == TODAY
    with pytest.raises(ValidationError) as excinfo:
        meetings.action_item_done(actor=w[by], item=item)
    assert fields_of(excinfo) == {"done_on"}


@pytest.mark.parametrize("who", ["rep", "other_do", "nominee"])
def test_others_cannot_record(station_world, who):
    w = station_world
    actor = w["nominee"].user if who == "nominee" else w[who]
    with pytest.raises(ValidationError) as excinfo:
        meetings.meeting_record(
            actor=actor, duty_station=w["capital"], held_on=TODAY, agenda="Anything"
        )
    assert fields_of(excinfo) == {"duty_station"}
    meeting = record(w)
    for call, kwargs in (
        (meetings.meeting_update, {"meeting": meeting, "agenda": "Changed"}),
        (
            meetings.action_item_add,
            {
                "meeting": meeting,
                "description": "x",
                "owner": members(w)[0],
                "due_on": TODAY,
            },
        ),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call(actor=actor, **kwargs)
        assert fields_of(excinfo) == {"meeting"}


def test_meeting_rules(station_world, outsider):
    w = station_world
    with pytest.raises(ValidationError) as excinfo:
        record(w, held_on=TODAY + dt.timedelta(days=1))
    assert fields_of(excinfo) == {"held_on"}
    with pytest.raises(ValidationError) as excinfo:
        record(w, agenda="  ")
    assert fields_of(excinfo) == {"agenda"}
    stranger = m.Person.objects.get(user=outsider)
    with pytest.raises(ValidationError) as excinfo:
        record(w, attendees=[stranger])
    assert fields_of(excinfo) == {"attendees"}
    # Someone else at the station who is the recorder's own organization's staff may attend.
    colleague = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    meeting = record(w, attendees=[*members(w), colleague])
    with pytest.raises(ValidationError) as excinfo:
        meetings.action_item_add(
            actor=w["smt1"],
            meeting=meeting,
            description="x",
            owner=members(w)[0],
            due_on=meeting.held_on - dt.timedelta(days=1),
        )
    assert fields_of(excinfo) == {"due_on"}
    with pytest.raises(ValidationError) as excinfo:
        meetings.action_item_add(
            actor=w["smt1"], meeting=meeting, description="x", owner=stranger, due_on=TODAY
        )
    assert fields_of(excinfo) == {"owner"}
    updated = meetings.meeting_update(
        actor=w["do"], meeting=meeting, decisions="Phase II kept.", attendees=members(w)[:2]
    )
    assert updated.decisions == "Phase II kept." and updated.attendees.count() == 2


def test_the_owner_marks_its_own_item_done(station_world):
    w = station_world
    meeting = record(w)
    owner = m.Person.objects.get(user=w["rep"])
    item = meetings.action_item_add(
        actor=w["smt1"], meeting=meeting, description="Brief staff", owner=owner, due_on=TODAY
    )
    meetings.action_item_done(actor=w["rep"], item=item)
    assert ActionItem.objects.get(pk=item.pk).done_on == TODAY
    other_item = meetings.action_item_add(
        actor=w["smt1"], meeting=meeting, description="Radio", owner=members(w)[0], due_on=TODAY
    )
    with pytest.raises(ValidationError) as excinfo:
        meetings.action_item_done(actor=w["rep"], item=other_item)
    assert fields_of(excinfo) == {"meeting"}


# --- API ---------------------------------------------------------------------------------------


def add_meetings(w, n):
    for i in range(n):
        meeting = record(w, held_on=TODAY - dt.timedelta(days=10 + i))
        meetings.action_item_add(
            actor=w["smt1"],
            meeting=meeting,
            description=f"Action {i}",
            owner=members(w)[0],
            due_on=TODAY,
        )


def test_api_list_detail_create_and_filters(station_world, outsider):
    w = station_world
    add_meetings(w, 2)
    body = {
        "duty_station": w["capital"].pk,
        "held_on": TODAY.isoformat(),
        "agenda": "Evacuation drill",
        "decisions": "Drill on the 15th.",
        "attendees": [p.pk for p in members(w)],
    }
    response = client_for(w["fsco"]).post("/api/v1/smt-meetings/", body)
    assert response.status_code == 201, response.content
    meeting_id = response.json()["id"]
    assert response.json()["action_items_count"] == 0
    response = client_for(w["rep"]).post("/api/v1/smt-meetings/", body)
    assert response.status_code == 400 and error_attrs(response) == {"duty_station"}

    response = client_for(w["smt2"]).post(
        f"/api/v1/smt-meetings/{meeting_id}/action-items/",
        {"description": "Check the sirens", "owner": members(w)[3].pk, "due_on": TODAY.isoformat()},
    )
    assert response.status_code == 201, response.content
    item_id = response.json()["id"]
    assert response.json()["owner_family_name"] == members(w)[3].family_name

    detail = client_for(w["rep"]).get(f"/api/v1/smt-meetings/{meeting_id}/").json()
    assert {a["id"] for a in detail["attendees"]} == {p.pk for p in members(w)}
    assert [i["id"] for i in detail["action_items"]] == [item_id]
    assert detail["action_items_open"] == 1

    response = client_for(w["smt1"]).post(f"/api/v1/action-items/{item_id}/done/", {})
    assert response.status_code == 200 and response.json()["done_on"] == TODAY.isoformat()
    response = client_for(w["smt1"]).post(f"/api/v1/action-items/{item_id}/done/", {})
    assert response.status_code == 400 and error_attrs(response) == {"done_on"}

    listed = client_for(w["rep"]).get("/api/v1/smt-meetings/", {"duty_station": w["capital"].pk})
    assert len(ids(listed)) == 3
    listed = client_for(w["rep"]).get("/api/v1/smt-meetings/", {"duty_station": w["field"].pk})
    assert ids(listed) == set()


def test_api_outsider_sees_nothing_and_gets_404(station_world, outsider):
    w = station_world
    add_meetings(w, 1)
    meeting = SmtMeeting.objects.get()
    item = ActionItem.objects.get()
    client = client_for(outsider)
    assert client.get("/api/v1/smt-meetings/").json()["results"] == []
    assert client.get(f"/api/v1/smt-meetings/{meeting.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/smt-meetings/{meeting.pk}/action-items/",
        {"description": "x", "owner": members(w)[0].pk, "due_on": TODAY.isoformat()},
    )
    assert response.status_code == 404
    assert client.post(f"/api/v1/action-items/{item.pk}/done/", {}).status_code == 404
    # The DO of another country neither.
    other_do = client_for(w["other_do"])
    assert other_do.get(f"/api/v1/smt-meetings/{meeting.pk}/").status_code == 404
    # A reader who may not write: 404 on the write action too.
    response = client_for(w["rep"]).post(
        f"/api/v1/smt-meetings/{meeting.pk}/action-items/",
        {"description": "x", "owner": members(w)[0].pk, "due_on": TODAY.isoformat()},
    )
    assert response.status_code == 404
    assert ActionItem.objects.count() == 1


def test_api_query_counts_are_constant(station_world, outsider, django_assert_num_queries):
    w = station_world
    reader, stranger = client_for(w["rep"]), client_for(outsider)
    for n in (1, 12):
        add_meetings(w, n)
        # 1 token and user, 1 grants, 1 page of meetings with their action-item counts.
        with django_assert_num_queries(3):
            response = reader.get("/api/v1/smt-meetings/")
        assert response.status_code == 200
        # The outsider's scope is empty: no query for the page at all.
        with django_assert_num_queries(2):
            stranger.get("/api/v1/smt-meetings/")
        meeting = SmtMeeting.objects.first()
        # 1 token and user, 1 grants, 1 meeting row, 1 attendees, 1 action items.
        with django_assert_num_queries(5):
            response = reader.get(f"/api/v1/smt-meetings/{meeting.pk}/")
        assert response.status_code == 200


# --- Pages -------------------------------------------------------------------------------------


def test_pages_list_detail_and_forms(station_world, client):
    w = station_world
    add_meetings(w, 2)
    client.force_login(w["smt1"])
    response = client.get(reverse("meetings:list", args=[w["capital"].pk]))
    assert response.status_code == 200
    assert reverse("meetings:create", args=[w["capital"].pk]).encode() in response.content
    response = client.post(
        reverse("meetings:create", args=[w["capital"].pk]),
        {
            "held_on": TODAY.isoformat(),
            "agenda": "Phase review",
            "decisions": "Stay in phase II.",
            "attendees": [p.pk for p in members(w)],
        },
    )
    assert response.status_code == 302, response.content
    meeting = SmtMeeting.objects.order_by("-id").first()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    response = client.post(
        reverse("meetings:create", args=[w["capital"].pk]),
        {"held_on": (TODAY + dt.timedelta(days=3)).isoformat(), "agenda": "Future"},
    )
    assert response.status_code == 400 and b"held" in response.content.lower()

    response = client.post(
        reverse("meetings:action-item-add", args=[meeting.pk]),
        {"description": "Update the warden list", "owner": members(w)[1].pk, "due_on": TODAY},
    )
    assert response.status_code == 302
    item = meeting.action_items.get()
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Update the warden list" in text and "Stay in phase II." in text
    assert reverse("meetings:action-item-done", args=[item.pk]) in text
    response = client.post(reverse("meetings:action-item-done", args=[item.pk]))
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=item.pk).done_on == TODAY
    response = client.post(
        reverse("meetings:edit", args=[meeting.pk]),
        {"held_on": TODAY.isoformat(), "agenda": "Phase review (amended)", "decisions": ""},
    )
    assert response.status_code == 302
    assert SmtMeeting.objects.get(pk=meeting.pk).agenda == "Phase review (amended)"


def test_pages_readers_and_outsiders(station_world, client, outsider):
    w = station_world
    add_meetings(w, 1)
    meeting = SmtMeeting.objects.get()
    item = ActionItem.objects.get()
    client.force_login(w["rep"])  # sees the structure, does not record
    response = client.get(reverse("meetings:list", args=[w["capital"].pk]))
    assert response.status_code == 200
    assert reverse("meetings:create", args=[w["capital"].pk]).encode() not in response.content
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    for name, pk in (
        ("meetings:create", w["capital"].pk),
        ("meetings:edit", meeting.pk),
        ("meetings:action-item-add", meeting.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    client.force_login(outsider)
    response = client.get(reverse("meetings:list", args=[w["capital"].pk]))
    assert response.status_code == 200 and meeting.agenda.encode() not in response.content
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:action-item-done", args=[item.pk])).status_code == 404
    assert client.get(reverse("meetings:list", args=[999999])).status_code == 404


def test_page_query_counts_are_constant(station_world, client, django_assert_num_queries):
    w = station_world
    client.force_login(w["rep"])
    for n in (1, 12):
        add_meetings(w, n)
        # session, user, the station, grants, COUNT, the base template's two (unread
        # notifications and menu rights, the user's organization), the page with its counts.
        with django_assert_num_queries(8):
            response = client.get(reverse("meetings:list", args=[w["capital"].pk]))
        assert response.status_code == 200
        meeting = SmtMeeting.objects.first()
        # session, user, grants, the meeting, the base template's two, attendees, action items;
        # can_change costs no query for a reader whose editable scope is empty.
        with django_assert_num_queries(8):
            response = client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert response.status_code == 200
        # A recorder (SMT member): the same plus can_change.
        client.force_login(w["smt1"])
        with django_assert_num_queries(9):
            response = client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert response.status_code == 200
        client.force_login(w["rep"])


def test_fsca_of_the_station_reads_but_another_station_smt_does_not(station_world):
    w = station_world
    add_meetings(w, 1)
    fsca = user_with_role("fsca", w["capital"], username="fsca")
    assert scoping.visible_to(fsca, SmtMeeting).count() == 1
    field_smt = user_with_role("smt", w["field"], username="smt.field")
    assert scoping.visible_to(field_smt, SmtMeeting).count() == 0
