"""The recording page and its autosave endpoint (¶39, ¶40): only the mission's team records,
while the mission is announced or in progress; an entry is applied, or ignored when the device
sent it before the entry the server holds (a draft re-sent after a lost connection);
validation errors come back as JSON naming the field; the same forms work without the
script; evidence is checked by type and size; query counts constant in the number of items."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actors.tests.factories import PersonFactory
from inspections.models import ChecklistItem, Evidence, Finding, ItemResult, MissionStatus, Severity
from inspections.services.recording import default_deadline
from inspections.tests.factories import (
    announced_mission,
    debriefed_mission,
    planned_mission,
    station_world,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def world():
    return station_world()


@pytest.fixture
def mission(world):
    return announced_mission(world)


def record_page(mission) -> str:
    return reverse("inspections:mission-record", args=[mission.pk])


def endpoint(item) -> str:
    return reverse("inspections:item-record", args=[item.pk])


def evidence_url(item) -> str:
    return reverse("inspections:item-evidence", args=[item.pk])


def first_item(mission, role="designated_official") -> ChecklistItem:
    return mission.checklist_items.filter(role__code=role).order_by("position").first()


def entry(**fields) -> dict:
    """An item's whole form, as the script sends it."""
    base = {"result": "", "notes": "", "severity": "", "recommendation": "", "deadline": ""}
    return base | fields


def iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


# --- Who reaches the recording page -----------------------------------------------------------


def test_the_team_records_every_item_on_one_page(world, mission, client):
    client.force_login(world.inspector)
    response = client.get(record_page(mission))
    assert response.status_code == 200
    shown = [item for group in response.context["groups"] for item in group["items"]]
    assert len(shown) == mission.checklist_items.count()
    body = response.content.decode()
    item = shown[0]
    assert f'action="{endpoint(item)}"' in body
    assert f'action="{evidence_url(item)}"' in body
    assert 'enctype="multipart/form-data"' in body
    assert "inspections/record.js" in body
    assert 'id="record-texts"' in body
    for value in ItemResult.values:
        assert f'id="item-{item.pk}-{value}"' in body


@pytest.mark.parametrize("reader", ["inspector2", "do", "hq_a", "outsider"])
def test_no_one_else_reaches_the_recording_page_or_endpoints(world, mission, client, reader):
    item = first_item(mission)
    client.force_login(getattr(world, reader))
    assert client.get(record_page(mission)).status_code == 404
    response = client.post(endpoint(item), entry(result="compliant"), **JSON)
    assert response.status_code == 404
    response = client.post(evidence_url(item), {"file": SimpleUploadedFile("a.png", PNG)})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.result == "" and not Evidence.objects.exists()


def test_the_recording_page_exists_while_the_mission_is_announced_or_in_progress(world, client):
    client.force_login(world.inspector)
    planned = planned_mission(world)
    response = client.get(record_page(planned))
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:mission-detail", args=[planned.pk])
    debriefed = debriefed_mission(world)
    response = client.get(record_page(debriefed), follow=True)
    assert "The checklist is closed" in response.content.decode()


# --- The autosave endpoint ----------------------------------------------------------------------


def test_an_entry_is_applied_and_a_deficiency_becomes_a_finding(world, mission, client):
    item = first_item(mission)
    client.force_login(world.inspector)
    saved_at = timezone.now() - dt.timedelta(seconds=30)
    deadline = mission.ends_on + dt.timedelta(days=20)
    response = client.post(
        endpoint(item),
        entry(
            result="non_compliant",
            notes="No security plan on file.",
            severity="critical",
            recommendation="Write the security plan (¶8(c)).",
            deadline=deadline.isoformat(),
        )
        | {"client_saved_at": iso(saved_at)},
        **JSON,
    )
    assert response.status_code == 200
    state = response.json()
    assert state["applied"] is True
    assert state["item"]["result"] == "non_compliant"
    assert state["finding"]["severity"] == "critical"
    assert state["finding"]["deadline"] == deadline.isoformat()
    assert state["finding"]["url"] == reverse(
        "inspections:finding-detail", args=[state["finding"]["id"]]
    )
    item.refresh_from_db()
    assert item.result == ItemResult.NON_COMPLIANT and item.notes == "No security plan on file."
    assert item.client_saved_at == saved_at and item.recorded_by == world.inspector
    finding = Finding.objects.get(checklist_item=item)
    assert finding.severity == Severity.CRITICAL
    assert finding.recommendation == "Write the security plan (¶8(c))."
    assert finding.deadline == deadline
    mission.refresh_from_db()
    assert mission.status == MissionStatus.IN_PROGRESS


