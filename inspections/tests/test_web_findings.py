"""The findings pages (¶40): the list with its filters and CSV/XLSX exports, the finding's
page for each role (the agency's HQ focal point sees its own findings in full and none of
another agency's; an outsider gets 404), the rectification report with evidence (a bad file
is refused on its field), the team's verification, the evidence files and the debrief report
PDFs. The fixtures here are shared by the other test_web_* modules of the app."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspections.models import (
    Evidence,
    Finding,
    FindingStatus,
    ItemResult,
    Mission,
    MissionReport,
    Rectification,
    RectificationDecision,
)
from inspections.services.findings import rectification_report
from inspections.services.missions import mission_debrief
from inspections.services.recording import evidence_add

from .factories import Station, announced_mission, record_all, station_world

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIST = reverse("inspections:finding-list")


def png(name="photo.png", content=PNG_BYTES):
    return SimpleUploadedFile(name, content, content_type="image/png")


@dataclasses.dataclass
class World:
    """A debriefed mission at the capital with one finding of agency A (the DO's duty, ¶8)
    and one of agency B (its security officer's, ¶13), each with an inspector's photograph."""

    w: Station
    mission: Mission
    a: Finding
    b: Finding
    a_photo: Evidence
    b_photo: Evidence


def debriefed_world(w: Station | None = None, *, extra_roles=()) -> World:
    w = w or station_world()
    mission = announced_mission(w)
    items = mission.checklist_items.order_by("position")
    a_item = items.filter(role__code="designated_official").first()
    b_item = items.filter(role__code="agency_security_officer").first()
    deficient = {a_item.pk: ItemResult.NON_COMPLIANT, b_item.pk: ItemResult.PARTIAL}
    for code in extra_roles:
        for item in items.filter(role__code=code):
            deficient[item.pk] = ItemResult.NON_COMPLIANT
    record_all(w, mission, deficient=deficient)
    a_photo = evidence_add(
        user=w.inspector, upload=png("generator room.png"), checklist_item=a_item
    )
    b_photo = evidence_add(user=w.inspector, upload=png("radio.png"), checklist_item=b_item)
    mission = mission_debrief(user=w.inspector, mission=mission, summary="Debriefed.")
    return World(
        w=w,
        mission=mission,
        a=Finding.objects.get(checklist_item=a_item),
        b=Finding.objects.get(checklist_item=b_item),
        a_photo=a_photo,
        b_photo=b_photo,
    )


@pytest.fixture
def world(db) -> World:
    return debriefed_world()


def login(client, user):
    client.force_login(user)
    return client


def detail(finding) -> str:
    return reverse("inspections:finding-detail", args=[finding.pk])


def listed(response) -> set[int]:
    return {finding.pk for finding in response.context["page"].object_list}


# --- The list ------------------------------------------------------------------------------


# Who sees which finding: the station's leaders and UNSECOORD both, each agency's focal
# points and people at the station their agency's, anyone else none (¶40).
SEES = {
    "inspector": {"a", "b"},
    "inspector2": {"a", "b"},
    "do": {"a", "b"},
    "fsco": {"a", "b"},
    "hq_a": {"a"},
    "rep_a": {"a"},
    "hq_b": {"b"},
    "aso_b": {"b"},
    "staff_a": set(),
    "outsider": set(),
}


def test_the_list_shows_each_role_the_findings_it_may_see(client, world):
    for user_key, sees in SEES.items():
        response = login(client, getattr(world.w, user_key)).get(LIST)
        assert response.status_code == 200
        assert listed(response) == {getattr(world, key).pk for key in sees}, user_key
        page = response.content.decode()
        for key in ("a", "b"):
            assert (detail(getattr(world, key)) in page) == (key in sees), (user_key, key)


def test_the_list_filters_by_station_agency_status_and_overdue(client, world):
    w = world.w
    Finding.objects.filter(pk=world.a.pk).update(deadline=timezone.localdate() - dt.timedelta(1))
    login(client, w.do)
    assert listed(client.get(LIST, {"agency": w.agency_b.pk})) == {world.b.pk}
    assert listed(client.get(LIST, {"overdue": "yes"})) == {world.a.pk}
    assert listed(client.get(LIST, {"overdue": "no"})) == {world.b.pk}
    assert listed(client.get(LIST, {"status": "open"})) == {world.a.pk, world.b.pk}
    assert listed(client.get(LIST, {"status": "rectified"})) == set()
    assert listed(client.get(LIST, {"station": w.station.pk})) == {world.a.pk, world.b.pk}
    other = Mission.objects.exclude(duty_station=w.station).values("duty_station").first()
    assert other is None  # the only mission is the capital's
    from actors.models import DutyStation

    elsewhere = DutyStation.objects.exclude(pk=w.station.pk).first()
    assert listed(client.get(LIST, {"station": elsewhere.pk})) == set()
    page = client.get(LIST).content.decode()
    assert "overdue" in page


def test_csv_export_holds_only_the_visible_rows(client, world):
    login(client, world.w.hq_a)
    response = client.get(LIST, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="inspection-findings-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Mission", "Country", "Duty station", "Paragraph"]
    assert [row[3] for row in rows[1:]] == [world.a.checklist_item.reference]
    assert rows[1][6] == "AGENCYA" and rows[1][0] == world.mission.reference
    assert rows[1][12] == world.a.deadline.isoformat() and rows[1][13] == "no"


def test_xlsx_export_follows_the_filters_and_the_scope(client, world):
    from openpyxl import load_workbook

    login(client, world.w.do)
    response = client.get(LIST, {"format": "xlsx", "agency": world.w.agency_b.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mission" and len(rows) == 2
    assert rows[1][6] == "AGENCYB" and rows[1][12] == dt.datetime.combine(
        world.b.deadline, dt.time()
    )
    login(client, world.w.outsider)
    sheet = load_workbook(io.BytesIO(client.get(LIST, {"format": "xlsx"}).content)).active
    assert len(list(sheet.iter_rows(values_only=True))) == 1  # the headings only


def test_an_export_refuses_a_bad_format_or_filter(client, world):
    login(client, world.w.do)
    assert client.get(LIST, {"format": "pdf"}).status_code == 400
    response = client.get(LIST, {"format": "csv", "status": "lost"})
    assert response.status_code == 400 and b"Status" in response.content


def test_export_cells_cannot_run_as_formulas(client, world):
    Finding.objects.filter(pk=world.a.pk).update(recommendation="=HYPERLINK(1)")
    login(client, world.w.do)
    rows = list(
        csv.reader(io.StringIO(client.get(LIST, {"format": "csv"}).content.decode("utf-8-sig")))
    )
    assert "'=HYPERLINK(1)" in [row[11] for row in rows]


# --- One finding ---------------------------------------------------------------------------


def test_the_finding_page_answers_each_role(client, world):
    missing = reverse("inspections:finding-detail", args=[999999])
    for user_key, sees in SEES.items():
        login(client, getattr(world.w, user_key))
        for key in ("a", "b"):
            status = client.get(detail(getattr(world, key))).status_code
            assert status == (200 if key in sees else 404), (user_key, key)
        assert client.get(missing).status_code == 404


def test_the_finding_page_shows_the_finding_in_full(client, world):
    Finding.objects.filter(pk=world.a.pk).update(deadline=timezone.localdate() - dt.timedelta(3))
    world.a.refresh_from_db()
    response = login(client, world.w.hq_a).get(detail(world.a))
    page = response.content.decode()
    item = world.a.checklist_item
    for text in (
        item.text_en,
        item.reference,
        world.a.accountable_person.full_name,
        world.a.role.name,
        "Agency A",
        "Critical" if world.a.severity == "critical" else world.a.get_severity_display(),
        "Put it right.",
        world.a.deadline.isoformat(),
        "overdue",
        "Open",
        "generator room.png",
        reverse("inspections:evidence-file", args=[world.a_photo.pk]),
        reverse("inspections:mission-detail", args=[world.mission.pk]),
    ):
        assert text in page, text
    # The other agency's evidence is not on the page.
    assert reverse("inspections:evidence-file", args=[world.b_photo.pk]) not in page
    # The HQ focal point answers for its agency's finding: the form is there, multipart.
    assert response.context["rectify_form"] is not None
    assert 'enctype="multipart/form-data"' in page
    assert response.context["decide_form"] is None


def test_the_rectification_form_is_offered_to_those_who_answer(client, world):
    # The accountable DO, the agency's HQ focal point and its representative at the station
    # report (inspections.rules.findings_rectifiable_q); an inspector or another SMT member
    # does not.
    for user_key, may_report in (
        ("do", True),
        ("hq_a", True),
        ("rep_a", True),
        ("inspector", False),
        ("smt_a", False),
    ):
        response = login(client, getattr(world.w, user_key)).get(detail(world.a))
        assert (response.context["rectify_form"] is not None) == may_report, user_key


# --- Rectification -------------------------------------------------------------------------


def rectify_url(finding) -> str:
    return reverse("inspections:finding-rectify", args=[finding.pk])


def test_a_rectification_is_reported_with_evidence(client, world):
    login(client, world.w.do)
    response = client.post(
        rectify_url(world.a),
        {"description": "Generator serviced.", "files": [png("after.png"), png("invoice.png")]},
    )
    assert response.status_code == 302 and response["Location"] == detail(world.a)
    world.a.refresh_from_db()
    assert world.a.status == FindingStatus.REPORTED
    rectification = Rectification.objects.get(finding=world.a)
    assert rectification.description == "Generator serviced."
    assert rectification.reported_by == world.w.do
    files = list(rectification.evidence.order_by("pk"))
    assert [f.name for f in files] == ["after.png", "invoice.png"]
    page = client.get(detail(world.a)).content.decode()
    assert "Generator serviced." in page and "after.png" in page
    assert "The rectification is reported." in page
    # Awaiting verification, no second report is offered, and a second post changes nothing.
    assert client.get(detail(world.a)).context["rectify_form"] is None
    response = client.post(rectify_url(world.a), {"description": "Again."}, follow=True)
    assert "This finding is not awaiting a rectification report." in response.content.decode()
    assert Rectification.objects.filter(finding=world.a).count() == 1


def test_a_rectification_needs_no_file_but_a_description(client, world):
    login(client, world.w.hq_a)
    response = client.post(rectify_url(world.a), {"description": "   "})
    assert response.status_code == 400
    assert response.context["rectify_form"].errors["description"]
    response = client.post(rectify_url(world.a), {"description": "Done."})
    assert response.status_code == 302
    assert not Evidence.objects.filter(rectification__finding=world.a).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("plan.png", b"MZ\x90\x00 not an image", content_type="image/png"),
            "Only PDF, PNG and JPEG files are accepted.",
        ),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "empty"),
    ],
)
def test_a_bad_file_is_refused_on_its_field(client, world, upload, message):
    login(client, world.w.do)
    response = client.post(rectify_url(world.a), {"description": "Done.", "files": [upload]})
    assert response.status_code == 400
    errors = response.context["rectify_form"].errors
    assert list(errors) == ["files"] and message in " ".join(errors["files"])
    assert message in response.content.decode()
    assert not Rectification.objects.exists()
    world.a.refresh_from_db()
    assert world.a.status == FindingStatus.OPEN


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.INSPECTION_EVIDENCE_MAX_BYTES = 20
    login(client, world.w.do)
    response = client.post(rectify_url(world.a), {"description": "Done.", "files": [png()]})
    assert response.status_code == 400
    assert "the limit is 20" in " ".join(response.context["rectify_form"].errors["files"])


def test_who_may_not_report_gets_404(client, world):
    for user_key in ("hq_b", "aso_b", "inspector", "smt_a", "outsider"):
        login(client, getattr(world.w, user_key))
        response = client.post(rectify_url(world.a), {"description": "Done."})
        assert response.status_code == 404, user_key
    assert not Rectification.objects.exists()


# --- Verification --------------------------------------------------------------------------


def decide_url(rectification) -> str:
    return reverse("inspections:rectification-decide", args=[rectification.pk])


def reported(world, finding=None) -> Rectification:
    return rectification_report(
        user=world.w.do, finding=finding or world.a, description="Generator serviced."
    )


def test_the_team_verifies_a_rectification(client, world):
    rectification = reported(world)
    response = login(client, world.w.inspector).get(detail(world.a))
    assert response.context["decide_form"] is not None
    response = client.post(decide_url(rectification), {"decision": "accept", "note": ""})
    assert response.status_code == 302 and response["Location"] == detail(world.a)
    world.a.refresh_from_db()
    rectification.refresh_from_db()
    assert world.a.status == FindingStatus.RECTIFIED and world.a.closed_at is not None
    assert rectification.decision == RectificationDecision.ACCEPTED
    assert rectification.decided_by == world.w.inspector
    assert "The finding is verified rectified." in client.get(detail(world.a)).content.decode()


def test_a_rejection_needs_a_reason_and_opens_the_finding_again(client, world):
    rectification = reported(world)
    login(client, world.w.inspector)
    response = client.post(decide_url(rectification), {"decision": "reject", "note": ""})
    assert response.status_code == 400
    assert response.context["decide_form"].errors["note"] == [
        "Say why the rectification is not accepted."
    ]
    response = client.post(decide_url(rectification), {"decision": "reject", "note": "No proof."})
    assert response.status_code == 302
    world.a.refresh_from_db()
    rectification.refresh_from_db()
    assert world.a.status == FindingStatus.OPEN
    assert rectification.decision == RectificationDecision.REJECTED
    page = client.get(detail(world.a)).content.decode()
    assert "No proof." in page and "Not accepted" in page
    # Decided once: a second decision is refused on the form.
    response = client.post(decide_url(rectification), {"decision": "accept"})
    assert response.status_code == 400


def test_only_the_team_verifies(client, world):
    rectification = reported(world)
    for user_key in ("inspector2", "do", "hq_a", "outsider"):
        login(client, getattr(world.w, user_key))
        response = client.post(decide_url(rectification), {"decision": "accept"})
        assert response.status_code == 404, user_key
        if user_key != "outsider":
            assert client.get(detail(world.a)).context["decide_form"] is None
    rectification.refresh_from_db()
    assert rectification.decision == RectificationDecision.PENDING


# --- Evidence files ------------------------------------------------------------------------


def evidence_url(evidence) -> str:
    return reverse("inspections:evidence-file", args=[evidence.pk])


def test_evidence_is_served_to_who_sees_it_and_404_otherwise(client, world):
    login(client, world.w.hq_a)
    response = client.get(evidence_url(world.a_photo))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{world.a_photo.pk}-generator_room.png"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(evidence_url(world.b_photo)).status_code == 404
    login(client, world.w.outsider)
    assert client.get(evidence_url(world.a_photo)).status_code == 404


def test_rectification_evidence_follows_its_finding(client, world):
    login(client, world.w.do)
    client.post(
        rectify_url(world.a),
        {"description": "Done.", "files": [png('../../etc/"pass wd".png')]},
    )
    evidence = Evidence.objects.get(rectification__finding=world.a)
    for user_key, status in (("inspector", 200), ("hq_a", 200), ("hq_b", 404), ("outsider", 404)):
        response = login(client, getattr(world.w, user_key)).get(evidence_url(evidence))
        assert response.status_code == status, user_key
        if status == 200:
            # Read to the end: the test client then closes the file (and only then).
            assert b"".join(response.streaming_content) == PNG_BYTES
    response = login(client, world.w.hq_a).get(evidence_url(evidence))
    b"".join(response.streaming_content)
    # No path, no quote: the name cannot escape the header or a download folder.
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{evidence.pk}-pass_wd.png"'
    )


# --- The debrief report PDF ----------------------------------------------------------------


def report_url(mission) -> str:
    return reverse("inspections:mission-report-pdf", args=[mission.pk])


@pytest.fixture
def rendered(db, settings, django_capture_on_commit_callbacks) -> World:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        return debriefed_world()


def test_each_reader_downloads_the_report_it_may_see(client, rendered):
    world = rendered
    reports = {r.organization_id: r for r in MissionReport.objects.filter(mission=world.mission)}
    assert set(reports) == {None, world.w.agency_a.pk, world.w.agency_b.pk}
    assert all(r.sha256 for r in reports.values())
    for user_key, expected in (
        ("do", None),
        ("inspector", None),
        ("hq_a", world.w.agency_a.pk),
        ("rep_a", world.w.agency_a.pk),
        ("hq_b", world.w.agency_b.pk),
    ):
        response = login(client, getattr(world.w, user_key)).get(report_url(world.mission))
        assert response.status_code == 200, user_key
        assert response["Content-Type"] == "application/pdf"
        report = reports[expected]
        with report.pdf.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read(), user_key
        assert response["ETag"] == f'"{report.sha256}"'
        suffix = f"-{report.organization.code}" if report.organization_id else ""
        assert (
            f"inspection-report-{world.mission.reference}{suffix}.pdf"
            in (response["Content-Disposition"])
        )
    # The browser's copy is current: 304.
    response = client.get(report_url(world.mission), HTTP_IF_NONE_MATCH=f'"{report.sha256}"')
    assert response.status_code == 304
    for user_key in ("staff_a", "outsider"):
        response = login(client, getattr(world.w, user_key)).get(report_url(world.mission))
        assert response.status_code == 404


def test_a_report_not_yet_rendered_says_it_is_being_prepared(client, world):
    # The fixture's debrief ran no on-commit task: the rows exist, their PDFs not yet.
    assert not MissionReport.objects.filter(mission=world.mission).exclude(sha256="").exists()
    response = login(client, world.w.hq_b).get(report_url(world.mission))
    assert response.status_code == 202 and response["Retry-After"] == "30"
    assert "being prepared" in response.content.decode()
    login(client, world.w.outsider)
    assert client.get(report_url(world.mission)).status_code == 404


def test_no_report_before_the_debrief(client, db):
    w = station_world()
    mission = announced_mission(w)
    for user in (w.inspector, w.do):
        assert login(client, user).get(report_url(mission)).status_code == 404


# --- Exact query counts --------------------------------------------------------------------


def test_list_query_count_is_constant_in_the_number_of_findings(
    client, world, django_assert_num_queries
):
    """Session, user, the grants, the filter form's stations and agencies, COUNT, the page
    (mission, station, country, agency, role, person, item joined), the header's user
    organization and unread count with rights: 9, with 2 findings or 2 + a second mission's.
    The export: session, user, the grants, one SELECT: 4."""
    login(client, world.w.do)
    for round_ in range(2):
        with django_assert_num_queries(9):
            response = client.get(LIST, {"status": "open"})
        assert response.status_code == 200
        with django_assert_num_queries(4):
            assert client.get(LIST, {"format": "csv"}).status_code == 200
        if round_ == 0:
            debriefed_world(world.w, extra_roles=("warden", "smt"))
    assert len(response.context["page"].object_list) > 2


def test_detail_query_count_is_constant_in_evidence_and_reports(
    client, world, django_assert_num_queries
):
    """Session, user, the grants, the finding with its joins, the evidence, the reports,
    "may report", the header's two: 9. With a report awaiting verification, "may verify":
    10, with one report and one file or two reports and four files."""
    from inspections.services.findings import rectification_decide

    login(client, world.w.do)
    with django_assert_num_queries(9):
        assert client.get(detail(world.a)).status_code == 200
    first = rectification_report(
        user=world.w.do, finding=world.a, description="Done.", files=[png("a.png")]
    )
    login(client, world.w.inspector)
    with django_assert_num_queries(10):
        assert client.get(detail(world.a)).status_code == 200
    rectification_decide(user=world.w.inspector, rectification=first, accepted=False, note="No.")
    rectification_report(
        user=world.w.do,
        finding=world.a,
        description="Done again.",
        files=[png("b.png"), png("c.png"), png("d.png")],
    )
    with django_assert_num_queries(10):
        response = client.get(detail(world.a))
    assert len(response.context["rectifications"]) == 2
    assert sum(len(r.files) for r in response.context["rectifications"]) == 4
