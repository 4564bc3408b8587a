"""Mission pages (¶39, ¶40): the list and its exports, planning and editing, the mission page
for each reader (the team, an inspector not on it, the DO before and after the announcement,
an agency's HQ focal point after the debrief, an outsider), announcing and debriefing; query
counts constant in the number of missions and checklist items."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.tests.factories import PersonFactory
from inspections.models import ItemResult, Mission, MissionStatus
from inspections.services.findings import finding_update
from inspections.services.recording import checklist_item_record
from inspections.tests.factories import (
    announced_mission,
    debriefed_mission,
    follow_up_done,
    planned_mission,
    record_all,
    station_world,
)

pytestmark = pytest.mark.django_db

LIST = reverse("inspections:mission-list")
CREATE = reverse("inspections:mission-create")


@pytest.fixture
def world():
    return station_world()


def url(name: str, mission: Mission) -> str:
    return reverse(f"inspections:{name}", args=[mission.pk])


def text(response) -> str:
    return response.content.decode()


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def listed(client, user, **query) -> list[str]:
    client.force_login(user)
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [mission.reference for mission in response.context["page"].object_list]


def first_item(mission: Mission, role: str):
    return mission.checklist_items.filter(role__code=role).order_by("position").first()


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_each_reader_the_missions_it_may_see(world, client):
    planned = planned_mission(world)
    announced = announced_mission(world)
    debriefed = debriefed_mission(world, deficient_roles=("agency_security_officer",))
    everything = {planned.reference, announced.reference, debriefed.reference}
    assert set(listed(client, world.inspector)) == everything
    assert set(listed(client, world.inspector2)) == everything  # UNSECOORD reads everything
    # The station sees a mission from the announcement (¶39), not while it is planned.
    assert set(listed(client, world.do)) == {announced.reference, debriefed.reference}
    assert set(listed(client, world.smt_a)) == {announced.reference, debriefed.reference}
    # An agency sees the mission once its findings are reported (¶40): B has one, A none.
    assert listed(client, world.hq_b) == [debriefed.reference]
    assert listed(client, world.hq_a) == []
    assert listed(client, world.outsider) == []


def test_the_list_filters_by_status_and_station_and_offers_planning_to_unsecoord(world, client):
    planned = planned_mission(world)
    announced = announced_mission(world)
    assert listed(client, world.inspector, status="planned") == [planned.reference]
    assert listed(client, world.inspector, status="announced") == [announced.reference]
    assert set(listed(client, world.inspector, duty_station=world.station.pk)) == {
        planned.reference,
        announced.reference,
    }
    response = client.get(LIST)
    assert CREATE in text(response)
    client.force_login(world.do)
    assert CREATE not in text(client.get(LIST))


def test_the_list_is_paginated(world, client):
    for _ in range(3):
        planned_mission(world)
    client.force_login(world.inspector)
    response = client.get(LIST, {"page_size": 10})
    assert response.context["page"].paginator.count == 3
    assert response.context["page_size"] == 10


# --- Exports ----------------------------------------------------------------------------------


def test_csv_export_holds_the_filtered_missions_the_user_sees(world, client):
    planned = planned_mission(world)
    announced = announced_mission(world)
    client.force_login(world.inspector)
    response = client.get(LIST, {"format": "csv", "status": "announced"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Duty station", "Country"]
    assert [row[0] for row in rows[1:]] == [announced.reference]
    assert rows[1][3] == announced.starts_on.isoformat()
    assert rows[1][5] == "Announced"
    # The DO's export leaves the planned mission out, like its page.
    client.force_login(world.do)
    rows = list(csv.reader(io.StringIO(client.get(LIST, {"format": "csv"}).content.decode())))
    assert planned.reference not in {row[0] for row in rows}
    assert announced.reference in {row[0].lstrip("\ufeff") for row in rows}


def test_xlsx_export_keeps_dates_and_neutralizes_formulas(world, client):
    from openpyxl import load_workbook

    mission = planned_mission(world)
    lead = mission.lead_inspector
    lead.family_name = "=HYPERLINK(1)"
    lead.save()
    client.force_login(world.inspector)
    response = client.get(LIST, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == mission.reference
    assert rows[1][3].date() == mission.starts_on
    assert rows[1][6].startswith("'=HYPERLINK")


def test_exports_refuse_an_unknown_format_or_a_bad_filter(world, client):
    client.force_login(world.inspector)
    assert client.get(LIST, {"format": "pdf"}).status_code == 400
    response = client.get(LIST, {"format": "csv", "status": "lost"})
    assert response.status_code == 400 and "Status" in text(response)


# --- Planning and editing ----------------------------------------------------------------------


def test_unsecoord_plans_a_mission_with_a_team_of_inspectors(world, client):
    client.force_login(world.inspector)
    response = client.get(CREATE)
    form = response.context["form"]
    lead, other = world.person(world.inspector), world.person(world.inspector2)
    assert form.initial["lead_inspector"] == lead.pk
    # Only people holding an active UNSECOORD inspector appointment (¶39).
    assert set(form.fields["lead_inspector"].queryset) == {lead, other}
    start = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        CREATE,
        {
            "duty_station": world.station.pk,
            "starts_on": start.isoformat(),
            "ends_on": (start + dt.timedelta(days=4)).isoformat(),
            "lead_inspector": lead.pk,
            "team": [other.pk],
            "objectives": "Compliance with MOSS",
            "personnel_sample_size": 3,
        },
    )
    mission = Mission.objects.get()
    assert response["Location"] == url("mission-detail", mission)
    assert mission.status == MissionStatus.PLANNED
    assert mission.reference == f"INS-{start.year}-{mission.pk:04d}"
    assert set(mission.members.values_list("person", flat=True)) == {lead.pk, other.pk}
    assert mission.personnel_sample_size == 3


def test_plan_errors_name_their_field(world, client):
    client.force_login(world.inspector)
    start = timezone.localdate()
    response = client.post(
        CREATE,
        {
            "duty_station": world.station.pk,
            "starts_on": start.isoformat(),
            "ends_on": (start - dt.timedelta(days=1)).isoformat(),
            "lead_inspector": world.person(world.inspector).pk,
            "team": [world.person(world.do).pk],  # not an inspector
            "personnel_sample_size": 3,
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"ends_on", "team"}
    assert not Mission.objects.exists()


def test_only_unsecoord_plans_missions(world, client):
    for user in (world.do, world.hq_a, world.outsider):
        client.force_login(user)
        assert client.get(CREATE).status_code == 404
        assert client.post(CREATE, {"duty_station": world.station.pk}).status_code == 404
    assert not Mission.objects.exists()


def test_the_team_changes_until_the_announcement_then_only_dates_and_objectives(world, client):
    mission = planned_mission(world)
    other = world.person(world.inspector2)
    client.force_login(world.inspector)
    response = client.get(url("mission-edit", mission))
    assert {"team", "personnel_sample_size"} <= set(response.context["form"].fields)
    response = client.post(
        url("mission-edit", mission),
        {
            "starts_on": mission.starts_on.isoformat(),
            "ends_on": mission.ends_on.isoformat(),
            "objectives": "Changed",
            "team": [other.pk],
            "personnel_sample_size": 4,
        },
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.members.filter(person=other).exists() and mission.personnel_sample_size == 4

    client.post(url("mission-announce", mission))
    response = client.get(url("mission-edit", mission))
    assert "team" not in response.context["form"].fields
    later = mission.ends_on + dt.timedelta(days=2)
    response = client.post(
        url("mission-edit", mission),
        {
            "starts_on": mission.starts_on.isoformat(),
            "ends_on": later.isoformat(),
            "objectives": "Extended",
            "team": [],
        },
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.ends_on == later and mission.objectives == "Extended"
    assert mission.members.filter(person=other).exists()  # the team is fixed now


def test_the_plan_is_fixed_after_the_debrief(world, client):
    mission = debriefed_mission(world)
    client.force_login(world.inspector)
    response = client.get(url("mission-edit", mission))
    assert response.status_code == 302 and response["Location"] == url("mission-detail", mission)
    response = client.get(url("mission-detail", mission))
    assert url("mission-edit", mission) not in text(response)


def test_the_plan_is_changed_by_the_team_alone(world, client):
    mission = planned_mission(world)
    for user in (world.inspector2, world.do, world.outsider):
        client.force_login(user)
        assert client.get(url("mission-edit", mission)).status_code == 404
        assert client.post(url("mission-edit", mission), {"objectives": "x"}).status_code == 404


# --- Announcing and the mission page by reader --------------------------------------------------


def test_announcing_generates_the_checklist_and_shows_the_mission_to_the_station(world, client):
    mission = planned_mission(world)
    # Planned: the station sees nothing of it (¶39).
    client.force_login(world.do)
    assert client.get(url("mission-detail", mission)).status_code == 404
    client.force_login(world.inspector2)  # not on the team: may see it, not announce it
    assert client.get(url("mission-detail", mission)).status_code == 200
    assert client.post(url("mission-announce", mission)).status_code == 404
    client.force_login(world.inspector)
    response = client.get(url("mission-detail", mission))
    assert url("mission-announce", mission) in text(response)
    assert "generated when the mission is announced" in text(response)
    response = client.post(url("mission-announce", mission), follow=True)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.ANNOUNCED
    count = mission.checklist_items.count()
    assert count and any(f"{count} items" in message for message in page_messages(response))
    client.force_login(world.do)
    response = client.get(url("mission-detail", mission))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert sum(len(group["items"]) for group in groups) == count
    assert groups[0]["role"].code == "designated_official"
    # The DO sees, does not act.
    assert url("mission-record", mission) not in text(response)
    assert url("mission-debrief", mission) not in text(response)


def test_the_team_sees_what_keeps_the_mission_from_its_debrief(world, client):
    mission = announced_mission(world)
    client.force_login(world.inspector)
    response = client.get(url("mission-detail", mission))
    assert url("mission-record", mission) in text(response)
    problems = response.context["debrief_problems"]
    total = mission.checklist_items.count()
    assert problems == [f"{total} checklist items have no result yet."]
    assert 'id="debrief-problems"' in text(response)
    response = client.post(url("mission-debrief", mission), {"summary": "Too early"})
    assert response.status_code == 400
    assert f"{total} checklist items have no result yet." in text(response)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.ANNOUNCED

    # Every item recorded, one finding without recommendation: that is the one problem left.
    item = first_item(mission, "warden")
    for each in mission.checklist_items.all():
        result = ItemResult.NON_COMPLIANT if each.pk == item.pk else ItemResult.COMPLIANT
        checklist_item_record(user=world.inspector, item=each, result=result)
    response = client.get(url("mission-detail", mission))
    assert response.context["debrief_problems"] == ["1 finding has no recommendation yet."]

    finding_update(user=world.inspector, finding=item.finding, recommendation="Update the list.")
    response = client.post(url("mission-debrief", mission), {"summary": "Told the DO."})
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DEBRIEFED and mission.debrief_summary == "Told the DO."
    response = client.get(url("mission-detail", mission))
    assert response.context["report_available"]
    assert reverse("inspections:mission-report-pdf", args=[mission.pk]) in text(response)
    assert response.context["summary"]["score"] == mission.compliance_score
    assert not response.context["summary"]["score_provisional"]
    assert url("mission-record", mission) not in text(response)


def test_an_inspector_not_on_the_team_sees_the_mission_but_does_not_act(world, client):
    mission = announced_mission(world)
    client.force_login(world.inspector2)
    response = client.get(url("mission-detail", mission))
    assert response.status_code == 200
    assert not response.context["can_edit"]
    assert response.context["debrief_form"] is None
    for name in ("mission-record", "mission-edit", "mission-debrief", "mission-announce"):
        assert url(name, mission) not in text(response)
    assert client.post(url("mission-debrief", mission), {"summary": "x"}).status_code == 404


def test_the_do_sees_each_finding_as_soon_as_it_is_recorded(world, client):
    mission = announced_mission(world)
    item = first_item(mission, "fsco")
    checklist_item_record(user=world.inspector, item=item, result=ItemResult.NON_COMPLIANT)
    finding_update(user=world.inspector, finding=item.finding, recommendation="Test the radios.")
    client.force_login(world.do)
    response = client.get(url("mission-detail", mission))
    body = text(response)
    assert "Test the radios." in body
    assert reverse("inspections:finding-detail", args=[item.finding.pk]) in body
    assert f"Finding {item.reference}" in body
    summary = response.context["summary"]
    assert summary["score_provisional"] and summary["score"] == 0
    assert [row["organization__code"] for row in summary["by_agency"]] == [item.organization.code]


def test_an_agency_focal_point_sees_the_summary_and_its_own_agency_alone(world, client):
    mission = debriefed_mission(
        world, deficient_roles=("designated_official", "agency_security_officer")
    )
    a_finding = mission.findings.get(organization=world.agency_a)
    b_finding = mission.findings.get(organization=world.agency_b)
    finding_update(user=world.inspector, finding=a_finding, deadline=a_finding.deadline)
    client.force_login(world.hq_b)
    response = client.get(url("mission-detail", mission))
    assert response.status_code == 200
    # The station's summary: every agency's counts (¶40) …
    by_agency = {
        row["organization__code"]: row["total"] for row in response.context["summary"]["by_agency"]
    }
    assert by_agency == {"agencya": 1, "agencyb": 1}
    assert response.context["summary"]["items"] == mission.checklist_items.count()
    # … and only its own agency's items and findings.
    groups = response.context["groups"]
    assert groups and {group["organization"] for group in groups} == {world.agency_b}
    body = text(response)
    assert reverse("inspections:finding-detail", args=[b_finding.pk]) in body
    assert reverse("inspections:finding-detail", args=[a_finding.pk]) not in body
    assert a_finding.checklist_item.text_en not in body
    client.force_login(world.hq_a)
    groups = client.get(url("mission-detail", mission)).context["groups"]
    assert {group["organization"] for group in groups} == {world.agency_a}


def test_an_agency_sees_nothing_of_a_mission_before_its_debrief(world, client):
    mission = announced_mission(world)
    checklist_item_record(
        user=world.inspector,
        item=first_item(mission, "agency_security_officer"),
        result=ItemResult.NON_COMPLIANT,
    )
    client.force_login(world.hq_b)
    assert client.get(url("mission-detail", mission)).status_code == 404


def test_an_outsider_gets_404_everywhere(world, client):
    planned, announced = planned_mission(world), announced_mission(world)
    debriefed = debriefed_mission(world)
    client.force_login(world.outsider)
    for mission in (planned, announced, debriefed):
        for name in ("mission-detail", "mission-edit", "mission-record"):
            assert client.get(url(name, mission)).status_code == 404
        for name in ("mission-announce", "mission-debrief", "mission-edit"):
            assert client.post(url(name, mission)).status_code == 404


def test_links_to_the_follow_up_visit_and_the_non_compliance_report(
    world, client, django_capture_on_commit_callbacks
):
    from inspections.services import deadlines

    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(world)
        last = max(finding.deadline for finding in mission.findings.all())
        deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
    mission.refresh_from_db()
    visit = mission.follow_up
    client.force_login(world.do)
    response = client.get(url("mission-detail", mission))
    assert reverse("inspections:follow-up-detail", args=[visit.pk]) in text(response)
    assert response.context["mission"].escalation_pk is None
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_done(world.inspector, visit)
    body = text(client.get(url("mission-detail", mission)))
    assert reverse("inspections:escalation-detail", args=[mission.escalation.pk]) in body


# --- Query counts -------------------------------------------------------------------------------


def test_list_and_detail_query_counts_are_constant(world, client, django_assert_num_queries):
    for _ in range(6):
        PersonFactory(organization=world.agency_a, duty_station=world.station)
    sizes = []
    for sample in (2, 8):
        mission = announced_mission(world, sample=sample)
        planned_mission(world)
        deficient = {
            item.pk: ItemResult.NON_COMPLIANT
            for item in mission.checklist_items.filter(role__code="personnel")
        }
        record_all(world, mission, deficient=deficient)
        sizes.append(mission.checklist_items.count())
        for user in (world.inspector, world.do):
            client.force_login(user)
            # session, user, the grants, COUNT, the page with station, country and lead
            # inspector, the station filter's choices, the base template's two.
            with django_assert_num_queries(8):
                response = client.get(LIST)
            assert response.status_code == 200
        client.force_login(world.inspector)
        # session, user, the grants, the mission (with its links and the right to change
        # it), the team, the summary's two, the items, the findings, the evidence, the two
        # counts of what keeps it from its debrief, the base template's two.
        with django_assert_num_queries(14):
            response = client.get(url("mission-detail", mission))
        assert sum(len(group["items"]) for group in response.context["groups"]) == sizes[-1]
        client.force_login(world.do)
        # The same without the team's two counts.
        with django_assert_num_queries(12):
            response = client.get(url("mission-detail", mission))
        assert sum(len(group["items"]) for group in response.context["groups"]) == sizes[-1]
    assert sizes[1] > sizes[0]