def test_a_deficiency_without_a_date_gets_the_default_one(world, mission, client):
    item = first_item(mission, "warden")
    client.force_login(world.inspector)
    response = client.post(endpoint(item), entry(result="partial", severity="low"), **JSON)
    assert response.json()["finding"]["deadline"] == default_deadline(mission, "low").isoformat()
    assert response.json()["finding"]["recommendation"] == ""
    # A result that is no longer deficient withdraws the finding.
    response = client.post(endpoint(item), entry(result="compliant"), **JSON)
    assert response.json()["finding"] is None
    assert not Finding.objects.filter(checklist_item=item).exists()


def test_the_date_follows_the_severity_until_the_inspector_sets_it(world, mission, client):
    """The page shows the severity's default date and sends it back with each change: a
    severity raised afterwards moves the date with it (¶40), not only the severity."""
    item = first_item(mission, "warden")
    client.force_login(world.inspector)
    medium = default_deadline(mission, "medium").isoformat()
    critical = default_deadline(mission, "critical").isoformat()
    state = client.post(endpoint(item), entry(result="non_compliant"), **JSON).json()
    assert state["finding"]["deadline"] == medium
    assert state["finding"]["deadline_set_by_hand"] is False
    # The script: the date shown was the default, not one of the inspector's own.
    follows = entry(result="non_compliant", severity="critical", deadline=medium)
    state = client.post(endpoint(item), follows | {"deadline_set_by_hand": "false"}, **JSON)
    assert state.json()["finding"]["deadline"] == critical
    finding = Finding.objects.get(checklist_item=item)
    assert (finding.severity, finding.deadline.isoformat()) == ("critical", critical)
    # A plain form post sends back the date it showed: the same.
    client.post(endpoint(item), entry(result="non_compliant", severity="low", deadline=critical))
    finding.refresh_from_db()
    assert finding.deadline == default_deadline(mission, "low")
    assert not finding.deadline_set_by_hand
    # A date the inspector sets stays when the severity changes.
    own = (mission.ends_on + dt.timedelta(days=20)).isoformat()
    by_hand = entry(result="non_compliant", severity="low", deadline=own)
    client.post(endpoint(item), by_hand | {"deadline_set_by_hand": "true"}, **JSON)
    raised = by_hand | {"severity": "high", "deadline_set_by_hand": "true"}
    state = client.post(endpoint(item), raised, **JSON).json()
    assert (state["finding"]["deadline"], state["finding"]["deadline_set_by_hand"]) == (own, True)
    # Emptied by the inspector, the field gives the date back to the severity.
    back = raised | {"deadline": "", "deadline_set_by_hand": "false"}
    state = client.post(endpoint(item), back, **JSON).json()
    assert state["finding"]["deadline"] == default_deadline(mission, "high").isoformat()
    assert state["finding"]["deadline_set_by_hand"] is False


