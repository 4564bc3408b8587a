"""/api/v1/follow-up-visits/, /api/v1/escalations/ and /api/v1/compliance/inspections/: the
follow-up visit re-checks every open finding; what is not rectified goes to the agencies and
the HLCM in a non-compliance report and flags the station (¶40); compliance over time."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import error_attrs, ids
from inspections.models import Escalation, FindingStatus, MissionStatus
from inspections.services import deadlines

from .factories import debriefed_mission
from .test_api_fixtures import (
    DEFICIENT_ROLES,
    api,
    debriefed,
    finding_of,
    mission_at,
    world,
    xlsx_rows,
)

__all__ = ["debriefed", "world"]  # fixtures

pytestmark = pytest.mark.django_db
URL = "/api/v1/follow-up-visits/"
ESCALATIONS = "/api/v1/escalations/"
COMPLIANCE = "/api/v1/compliance/inspections/"


def schedule(mission):
    """The daily scan after the mission's last date: the visit is scheduled (¶40)."""
    last = max(f.deadline for f in mission.findings.all())
    deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
    mission.refresh_from_db()
    return mission.follow_up


@pytest.fixture
def visit(world, debriefed):
    return schedule(debriefed)


def test_the_team_checks_every_open_finding_and_completes_the_visit(
    world, debriefed, visit, django_capture_on_commit_callbacks
):
    url = f"{URL}{visit.pk}/"
    do_finding = finding_of(debriefed, "designated_official")
    warden_finding = finding_of(debriefed, "warden")
    b_finding = finding_of(debriefed, "agency_security_officer")
    row = api(world, "do").get(url).json()
    assert (row["mission"], row["mission_reference"], row["completed_at"], row["checks"]) == (
        debriefed.pk,
        debriefed.reference,
        None,
        [],
    )
    inspector = api(world, "inspector")
    results = {
        do_finding: "not_rectified",
        warden_finding: "rectified",
        b_finding: "not_rectified",
    }
    for finding, result in results.items():
        response = inspector.post(
            f"{url}checks/", {"finding": finding.pk, "result": result, "notes": "Seen on site."}
        )
        assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert {c["finding"]: c["result"] for c in checks} == {f.pk: r for f, r in results.items()}
    # Each agency sees the checks of its own findings.
    assert {c["finding"] for c in api(world, "hq_b").get(url).json()["checks"]} == {b_finding.pk}
    # A changed mind is recorded on the same check, until the visit completes.
    response = inspector.post(f"{url}checks/", {"finding": b_finding.pk, "result": "not_rectified"})
    assert len(response.json()["checks"]) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = inspector.post(f"{url}complete/", {"notes": "Two remain."})
    assert response.status_code == 200, response.content
    assert response.json()["completed_at"] and response.json()["notes"] == "Two remain."
    debriefed.refresh_from_db()
    warden_finding.refresh_from_db()
    do_finding.refresh_from_db()
    assert debriefed.status == MissionStatus.CLOSED
    assert (warden_finding.status, do_finding.status) == (
        FindingStatus.RECTIFIED,
        FindingStatus.NOT_RECTIFIED,
    )
    escalation = Escalation.objects.get(mission=debriefed)
    assert escalation.sha256  # rendered and sent by the task
    # Completed: nothing more is recorded.
    response = inspector.post(f"{url}checks/", {"finding": do_finding.pk, "result": "rectified"})
    assert response.status_code == 400 and error_attrs(response) == {"visit"}


def test_a_visit_completes_only_when_every_open_finding_is_checked(world, debriefed, visit):
    url = f"{URL}{visit.pk}/"
    inspector = api(world, "inspector")
    response = inspector.post(
        f"{url}checks/",
        {"finding": finding_of(debriefed, "warden").pk, "result": "rectified"},
    )
    assert response.status_code == 200
    response = inspector.post(f"{url}complete/")
    assert response.status_code == 400 and error_attrs(response) == {"checks"}
    # A finding of another mission, or an unknown result, names the field.
    other = debriefed_mission(world, deficient_roles=("warden",))
    response = inspector.post(
        f"{url}checks/", {"finding": other.findings.get().pk, "result": "rectified"}
    )
    assert response.status_code == 400 and error_attrs(response) == {"finding"}
    response = inspector.post(
        f"{url}checks/", {"finding": finding_of(debriefed, "warden").pk, "result": "fixed"}
    )
    assert response.status_code == 400 and error_attrs(response) == {"result"}


