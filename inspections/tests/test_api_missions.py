"""/api/v1/inspections/: planning, announcing, starting and debriefing a mission through the
API (¶39–¶40), who sees it, its summary, its debrief report and its exports."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import error_attrs, ids
from inspections.models import (
    ChecklistItem,
    ItemResult,
    Mission,
    MissionReport,
    MissionStatus,
)
from inspections.services.recording import checklist_item_record

from .factories import announced_mission, debriefed_mission, planned_mission
from .test_api_fixtures import DEFICIENT_ROLES, api, debriefed, mission_at, world, xlsx_rows

__all__ = ["debriefed", "world"]  # fixtures

URL = "/api/v1/inspections/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


def plan_body(world, **overrides) -> dict:
    return {
        "duty_station": world.station.pk,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=4)).isoformat(),
        "lead_inspector": world.person(world.inspector).pk,
        "team": [world.person(world.inspector2).pk],
        "objectives": "Annual compliance mission",
        "personnel_sample_size": 2,
    } | overrides


def test_an_inspector_plans_announces_and_debriefs_a_mission(world):
    inspector = api(world, "inspector")
    response = inspector.post(URL, plan_body(world))
    assert response.status_code == 201, response.content
    row = response.json()
    lead, second = world.person(world.inspector).pk, world.person(world.inspector2).pk
    assert row["reference"] == f"INS-{TODAY.year}-{row['id']:04d}"
    assert (row["status"], row["duty_station_name"], row["lead_inspector"]) == (
        "planned",
        "Capital",
        lead,
    )
    assert sorted(row["team"]) == sorted([lead, second])
    assert (row["checklist_version"], row["summary"]["items_total"]) == (None, 0)
    url = f"{URL}{row['id']}/"

    response = inspector.patch(
        url, {"objectives": "Follow the 2025 plan", "personnel_sample_size": 1}
    )
    assert response.status_code == 200, response.content
    assert response.json()["objectives"] == "Follow the 2025 plan"

    # Announced: the checklist is generated from a frozen catalogue version (¶39).
    response = inspector.post(f"{url}announce/")
    assert response.status_code == 200, response.content
    row = response.json()
    assert row["status"] == "announced" and row["checklist_version"] >= 1
    summary = row["summary"]
    assert summary["items_total"] == ChecklistItem.objects.filter(mission_id=row["id"]).count()
    assert summary["items_by_result"]["unrecorded"] == summary["items_total"] > 0
    # The team is fixed from the announcement on.
    response = inspector.patch(url, {"team": [lead]})
    assert response.status_code == 400 and error_attrs(response) == {"team"}

    response = inspector.post(f"{url}start/")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"

    # Not ready: the 400 names what is missing, by field.
    response = inspector.post(f"{url}debrief/", {"summary": "Too early"})
    assert response.status_code == 400 and error_attrs(response) == {"checklist_items"}
    mission = Mission.objects.get(pk=row["id"])
    deficient = mission.checklist_items.filter(role__code="warden").first()
    for item in mission.checklist_items.all():
        result = ItemResult.NON_COMPLIANT if item.pk == deficient.pk else ItemResult.COMPLIANT
        checklist_item_record(user=world.inspector, item=item, result=result)
    response = inspector.post(f"{url}debrief/", {"summary": "Still early"})
    assert response.status_code == 400 and error_attrs(response) == {"findings"}

    finding = mission.findings.get()
    response = inspector.patch(
        f"/api/v1/findings/{finding.pk}/", {"recommendation": "Update the zone list."}
    )
    assert response.status_code == 200, response.content
    response = inspector.post(f"{url}debrief/", {"summary": "Told the DO and the SMT."})
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["status"], row["debrief_summary"]) == ("debriefed", "Told the DO and the SMT.")
    assert 0 < row["compliance_score"] < 100
    assert row["summary"]["items_by_result"]["non_compliant"] == 1
    assert row["summary"]["findings_by_agency"] == [
        {
            "organization": world.agency_a.pk,
            "organization_code": "agencya",
            "organization_name": "Agency A",
            "total": 1,
            "open": 1,
            "overdue": 0,
        }
    ]
    # Debriefed: a second debrief is refused by the state.
    response = inspector.post(f"{url}debrief/", {"summary": "Again"})
    assert response.status_code == 400 and error_attrs(response) == {"status"}


def test_only_inspectors_plan_and_only_the_team_changes_a_mission(world):
    # Whoever may not plan gets a 400 naming no field of the body (as training's creations
    # answer a user without the right), and nothing is written.
    for name in ("do", "fsco", "hq_a", "outsider"):
        response = api(world, name).post(URL, plan_body(world))
        assert response.status_code == 400, name
        assert error_attrs(response) == {"non_field_errors"}, name
    assert not Mission.objects.exists()
    # A team of non-inspectors is refused, naming the team.
    response = api(world, "inspector").post(URL, plan_body(world, team=[world.person(world.do).pk]))
    assert response.status_code == 400 and error_attrs(response) == {"team"}
    response = api(world, "inspector").post(
        URL, plan_body(world, ends_on=(TODAY - dt.timedelta(days=1)).isoformat())
    )
    assert response.status_code == 400 and error_attrs(response) == {"ends_on"}

    mission = announced_mission(world)
    url = f"{URL}{mission.pk}/"
    # The DO sees the announced mission, and another inspector sees everything, but neither
    # is on the team: changing it answers 404, as for an object one may not see.
    for name in ("do", "inspector2"):
        client = api(world, name)
        assert client.get(url).status_code == 200, name
        assert client.patch(url, {"objectives": "Hijacked"}).status_code == 404, name
        for step in ("announce", "start", "debrief"):
            assert client.post(f"{url}{step}/").status_code == 404, (name, step)
    mission.refresh_from_db()
    assert (mission.status, mission.objectives) == (
        MissionStatus.ANNOUNCED,
        "Annual compliance mission",
    )


def test_the_station_sees_a_mission_from_its_announcement(world):
    planned = planned_mission(world)
    url = f"{URL}{planned.pk}/"
    for name in ("inspector", "inspector2"):
        assert api(world, name).get(url).status_code == 200, name
    for name in ("do", "fsco", "smt_a", "hq_a", "rep_a", "outsider"):
        assert api(world, name).get(url).status_code == 404, name
        assert ids(api(world, name).get(URL)) == set(), name
    announced = announced_mission(world)
    for name in ("do", "fsco", "smt_a"):
        assert ids(api(world, name).get(URL)) == {announced.pk}, name
    # The agencies get the report from the debrief on (¶40), not before.
    for name in ("hq_a", "hq_b", "rep_a", "aso_b", "outsider"):
        assert ids(api(world, name).get(URL)) == set(), name


def test_each_agency_sees_the_station_summary_of_a_debriefed_mission(world, debriefed):
    url = f"{URL}{debriefed.pk}/"
    # Both agencies with findings get the station's summary, counts of the other's included;
    # the other agency's findings themselves stay hidden (test_api_findings).
    for name in ("hq_a", "hq_b", "rep_a", "aso_b", "do", "inspector"):
        response = api(world, name).get(url)
        assert response.status_code == 200, name
        summary = response.json()["summary"]
        assert summary["findings_total"] == len(DEFICIENT_ROLES)
        assert {(a["organization_code"], a["total"]) for a in summary["findings_by_agency"]} == {
            ("agencya", 2),
            ("agencyb", 1),
        }
        assert summary["items_by_result"]["non_compliant"] == 3
        assert summary["items_by_result"]["unrecorded"] == 0
    for name in ("outsider", "staff_a", "asc"):
        assert api(world, name).get(url).status_code == 404, name


def test_designated_officials_see_their_own_station_only(world, debriefed):
    elsewhere = mission_at(world, world.person(world.outsider).duty_station)
    assert ids(api(world, "do").get(URL)) == {debriefed.pk}
    assert api(world, "do").get(f"{URL}{elsewhere.pk}/").status_code == 404
    assert ids(api(world, "outsider").get(URL)) == {elsewhere.pk}
    assert ids(api(world, "inspector").get(URL)) == {debriefed.pk, elsewhere.pk}


def test_filters_and_search(world, debriefed):
    elsewhere = mission_at(world, world.person(world.outsider).duty_station)
    inspector = api(world, "inspector")
    assert ids(inspector.get(URL, {"duty_station": world.station.pk})) == {debriefed.pk}
    assert ids(inspector.get(URL, {"country": world.country.pk})) == {debriefed.pk}
    assert ids(inspector.get(URL, {"status": "announced"})) == {elsewhere.pk}
    assert ids(inspector.get(URL, {"search": elsewhere.reference})) == {elsewhere.pk}
    response = inspector.get(URL, {"status": "finished"})
    assert response.status_code == 400 and error_attrs(response) == {"status"}


def test_the_debrief_report_is_the_full_one_or_the_agencys_copy(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(world, deficient_roles=DEFICIENT_ROLES)
    reports = {r.organization_id: r for r in MissionReport.objects.filter(mission=mission)}
    assert set(reports) == {None, world.agency_a.pk, world.agency_b.pk}
    url = f"{URL}{mission.pk}/report/"
    expected = {
        "inspector": None,
        "do": None,
        "fsco": None,
        "smt_a": None,
        "hq_a": world.agency_a.pk,
        "rep_a": world.agency_a.pk,
        "hq_b": world.agency_b.pk,
        "aso_b": world.agency_b.pk,
    }
    for name, organization in expected.items():
        response = api(world, name).get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        report = reports[organization]
        assert b"".join(response.streaming_content) == report.pdf.open("rb").read(), name
        report.pdf.close()
        assert response["ETag"] == f'"{report.sha256}"'
    # Unchanged: the client's copy is still good.
    response = api(world, "do").get(url, HTTP_IF_NONE_MATCH=f'"{reports[None].sha256}"')
    assert response.status_code == 304
    for name in ("outsider", "staff_a", "asc"):
        assert api(world, name).get(url).status_code == 404, name


def test_a_report_not_yet_rendered_answers_404(world, debriefed):
    assert MissionReport.objects.filter(mission=debriefed, sha256="").count() == 3
    for name in ("do", "hq_a"):
        assert api(world, name).get(f"{URL}{debriefed.pk}/report/").status_code == 404
    assert api(world, "inspector").get(f"{URL}987654/report/").status_code == 404
    assert api(world, "inspector").get(f"{URL}nope/report/").status_code == 404


def test_lists_export_as_csv_and_xlsx_with_formulas_neutralized(world):
    mission = planned_mission(world)
    Mission.objects.filter(pk=mission.pk).update(objectives='=HYPERLINK("http://x")')
    inspector = api(world, "inspector")
    response = inspector.get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["reference"], row["objectives"]) == (mission.reference, '\'=HYPERLINK("http://x")')
    response = inspector.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = xlsx_rows(response.content)
    [values] = rows
    cells = dict(zip(header, values, strict=True))
    assert cells["reference"] == mission.reference
    assert cells["objectives"] == '\'=HYPERLINK("http://x")'
    assert cells["starts_on"].date() == mission.starts_on


def test_mission_queries_are_constant(world, debriefed, django_assert_num_queries):
    url = f"{URL}{debriefed.pk}/"

    def check():
        for name in ("inspector", "do", "hq_b", "outsider"):
            client = api(world, name)
            for params in (
                {"page_size": 1},
                {"page_size": 100},
                {"format": "csv"},
                {"format": "xlsx"},
            ):
                # 1 token + user, 1 grants, 1 page (the team as an array subquery).
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
        for name in ("inspector", "do", "hq_b"):
            client = api(world, name)
            # 1 token + user, 1 grants, 1 row, 1 items by result, 1 findings by agency.
            with django_assert_num_queries(5):
                assert client.get(url).status_code == 200

    check()
    for _ in range(3):
        debriefed_mission(world, deficient_roles=DEFICIENT_ROLES + ("area_coordinator",))
    assert Mission.objects.count() == 4
    check()