def test_an_older_draft_is_ignored_and_the_server_state_returned(world, mission, client):
    item = first_item(mission)
    client.force_login(world.inspector)
    later = timezone.now() - dt.timedelta(minutes=1)
    earlier = later - dt.timedelta(minutes=10)
    client.post(
        endpoint(item),
        entry(result="compliant", notes="Plan seen and current.") | {"client_saved_at": iso(later)},
        **JSON,
    )
    # The draft kept on the device while offline arrives after the later entry.
    response = client.post(
        endpoint(item),
        entry(result="non_compliant", notes="Draft", recommendation="Draft")
        | {"client_saved_at": iso(earlier)},
        **JSON,
    )
    assert response.status_code == 200
    state = response.json()
    assert state["applied"] is False
    assert state["item"]["result"] == "compliant"
    assert state["item"]["notes"] == "Plan seen and current."
    assert state["finding"] is None
    item.refresh_from_db()
    assert item.result == ItemResult.COMPLIANT and item.client_saved_at == later
    assert not Finding.objects.filter(checklist_item=item).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"result": "excellent"}, "result"),
        ({"result": "partial", "severity": "apocalyptic"}, "severity"),
        ({"result": "partial", "deadline": "someday"}, "deadline"),
        ({"result": "compliant", "client_saved_at": "yesterday-ish"}, "client_saved_at"),
    ],
)
def test_malformed_entries_answer_400_naming_the_field(world, mission, client, fields, field):
    item = first_item(mission)
    client.force_login(world.inspector)
    response = client.post(endpoint(item), entry() | fields, **JSON)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    item.refresh_from_db()
    assert item.result == ""