def test_who_sees_and_who_records_a_visit(world, debriefed, visit):
    url = f"{URL}{visit.pk}/"
    finding = finding_of(debriefed, "warden")
    # Whoever sees the mission sees its visit; only the team records it.
    for name in ("inspector2", "do", "fsco", "smt_a", "hq_a", "hq_b"):
        client = api(world, name)
        assert ids(client.get(URL)) == {visit.pk}, name
        assert client.get(url).status_code == 200, name
        response = client.post(f"{url}checks/", {"finding": finding.pk, "result": "rectified"})
        assert response.status_code == 404, name
        assert client.post(f"{url}complete/").status_code == 404, name
    for name in ("outsider", "staff_a"):
        assert ids(api(world, name).get(URL)) == set(), name
        assert api(world, name).get(url).status_code == 404, name
    assert not visit.checks.exists()
    # Filters.
    inspector = api(world, "inspector")
    assert ids(inspector.get(URL, {"duty_station": world.station.pk})) == {visit.pk}
    assert ids(inspector.get(URL, {"completed": "true"})) == set()
    assert ids(inspector.get(URL, {"mission": debriefed.pk, "completed": "false"})) == {visit.pk}


@pytest.fixture
def escalated(world, debriefed, visit, django_capture_on_commit_callbacks):
    """The DO's and B's findings not rectified on the visit: reported to A, B and the HLCM."""
    for role, result in (
        ("designated_official", "not_rectified"),
        ("warden", "rectified"),
        ("agency_security_officer", "not_rectified"),
    ):
        api(world, "inspector").post(
            f"{URL}{visit.pk}/checks/",
            {"finding": finding_of(debriefed, role).pk, "result": result},
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = api(world, "inspector").post(f"{URL}{visit.pk}/complete/")
    assert response.status_code == 200, response.content
    return Escalation.objects.get(mission=debriefed)


def test_the_non_compliance_report_shows_each_its_findings(world, debriefed, escalated):
    url = f"{ESCALATIONS}{escalated.pk}/"
    do_finding = finding_of(debriefed, "designated_official")
    b_finding = finding_of(debriefed, "agency_security_officer")
    expected = {
        "inspector": {do_finding.pk, b_finding.pk},
        "do": {do_finding.pk, b_finding.pk},
        "smt_a": {do_finding.pk, b_finding.pk},
        "hq_a": {do_finding.pk},
        "rep_a": {do_finding.pk},
        "hq_b": {b_finding.pk},
        "aso_b": {b_finding.pk},
    }
    for name, findings in expected.items():
        client = api(world, name)
        assert ids(client.get(ESCALATIONS)) == {escalated.pk}, name
        row = client.get(url).json()
        assert set(row["findings"]) == findings, name
        assert row["agencies"] == sorted([world.agency_a.pk, world.agency_b.pk])
        assert row["agency_codes"] == ["agencya", "agencyb"]
        assert (row["duty_station"], row["closed_at"], row["rendered"]) == (
            world.station.pk,
            None,
            True,
        )
        response = client.get(f"{url}pdf/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == escalated.pdf.open("rb").read()
        escalated.pdf.close()
    for name in ("outsider", "staff_a", "warden"):
        assert ids(api(world, name).get(ESCALATIONS)) == set(), name
        assert api(world, name).get(url).status_code == 404, name
        assert api(world, name).get(f"{url}pdf/").status_code == 404, name
    # Filters: open until its findings are verified rectified.
    do = api(world, "do")
    assert ids(do.get(ESCALATIONS, {"open": "true"})) == {escalated.pk}
    assert ids(do.get(ESCALATIONS, {"open": "false"})) == set()
    assert ids(do.get(ESCALATIONS, {"duty_station": world.station.pk})) == {escalated.pk}
    assert ids(do.get(ESCALATIONS, {"agency": world.agency_b.pk})) == {escalated.pk}
    assert ids(do.get(ESCALATIONS, {"agency": 987654})) == set()
    response = do.get(ESCALATIONS, {"open": "maybe"})
    assert response.status_code == 400 and error_attrs(response) == {"open"}
    # Exports.
    response = do.get(ESCALATIONS, {"format": "csv"})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["id"], row["agency_codes"]) == (str(escalated.pk), "agencya; agencyb")
    header, *rows = xlsx_rows(do.get(ESCALATIONS, {"format": "xlsx"}).content)
    assert rows[0][header.index("mission_reference")] == debriefed.reference


def test_a_report_not_yet_rendered_answers_404(world, debriefed, visit):
    for role in ("designated_official", "warden", "agency_security_officer"):
        api(world, "inspector").post(
            f"{URL}{visit.pk}/checks/",
            {"finding": finding_of(debriefed, role).pk, "result": "not_rectified"},
        )
    # The rendering task runs on commit, which this test's transaction never reaches.
    assert api(world, "inspector").post(f"{URL}{visit.pk}/complete/").status_code == 200
    escalation = Escalation.objects.get()
    row = api(world, "do").get(f"{ESCALATIONS}{escalation.pk}/").json()
    assert row["rendered"] is False
    assert api(world, "do").get(f"{ESCALATIONS}{escalation.pk}/pdf/").status_code == 404


def test_compliance_over_time_per_station(world, debriefed, escalated):
    response = api(world, "do").get(COMPLIANCE)
    assert response.status_code == 200, response.content
    [station] = response.json()["results"]
    debriefed.refresh_from_db()
    assert (station["duty_station"], station["duty_station_name"], station["non_compliant"]) == (
        world.station.pk,
        "Capital",
        True,
    )
    assert [point["mission"] for point in station["trend"]] == [debriefed.pk]
    assert station["latest_score"] == float(debriefed.compliance_score)
    assert {(a["code"], a["open"]) for a in station["by_agency"]} == {
        ("agencya", 1),
        ("agencyb", 1),
    }
    # Filters; an outsider sees no station.
    assert api(world, "do").get(COMPLIANCE, {"country": world.country.pk}).json()["results"]
    other = world.person(world.outsider).duty_station_id
    assert api(world, "do").get(COMPLIANCE, {"duty_station": other}).json()["results"] == []
    assert api(world, "outsider").get(COMPLIANCE).json()["results"] == []
    response = api(world, "do").get(COMPLIANCE, {"country": "x"})
    assert response.status_code == 400 and error_attrs(response) == {"country"}
    # One flat row per station in a spreadsheet.
    response = api(world, "hq_b").get(COMPLIANCE, {"format": "csv"})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["duty_station_name"], row["non_compliant"], row["missions"], row["open"]) == (
        "Capital",
        "True",
        "1",
        "2",
    )
    assert row["by_agency"] == "agencya: 1 open, 0 overdue; agencyb: 1 open, 0 overdue"
    header, *rows = xlsx_rows(api(world, "hq_b").get(COMPLIANCE, {"format": "xlsx"}).content)
    assert rows[0][header.index("trend")].startswith(debriefed.reference)


