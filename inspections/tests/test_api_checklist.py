"""/api/v1/checklist-items/: recording the checklist through the API, autosave with drafts
re-sent after a lost connection, evidence files checked by their bytes (¶39, ¶40)."""

import datetime as dt

import pytest
from django.utils import timezone

from actors.tests.api_helpers import error_attrs, ids
from inspections.models import ChecklistItem, Evidence, Finding, ItemResult

from .factories import announced_mission, record_all
from .test_api_fixtures import (
    PDF,
    PNG,
    TEXT,
    api,
    debriefed,
    deficient_items,
    upload,
    world,
    xlsx_rows,
)

__all__ = ["debriefed", "world"]  # fixtures

pytestmark = pytest.mark.django_db
URL = "/api/v1/checklist-items/"


@pytest.fixture
def announced(world):
    return announced_mission(world)


def item_of(mission, role_code: str) -> ChecklistItem:
    return mission.checklist_items.filter(role__code=role_code).order_by("position").first()


def test_the_team_records_an_item_and_a_deficiency_opens_its_finding(world, announced):
    item = item_of(announced, "warden")
    url = f"{URL}{item.pk}/"
    inspector = api(world, "inspector")
    saved = timezone.now() - dt.timedelta(minutes=2)
    response = inspector.patch(
        url,
        {
            "result": "non_compliant",
            "notes": "No zone list at the warden's post.",
            "severity": "high",
            "client_saved_at": saved.isoformat(),
        },
    )
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["applied"], row["result"], row["role_code"], row["reference"]) == (
        True,
        "non_compliant",
        "warden",
        item.reference,
    )
    assert row["reference"].startswith("¶20")
    finding = Finding.objects.get(checklist_item=item)
    assert (row["finding"], finding.severity) == (finding.pk, "high")
    assert row["recorded_by"] == world.inspector.pk and row["recorded_at"]
    # Recording the first item starts the mission.
    assert (
        api(world, "inspector").get(f"/api/v1/inspections/{announced.pk}/").json()["status"]
        == "in_progress"
    )

    # Compliant after all: the finding is withdrawn (before the debrief).
    response = inspector.patch(url, {"result": "compliant"})
    assert response.status_code == 200 and response.json()["finding"] is None
    assert not Finding.objects.filter(checklist_item=item).exists()


def test_a_draft_older_than_the_stored_entry_is_not_applied(world, announced):
    item = item_of(announced, "designated_official")
    url = f"{URL}{item.pk}/"
    inspector = api(world, "inspector")
    later = timezone.now() - dt.timedelta(minutes=1)
    earlier = later - dt.timedelta(minutes=10)
    response = inspector.patch(
        url, {"result": "compliant", "notes": "Seen", "client_saved_at": later.isoformat()}
    )
    assert response.status_code == 200 and response.json()["applied"] is True
    # The draft the tablet kept while offline, re-sent after the connection came back.
    response = inspector.patch(
        url,
        {"result": "non_compliant", "notes": "Draft", "client_saved_at": earlier.isoformat()},
    )
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["applied"], row["result"], row["notes"]) == (False, "compliant", "Seen")
    assert dt.datetime.fromisoformat(row["client_saved_at"]) == later
    assert not Finding.objects.filter(checklist_item=item).exists()
    # A time in the future is refused, naming the field; an unknown result too.
    future = timezone.now() + dt.timedelta(hours=1)
    response = inspector.patch(url, {"client_saved_at": future.isoformat()})
    assert response.status_code == 400 and error_attrs(response) == {"client_saved_at"}
    response = inspector.patch(url, {"result": "maybe"})
    assert response.status_code == 400 and error_attrs(response) == {"result"}


def test_only_the_team_records(world, announced):
    item = item_of(announced, "warden")
    url = f"{URL}{item.pk}/"
    # The DO and SMT see the checklist once announced (¶39), and another inspector sees
    # everything; none of them records it: 404 as for an item one may not see.
    for name in ("do", "smt_a", "inspector2"):
        client = api(world, name)
        assert client.get(url).status_code == 200, name
        assert client.patch(url, {"result": "compliant"}).status_code == 404, name
    # The agencies see nothing before the debrief (¶40); the outsider never.
    for name in ("hq_a", "rep_a", "outsider"):
        assert api(world, name).get(url).status_code == 404, name
    item.refresh_from_db()
    assert item.result == ""
    # After the debrief the checklist is closed, for the team too.
    record_all(world, announced)
    from inspections.services.missions import mission_debrief

    mission_debrief(user=world.inspector, mission=announced, summary="Done")
    response = api(world, "inspector").patch(url, {"result": "non_compliant"})
    assert response.status_code == 400 and error_attrs(response) == {"result"}


def test_who_sees_the_checklist(world, debriefed):
    every = set(debriefed.checklist_items.values_list("pk", flat=True))
    agency_a = set(
        debriefed.checklist_items.filter(organization=world.agency_a).values_list("pk", flat=True)
    )
    agency_b = set(
        debriefed.checklist_items.filter(organization=world.agency_b).values_list("pk", flat=True)
    )
    # The FSCO's items are UNSECOORD's: the station sees them, neither agency.
    assert agency_a and agency_b and every - agency_a - agency_b
    seen = {
        name: ids(api(world, name).get(URL, {"page_size": 500}))
        for name in (
            "inspector",
            "do",
            "fsco",
            "smt_a",
            "hq_a",
            "rep_a",
            "hq_b",
            "aso_b",
            "outsider",
        )
    }
    assert seen["inspector"] == seen["do"] == seen["fsco"] == seen["smt_a"] == every
    assert seen["hq_a"] == seen["rep_a"] == agency_a
    assert seen["hq_b"] == seen["aso_b"] == agency_b
    assert seen["outsider"] == set()
    # The warden sees the items naming them.
    warden_items = set(
        debriefed.checklist_items.filter(person=world.person(world.warden)).values_list(
            "pk", flat=True
        )
    )
    assert ids(api(world, "warden").get(URL, {"page_size": 500})) == warden_items