def test_refused_entries_answer_400_naming_the_field_and_write_nothing(world, mission, client):
    item = first_item(mission)
    client.force_login(world.inspector)
    too_early = mission.ends_on - dt.timedelta(days=1)
    response = client.post(
        endpoint(item),
        entry(result="non_compliant", deadline=too_early.isoformat()),
        **JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "deadline": ["The date to rectify by cannot be before the mission ends."]
    }
    # All or nothing: the result is not recorded without its finding's date.
    item.refresh_from_db()
    assert item.result == "" and not Finding.objects.exists()
    future = timezone.now() + dt.timedelta(hours=2)
    response = client.post(
        endpoint(item), entry(result="compliant") | {"client_saved_at": iso(future)}, **JSON
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["client_saved_at"]


def test_the_endpoint_refuses_entries_once_the_mission_is_debriefed(world, client):
    mission = debriefed_mission(world)
    item = first_item(mission)
    client.force_login(world.inspector)
    response = client.post(endpoint(item), entry(result="not_applicable"), **JSON)
    assert response.status_code == 400
    assert "closed" in response.json()["errors"]["result"][0]
    # Without the script: back to the mission page, with the reason.
    response = client.post(endpoint(item), entry(result="not_applicable"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "inspections:mission-detail", args=[mission.pk]
    )
    assert "The checklist is closed" in response.content.decode()
    item.refresh_from_db()
    assert item.result == ItemResult.NON_COMPLIANT


def test_the_endpoint_answers_post_alone(world, mission, client):
    client.force_login(world.inspector)
    assert client.get(endpoint(first_item(mission))).status_code == 405


# --- Without the script -----------------------------------------------------------------------


def test_a_plain_form_post_records_one_item_and_returns_to_it(world, mission, client):
    item = first_item(mission, "fsco")
    client.force_login(world.inspector)
    response = client.post(
        endpoint(item),
        entry(result="partial", notes="Half the radios work.", severity="high")
        | {"recommendation": "Repair the radios."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{record_page(mission)}#item-{item.pk}"
    item.refresh_from_db()
    assert item.result == ItemResult.PARTIAL and item.client_saved_at is None
    assert item.finding.recommendation == "Repair the radios."
    assert item.finding.severity == Severity.HIGH
    response = client.get(response["Location"])
    body = response.content.decode()
    assert f"Saved: {item.reference}" in body
    assert "Repair the radios." in body


def test_a_refused_plain_post_shows_the_error_at_the_item_and_keeps_what_was_typed(
    world, mission, client
):
    item = first_item(mission, "fsco")
    client.force_login(world.inspector)
    too_early = mission.starts_on - dt.timedelta(days=1)
    response = client.post(
        endpoint(item),
        entry(
            result="non_compliant",
            notes="Typed on site",
            recommendation="Keep me",
            deadline=too_early.isoformat(),
        ),
    )
    assert response.status_code == 400
    shown = next(
        each
        for group in response.context["groups"]
        for each in group["items"]
        if each.pk == item.pk
    )
    assert shown.errors == {
        "deadline": ["The date to rectify by cannot be before the mission ends."]
    }
    assert shown.entry["notes"] == "Typed on site" and shown.entry["recommendation"] == "Keep me"
    body = response.content.decode()
    assert "cannot be before the mission ends" in body
    assert "Typed on site" in body


# --- Evidence -------------------------------------------------------------------------------------


def test_evidence_is_attached_and_listed_with_its_link(world, mission, client):
    item = first_item(mission)
    client.force_login(world.inspector)
    response = client.post(
        evidence_url(item), {"file": SimpleUploadedFile("plan.png", PNG, "image/png")}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{record_page(mission)}#item-{item.pk}"
    evidence = Evidence.objects.get()
    assert evidence.checklist_item == item and evidence.content_type == "image/png"
    assert evidence.organization_id == item.organization_id
    body = client.get(record_page(mission)).content.decode()
    assert reverse("inspections:evidence-file", args=[evidence.pk]) in body
    # The station sees it too, on the mission page.
    client.force_login(world.do)
    body = client.get(reverse("inspections:mission-detail", args=[mission.pk])).content.decode()
    assert reverse("inspections:evidence-file", args=[evidence.pk]) in body


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Attach a file (PDF, PNG or JPEG)."),
        (("run.exe", b"MZ\x90\x00 not a picture"), "Only PDF, PNG and JPEG files are accepted."),
        (("big.png", PNG + b"\x00" * 2048), "the limit is"),
    ],
)
def test_evidence_errors_are_shown_at_the_file_field(
    world, mission, client, settings, upload, message
):
    settings.INSPECTION_EVIDENCE_MAX_BYTES = 1024
    item = first_item(mission)
    client.force_login(world.inspector)
    data = {} if upload is None else {"file": SimpleUploadedFile(upload[0], upload[1])}
    response = client.post(evidence_url(item), data)
    assert response.status_code == 400
    shown = next(
        each
        for group in response.context["groups"]
        for each in group["items"]
        if each.pk == item.pk
    )
    assert list(shown.errors) == ["file"] and message in shown.errors["file"][0]
    body = response.content.decode()
    assert f'id="item-{item.pk}-file-errors"' in body
    assert "Evidence file: " in body
    assert not Evidence.objects.exists()


# --- Query counts -------------------------------------------------------------------------------


def test_record_page_and_endpoint_query_counts_are_constant(
    world, client, django_assert_num_queries
):
    for _ in range(6):
        PersonFactory(organization=world.agency_b, duty_station=world.station)
    client.force_login(world.inspector)
    sizes = []
    for sample in (2, 8):
        mission = announced_mission(world, sample=sample)
        for item in mission.checklist_items.filter(role__code="personnel"):
            client.post(endpoint(item), entry(result="non_compliant", recommendation="Fix"), **JSON)
        sizes.append(mission.checklist_items.count())
        # session, user, the grants, the mission (with its links and the right to change it),
        # the items, the findings, the evidence, the base template's two.
        with django_assert_num_queries(9):
            response = client.get(record_page(mission))
        assert sum(len(group["items"]) for group in response.context["groups"]) == sizes[-1]
    assert sizes[1] > sizes[0]


def test_the_json_answer_is_plain_json(world, mission, client):
    client.force_login(world.inspector)
    response = client.post(endpoint(first_item(mission)), entry(result="compliant"), **JSON)
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["applied"] is True