def test_followup_escalation_and_compliance_queries_are_constant(
    world, debriefed, escalated, django_assert_num_queries
):
    visit = debriefed.follow_up

    def check():
        for name in ("inspector", "do", "hq_b", "outsider"):
            client = api(world, name)
            for url in (URL, ESCALATIONS):
                for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                    # 1 token + user, 1 grants, 1 page.
                    with django_assert_num_queries(3):
                        assert client.get(url, params).status_code == 200
        for name in ("inspector", "do", "hq_b"):
            client = api(world, name)
            # 1 token + user, 1 grants, 1 row, 1 checks (or findings) one may see.
            with django_assert_num_queries(4):
                assert client.get(f"{URL}{visit.pk}/").status_code == 200
            with django_assert_num_queries(4):
                assert client.get(f"{ESCALATIONS}{escalated.pk}/").status_code == 200
            # 1 token + user, 1 grants, then the selector's three: missions, findings counted
            # by station and agency, the non-compliance flags.
            with django_assert_num_queries(5):
                assert client.get(COMPLIANCE).status_code == 200
        # No reported mission in sight: the selector stops after the missions.
        client = api(world, "staff_a")
        with django_assert_num_queries(3):
            assert client.get(COMPLIANCE).status_code == 200

    check()
    # More reported missions at this station and another.
    for _ in range(2):
        debriefed_mission(world, deficient_roles=DEFICIENT_ROLES)
    elsewhere = mission_at(world, world.person(world.outsider).duty_station)
    from inspections.services.missions import mission_debrief
    from inspections.tests.factories import record_all

    record_all(world, elsewhere)
    mission_debrief(user=world.inspector, mission=elsewhere, summary="All good.")
    assert len(api(world, "inspector").get(COMPLIANCE).json()["results"]) == 2
    check()