def test_checklist_filters(world, debriefed):
    client = api(world, "do")

    def found(**params):
        return ids(client.get(URL, {"page_size": 500, **params}))

    items = debriefed.checklist_items
    assert found(role="warden") == set(
        items.filter(role__code="warden").values_list("pk", flat=True)
    )
    assert found(organization=world.agency_b.pk) == set(
        items.filter(organization=world.agency_b).values_list("pk", flat=True)
    )
    assert found(result="non_compliant") == set(
        items.filter(result=ItemResult.NON_COMPLIANT).values_list("pk", flat=True)
    )
    assert len(found(result="non_compliant")) == 3
    assert found(person=world.person(world.do).pk) == set(
        items.filter(person=world.person(world.do)).values_list("pk", flat=True)
    )
    assert found(mission=debriefed.pk) == set(items.values_list("pk", flat=True))
    assert found(mission=987654) == set() and found(recorded="false") == set()
    response = client.get(URL, {"result": "perhaps"})
    assert response.status_code == 400 and error_attrs(response) == {"result"}


def test_evidence_is_checked_by_its_bytes_and_served_to_who_sees_the_item(
    world, announced, settings
):
    item = item_of(announced, "fsco")
    url = f"{URL}{item.pk}/evidence/"
    inspector = api(world, "inspector")
    response = inspector.post(
        url, {"file": upload("gate.png", PNG, "image/png")}, format="multipart"
    )
    assert response.status_code == 201, response.content
    png = response.json()
    assert (png["content_type"], png["size"], png["checklist_item"]) == (
        "image/png",
        len(PNG),
        item.pk,
    )
    response = inspector.post(url, {"file": upload("plan.pdf", PDF)}, format="multipart")
    assert response.status_code == 201 and response.json()["content_type"] == "application/pdf"
    # A text file renamed .png, whatever type the browser claims, is refused.
    response = inspector.post(
        url, {"file": upload("photo.png", TEXT, "image/png")}, format="multipart"
    )
    assert response.status_code == 400 and error_attrs(response) == {"file"}
    # A file over the limit is refused, naming the field.
    settings.INSPECTION_EVIDENCE_MAX_BYTES = len(PNG) - 1
    response = inspector.post(url, {"file": upload("big.png", PNG)}, format="multipart")
    assert response.status_code == 400 and error_attrs(response) == {"file"}
    assert "limit" in response.json()["errors"][0]["detail"]
    response = inspector.post(url, {}, format="multipart")
    assert response.status_code == 400 and error_attrs(response) == {"file"}
    assert Evidence.objects.filter(checklist_item=item).count() == 2

    # The DO sees the item, so its evidence, but adds none.
    do = api(world, "do")
    response = do.get(url)
    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == ["gate.png", "plan.pdf"]
    assert do.get(f"{URL}{item.pk}/").json()["evidence_count"] == 2
    response = do.get(png["file_url"])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    settings.INSPECTION_EVIDENCE_MAX_BYTES = 10_000
    response = do.post(url, {"file": upload("x.png", PNG)}, format="multipart")
    assert response.status_code == 404
    for name in ("hq_a", "outsider"):
        assert api(world, name).get(url).status_code == 404, name
        assert api(world, name).get(png["file_url"]).status_code == 404, name


def test_checklist_exports(world, debriefed):
    client = api(world, "hq_b")
    response = client.get(URL, {"format": "csv", "page_size": 500})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    columns = lines[0].split(",")
    assert {"id", "mission_reference", "reference", "text_en", "result", "finding"} <= set(columns)
    assert len(lines) - 1 == debriefed.checklist_items.filter(organization=world.agency_b).count()
    header, *rows = xlsx_rows(client.get(URL, {"format": "xlsx", "page_size": 500}).content)
    assert "text_zh" in header and len(rows) == len(lines) - 1
    assert {row[header.index("organization_code")] for row in rows} == {"agencyb"}


def test_checklist_queries_are_constant(world, debriefed, django_assert_num_queries):
    item = item_of(debriefed, "warden")

    def check():
        for name in ("inspector", "do", "hq_a", "outsider"):
            client = api(world, name)
            for params in ({"page_size": 1}, {"page_size": 500}, {"format": "csv"}):
                # 1 token + user, 1 grants, 1 page (with each item's evidence count).
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
        for name in ("inspector", "do", "hq_a"):
            client = api(world, name)
            with django_assert_num_queries(3):
                assert client.get(f"{URL}{item.pk}/").status_code == 200
            # 1 token + user, 1 grants, 1 item, 1 evidence one may see.
            with django_assert_num_queries(4):
                assert client.get(f"{URL}{item.pk}/evidence/").status_code == 200

    check()
    more = announced_mission(world)
    record_all(world, more, deficient=deficient_items(more, 10))
    from inspections.services.recording import evidence_add

    for name in ("a.png", "b.png", "c.png"):
        evidence_add(
            user=world.inspector, upload=upload(name, PNG), checklist_item=item_of(more, "warden")
        )
    check()
