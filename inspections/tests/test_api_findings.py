"""/api/v1/findings/, /api/v1/rectifications/ and /api/v1/evidence/: deficiencies with their
dates (¶40), who sees them (each agency its own in full), who reports their rectification,
the team's verification, the evidence files, exports and query counts."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import error_attrs, ids
from inspections.models import Finding, FindingStatus, Rectification

from .factories import announced_mission, debriefed_mission, record_all
from .test_api_fixtures import (
    DEFICIENT_ROLES,
    PDF,
    PNG,
    TEXT,
    api,
    debriefed,
    deficient_items,
    finding_of,
    upload,
    world,
    xlsx_rows,
)

__all__ = ["debriefed", "world"]  # fixtures

URL = "/api/v1/findings/"
RECTIFICATIONS = "/api/v1/rectifications/"
EVIDENCE = "/api/v1/evidence/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


def test_each_agency_sees_its_own_findings_and_the_station_sees_all(world, debriefed):
    a = {finding_of(debriefed, "designated_official").pk, finding_of(debriefed, "warden").pk}
    b = {finding_of(debriefed, "agency_security_officer").pk}
    expected = {
        # UNSECOORD's inspectors see everything; the station's DO, FSCO and SMT all findings
        # at the station (¶40).
        "inspector": a | b,
        "inspector2": a | b,
        "do": a | b,
        "fsco": a | b,
        "smt_a": a | b,
        # Each agency's HQ focal point its findings worldwide, its people at the station
        # theirs there: the other agency's findings stay hidden.
        "hq_a": a,
        "rep_a": a,
        "hq_b": b,
        "aso_b": b,
        # The accountable warden the finding naming them.
        "warden": {finding_of(debriefed, "warden").pk},
        "staff_a": set(),
        "outsider": set(),
    }
    for name, visible in expected.items():
        assert ids(api(world, name).get(URL)) == visible, name
    [b_finding] = b
    for name in ("hq_a", "rep_a", "warden", "outsider"):
        assert api(world, name).get(f"{URL}{b_finding}/").status_code == 404, name
    row = api(world, "hq_b").get(f"{URL}{b_finding}/").json()
    assert (row["organization_code"], row["role_code"], row["status"], row["is_overdue"]) == (
        "agencyb",
        "agency_security_officer",
        "open",
        False,
    )
    assert row["reference"].startswith("¶13") and row["recommendation"] == "Put it right."
    assert row["accountable_person"] == world.person(world.aso_b).pk


def test_finding_filters(world, debriefed):
    do_finding = finding_of(debriefed, "designated_official")
    b_finding = finding_of(debriefed, "agency_security_officer")
    warden_finding = finding_of(debriefed, "warden")
    # The DO's date has passed (and it is still open): overdue.
    Finding.objects.filter(pk=do_finding.pk).update(
        deadline=TODAY - dt.timedelta(days=1), severity="critical"
    )
    client = api(world, "do")

    def found(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return ids(response)

    everything = {do_finding.pk, b_finding.pk, warden_finding.pk}
    assert found(duty_station=world.station.pk) == everything
    assert found(duty_station=world.person(world.outsider).duty_station_id) == set()
    assert found(agency=world.agency_b.pk) == {b_finding.pk}
    assert found(organization=world.agency_a.pk) == {do_finding.pk, warden_finding.pk}
    assert found(overdue="true") == {do_finding.pk}
    assert found(overdue="false") == {b_finding.pk, warden_finding.pk}
    assert found(severity="critical") == {do_finding.pk}
    assert found(status="open") == everything and found(status="rectified") == set()
    assert found(mission=debriefed.pk) == everything and found(mission=987654) == set()
    assert found(person=world.person(world.warden).pk) == {warden_finding.pk}
    rows = {row["id"]: row for row in client.get(URL).json()["results"]}
    assert rows[do_finding.pk]["is_overdue"] is True
    assert rows[b_finding.pk]["is_overdue"] is False
    for bad in ({"overdue": "yes"}, {"status": "closed"}, {"severity": "huge"}):
        response = client.get(URL, bad)
        assert response.status_code == 400 and error_attrs(response) == set(bad), bad


def test_the_team_completes_findings_before_the_debrief_and_moves_dates_after(world):
    mission = announced_mission(world)
    record_all(world, mission, deficient=deficient_items(mission, 1))
    finding = mission.findings.get()
    url = f"{URL}{finding.pk}/"
    # The DO sees the finding from the announcement, but only the team changes it.
    assert api(world, "do").get(url).status_code == 200
    assert api(world, "do").patch(url, {"severity": "low"}).status_code == 404
    inspector = api(world, "inspector")
    deadline = mission.ends_on + dt.timedelta(days=20)
    response = inspector.patch(
        url,
        {
            "severity": "critical",
            "recommendation": "Write the plan.",
            "deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["severity"], row["recommendation"], row["deadline"]) == (
        "critical",
        "Write the plan.",
        deadline.isoformat(),
    )
    response = inspector.patch(
        url, {"deadline": (mission.ends_on - dt.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400 and error_attrs(response) == {"deadline"}

    from inspections.services.missions import mission_debrief

    mission_debrief(user=world.inspector, mission=mission, summary="Done")
    response = inspector.patch(url, {"severity": "low"})
    assert response.status_code == 400 and error_attrs(response) == {"severity"}
    later = deadline + dt.timedelta(days=30)
    response = inspector.patch(url, {"deadline": later.isoformat()})
    assert response.status_code == 200 and response.json()["deadline"] == later.isoformat()


def test_the_api_says_whether_the_date_follows_the_severity(world):
    """A default date moves with the severity until a date is given (¶40); clients read which."""
    from inspections.services.findings import default_deadline

    mission = announced_mission(world)
    record_all(world, mission, deficient=deficient_items(mission, 1))
    url = f"{URL}{mission.findings.get().pk}/"
    inspector = api(world, "inspector")
    row = inspector.patch(url, {"severity": "critical"}).json()
    assert row["deadline"] == default_deadline(mission, "critical").isoformat()
    assert row["deadline_set_by_hand"] is False
    chosen = mission.ends_on + dt.timedelta(days=20)
    row = inspector.patch(url, {"deadline": chosen.isoformat()}).json()
    assert (row["deadline"], row["deadline_set_by_hand"]) == (chosen.isoformat(), True)
    row = inspector.patch(url, {"severity": "low"}).json()
    assert (row["deadline"], row["deadline_set_by_hand"]) == (chosen.isoformat(), True)
    assert inspector.get(URL).json()["results"][0]["deadline_set_by_hand"] is True


def test_the_responsible_actors_report_a_rectification_with_evidence(world, debriefed):
    do_finding = finding_of(debriefed, "designated_official")
    url = f"{URL}{do_finding.pk}/rectify/"
    # The accountable DO reports, with a photograph and a PDF (multipart).
    response = api(world, "do").post(
        url,
        {
            "description": "Security plan updated and signed.",
            "files": [upload("plan.pdf", PDF), upload("board.png", PNG)],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["finding"], row["decision"], row["status_before"], row["evidence_count"]) == (
        do_finding.pk,
        "pending",
        "open",
        2,
    )
    assert [e["content_type"] for e in row["evidence"]] == ["application/pdf", "image/png"]
    do_finding.refresh_from_db()
    assert do_finding.status == FindingStatus.REPORTED
    # Reported already: a second report waits for the verification (or its refusal), and
    # the answer says so, naming the status.
    response = api(world, "hq_a").post(url, {"description": "Again"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "status"
    assert "awaiting verification" in response.json()["errors"][0]["detail"]

    # A's HQ focal point answers for A's warden finding (JSON, no files).
    warden_finding = finding_of(debriefed, "warden")
    response = api(world, "hq_a").post(
        f"{URL}{warden_finding.pk}/rectify/", {"description": "Zone list updated."}
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"] == []


def test_rectify_answers_404_out_of_sight_and_403_in_sight_without_the_right(world, debriefed):
    b_finding = finding_of(debriefed, "agency_security_officer")
    url = f"{URL}{b_finding.pk}/rectify/"
    body = {"description": "Done, trust us."}
    # Not seen at all: 404, as for a finding that does not exist.
    for name in ("hq_a", "rep_a", "outsider", "staff_a"):
        assert api(world, name).post(url, body).status_code == 404, name
    # Seen (the station's SMT, another inspector), but not theirs to rectify: 403, with the
    # reason (inspections.rules.findings_rectifiable_q).
    for name in ("smt_a", "inspector2"):
        response = api(world, name).post(url, body)
        assert response.status_code == 403, name
        assert "answer for this finding" in response.json()["errors"][0]["detail"]
    assert not Rectification.objects.exists()
    # B's security officer answers for it at the station; a renamed text file is refused.
    aso = api(world, "aso_b")
    response = aso.post(
        url,
        {"description": "Radio checks done.", "files": [upload("log.pdf", TEXT)]},
        format="multipart",
    )
    assert response.status_code == 400 and error_attrs(response) == {"files"}
    assert not Rectification.objects.exists()
    response = aso.post(url, {"description": ""})
    assert response.status_code == 400 and error_attrs(response) == {"description"}
    assert aso.post(url, body).status_code == 201


def test_the_team_verifies_rectifications(world, debriefed):
    warden_finding = finding_of(debriefed, "warden")
    b_finding = finding_of(debriefed, "agency_security_officer")
    a_report = (
        api(world, "warden")
        .post(f"{URL}{warden_finding.pk}/rectify/", {"description": "Zone list updated."})
        .json()
    )
    b_report = (
        api(world, "aso_b")
        .post(f"{URL}{b_finding.pk}/rectify/", {"description": "Radio checks done."})
        .json()
    )
    # Each agency sees its own reports; the station and the inspectors all.
    assert ids(api(world, "hq_a").get(RECTIFICATIONS)) == {a_report["id"]}
    assert ids(api(world, "hq_b").get(RECTIFICATIONS)) == {b_report["id"]}
    assert ids(api(world, "do").get(RECTIFICATIONS)) == {a_report["id"], b_report["id"]}
    assert ids(api(world, "do").get(RECTIFICATIONS, {"decision": "pending"})) == {
        a_report["id"],
        b_report["id"],
    }
    assert ids(api(world, "do").get(RECTIFICATIONS, {"finding": b_finding.pk})) == {b_report["id"]}
    assert ids(api(world, "outsider").get(RECTIFICATIONS)) == set()
    assert api(world, "hq_a").get(f"{RECTIFICATIONS}{b_report['id']}/").status_code == 404

    # Only the mission's team decides: anyone else gets 404.
    for name in ("do", "hq_a", "warden", "inspector2"):
        response = api(world, name).post(
            f"{RECTIFICATIONS}{a_report['id']}/decide/", {"accepted": True}
        )
        assert response.status_code == 404, name
    inspector = api(world, "inspector")
    response = inspector.post(f"{RECTIFICATIONS}{b_report['id']}/decide/", {"accepted": False})
    assert response.status_code == 400 and error_attrs(response) == {"note"}
    response = inspector.post(
        f"{RECTIFICATIONS}{b_report['id']}/decide/",
        {"accepted": False, "note": "No log of the checks."},
    )
    assert response.status_code == 200 and response.json()["decision"] == "rejected"
    response = inspector.post(f"{RECTIFICATIONS}{a_report['id']}/decide/", {"accepted": True})
    assert response.status_code == 200, response.content
    assert response.json()["decided_by"] == world.inspector.pk
    warden_finding.refresh_from_db()
    b_finding.refresh_from_db()
    assert (warden_finding.status, b_finding.status) == (
        FindingStatus.RECTIFIED,
        FindingStatus.OPEN,
    )
    response = inspector.post(f"{RECTIFICATIONS}{a_report['id']}/decide/", {"accepted": True})
    assert response.status_code == 400 and error_attrs(response) == {"decision"}


def test_evidence_of_a_report_is_added_by_its_reporter_and_served_to_who_sees_it(world, debriefed):
    b_finding = finding_of(debriefed, "agency_security_officer")
    report = (
        api(world, "aso_b")
        .post(f"{URL}{b_finding.pk}/rectify/", {"description": "Radio checks done."})
        .json()
    )
    url = f"{RECTIFICATIONS}{report['id']}/evidence/"
    response = api(world, "aso_b").post(url, {"file": upload("log.png", PNG)}, format="multipart")
    assert response.status_code == 201, response.content
    evidence = response.json()
    # Someone else who sees the report may not add to it (403); out of sight, 404.
    response = api(world, "do").post(url, {"file": upload("x.png", PNG)}, format="multipart")
    assert response.status_code == 403
    response = api(world, "hq_a").post(url, {"file": upload("x.png", PNG)}, format="multipart")
    assert response.status_code == 404
    assert [row["id"] for row in api(world, "do").get(url).json()] == [evidence["id"]]

    # /api/v1/evidence/: the list, the record and the file, by the rule of the report.
    for name in ("do", "hq_b", "inspector"):
        client = api(world, name)
        assert ids(client.get(EVIDENCE, {"rectification": report["id"]})) == {evidence["id"]}
        response = client.get(f"{EVIDENCE}{evidence['id']}/file/")
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        # The same download as the web page's (accountability.core.uploads.download_response).
        assert response["Content-Disposition"] == (
            f'attachment; filename="evidence-{evidence["id"]}-log.png"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
    for name in ("hq_a", "outsider", "staff_a"):
        client = api(world, name)
        assert ids(client.get(EVIDENCE)) == set(), name
        assert client.get(f"{EVIDENCE}{evidence['id']}/").status_code == 404, name
        assert client.get(f"{EVIDENCE}{evidence['id']}/file/").status_code == 404, name


def test_finding_exports_neutralize_formulas(world, debriefed):
    finding = finding_of(debriefed, "agency_security_officer")
    Finding.objects.filter(pk=finding.pk).update(recommendation="=1+cmd|' /C calc'!A0")
    client = api(world, "hq_b")
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["id"], row["organization_code"], row["is_overdue"]) == (
        str(finding.pk),
        "agencyb",
        "False",
    )
    assert row["recommendation"] == "'=1+cmd|' /C calc'!A0"
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    header, *rows = xlsx_rows(response.content)
    [values] = rows
    cells = dict(zip(header, values, strict=True))
    assert cells["recommendation"] == "'=1+cmd|' /C calc'!A0"
    assert cells["deadline"].date() == finding.deadline and cells["is_overdue"] is False


def test_finding_queries_are_constant(world, debriefed, django_assert_num_queries):
    finding = finding_of(debriefed, "designated_official")
    report = (
        api(world, "do")
        .post(
            f"{URL}{finding.pk}/rectify/",
            {"description": "Plan updated.", "files": [upload("p.pdf", PDF)]},
            format="multipart",
        )
        .json()
    )

    def check(expected_findings):
        for name in ("inspector", "do", "hq_a", "outsider"):
            client = api(world, name)
            for params in (
                {"page_size": 1},
                {"page_size": 500},
                {"overdue": "false", "agency": world.agency_a.pk},
                {"format": "csv"},
            ):
                # 1 token + user, 1 grants, 1 page (is_overdue computed in it).
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
            with django_assert_num_queries(3):
                assert client.get(RECTIFICATIONS).status_code == 200
            with django_assert_num_queries(3):
                assert client.get(EVIDENCE).status_code == 200
        for name in ("inspector", "do", "hq_a"):
            client = api(world, name)
            with django_assert_num_queries(3):
                assert client.get(f"{URL}{finding.pk}/").status_code == 200
            # 1 token + user, 1 grants, 1 report, 1 its evidence.
            with django_assert_num_queries(4):
                assert client.get(f"{RECTIFICATIONS}{report['id']}/").status_code == 200
        assert len(api(world, "inspector").get(URL, {"page_size": 500}).json()["results"]) == (
            expected_findings
        )

    check(3)
    # Ten more findings, for agency A among others, reported to the agencies.
    more = announced_mission(world)
    record_all(world, more, deficient=deficient_items(more, 10))
    from inspections.services.missions import mission_debrief

    mission_debrief(user=world.inspector, mission=more, summary="Done")
    debriefed_mission(world, deficient_roles=DEFICIENT_ROLES)
    check(16)
