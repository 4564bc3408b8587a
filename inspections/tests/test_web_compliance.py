"""Compliance over time on the duty station's page (¶39–¶40): the "non-compliant" flag while
a non-compliance report is open, the score of each reported inspection as a server-drawn SVG
line chart with the same figures in a table, open and overdue findings by agency; and the
dashboard's panel of the findings a user answers for."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Finding
from inspections.services.findings import rectification_report
from inspections.views.compliance import trend_chart

from .factories import announced_mission, station_world
from .test_web_escalations import escalated
from .test_web_findings import World, debriefed_world, login

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


@pytest.fixture
def world(db) -> World:
    return debriefed_world()


def station_url(world: World) -> str:
    return reverse("actors:duty-station-detail", args=[world.w.station.pk])


def panel_of(response, key: str = "station_panels"):
    """The data of the inspections panel on the page (accountability.core.panels), or None
    when the page leaves it out."""
    found = [p["data"] for p in response.context[key] if p["name"] == "inspections"]
    return found[0] if found else None


def y_of(score) -> float:
    # The plot runs from 16 (100 %) down to 192 (0 %) in a 240-unit-high drawing.
    return round(16 + 176 * (1 - float(score) / 100), 1)


def circles(page: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<circle class="chart__point" cx="([\d.]+)" cy="([\d.]+)" r="4.5" '
        r'data-score="([\d.]+)"',
        page,
    )


def test_the_station_page_draws_the_score_and_the_findings_by_agency(client, world):
    world.mission.refresh_from_db()
    score = world.mission.compliance_score
    assert score is not None and 0 < score < 100
    Finding.objects.filter(pk=world.a.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    response = login(client, world.w.do).get(station_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    panel = panel_of(response)
    assert [row["score"] for row in panel["trend"]] == [score]
    # An inline SVG, accessible, no script.
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img" aria-labelledby="compliance-chart-title compliance-chart-desc"' in page
    assert '<title id="compliance-chart-title">Compliance score of Capital across inspections' in (
        page
    )
    assert f"One inspection scored: {score} % ({world.mission.reference})." in page
    assert "<script" not in page.split('id="station-compliance"')[1].split("</section>")[0]
    # A single inspection is a dot in the middle of the plot, at its score.
    assert circles(page) == [("324.0", str(y_of(score)), str(score))]
    assert "chart__line" not in page  # no line for one point
    # The same figures in a table.
    table = page.split('id="compliance-trend"')[1].split("</table>")[0]
    assert world.mission.reference in table and f"{score} %" in table and "Debriefed" in table
    # Open and overdue findings by agency: the station's summary.
    assert [(r["code"], r["open"], r["overdue"]) for r in panel["by_agency"]] == [
        ("agencya", 1, 1),
        ("agencyb", 1, 0),
    ]
    agencies = page.split('id="compliance-agencies"')[1].split("</table>")[0]
    assert "AGENCYA" in agencies and "AGENCYB" in agencies
    assert 'id="non-compliant-flag"' not in page


def test_the_trend_joins_the_inspections_in_date_order(client, world):
    second = debriefed_world(world.w, extra_roles=("warden", "smt"))
    scores = [world.mission.compliance_score, second.mission.compliance_score]
    assert scores[1] < scores[0]
    page = login(client, world.w.fsco).get(station_url(world)).content.decode()
    points = circles(page)
    assert points == [
        ("56.0", str(y_of(scores[0])), str(scores[0])),
        ("592.0", str(y_of(scores[1])), str(scores[1])),
    ]
    assert f'points="56.0,{y_of(scores[0])} 592.0,{y_of(scores[1])}"' in page
    assert (
        f"2 inspections scored, from {scores[0]} % ({world.mission.reference}) to "
        f"{scores[1]} % ({second.mission.reference})."
    ) in page


def test_the_chart_coordinates_stay_unlocalized(client, world):
    # French writes decimals with a comma; SVG coordinates must keep the dot.
    login(client, world.w.do)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(station_url(world)).content.decode()
    assert len(circles(page)) == 1


def test_the_flag_shows_while_a_non_compliance_report_is_open(client, world):
    escalated(world)
    response = login(client, world.w.hq_b).get(station_url(world))
    page = response.content.decode()
    assert panel_of(response)["non_compliant"] is True
    assert 'id="non-compliant-flag"' in page and "Non-compliant" in page
    assert "flagged non-compliant until they are rectified (A/57/365 ¶40)" in page


def test_the_panel_is_for_those_who_see_a_reported_mission(client, world):
    for user_key, shown in (
        ("inspector", True),
        ("do", True),
        ("smt_a", True),
        ("hq_a", True),
        ("hq_b", True),
        ("staff_a", False),
        ("outsider", False),
    ):
        response = login(client, getattr(world.w, user_key)).get(station_url(world))
        assert response.status_code == 200
        panel = panel_of(response)
        assert (panel is not None) == shown, user_key
        assert ('id="station-compliance"' in response.content.decode()) == shown, user_key
        if shown:
            # Every reader gets the same summary of both agencies (¶40).
            assert [r["code"] for r in panel["by_agency"]] == ["agencya", "agencyb"]


def test_no_panel_before_a_debrief(client, db):
    w = station_world()
    announced_mission(w)
    response = login(client, w.do).get(reverse("actors:duty-station-detail", args=[w.station.pk]))
    assert panel_of(response) is None


def test_the_chart_geometry():
    row = {"mission": 1, "reference": "INS-1", "ends_on": dt.date(2026, 1, 1), "status": "x"}
    chart = trend_chart(
        [
            {**row, "score": Decimal("100.0")},
            {**row, "mission": 2, "score": None},  # not scored: left out
            {**row, "mission": 3, "score": Decimal("0.0")},
            {**row, "mission": 4, "score": Decimal("50.0")},
        ]
    )
    assert [(p.mission, p.x, p.y) for p in chart["points"]] == [
        (1, 56.0, 16.0),
        (3, 324.0, 192.0),
        (4, 592.0, 104.0),
    ]
    assert [line["y"] for line in chart["grid"]] == [192.0, 148.0, 104.0, 60.0, 16.0]
    assert trend_chart([])["points"] == []


def test_station_page_query_count_is_constant_in_the_number_of_inspections(
    client, world, django_assert_num_queries
):
    """The DO: session, user, the station, the grants, "may edit", its history, the panel's
    three (selectors.station_compliance: the reported missions, the open and overdue counts
    by agency, the flag), the people count, the header's unread count and rights, the
    header's organization, the phase history, and the station structure's areas, zones and
    appointments: 16, with one inspection or three. A staff member who sees no mission pays
    the panel's first query only, and neither "may edit" nor the structure's areas and
    appointments: 11."""
    login(client, world.w.do)
    url = station_url(world)
    with django_assert_num_queries(16):
        assert client.get(url).status_code == 200
    debriefed_world(world.w, extra_roles=("warden", "smt"))
    debriefed_world(world.w, extra_roles=("country_representative",))
    with django_assert_num_queries(16):
        response = client.get(url)
    assert len(panel_of(response)["trend"]) == 3
    login(client, world.w.staff_a)
    with django_assert_num_queries(11):
        assert panel_of(client.get(url)) is None


# --- The dashboard -------------------------------------------------------------------------


def test_the_dashboard_lists_the_findings_the_user_answers_for(client, world):
    Finding.objects.filter(pk=world.a.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=2)
    )
    for user_key, listed in (
        ("do", {world.a.pk, world.b.pk}),
        ("hq_a", {world.a.pk}),
        ("rep_a", {world.a.pk}),
        ("hq_b", {world.b.pk}),
        ("inspector", set()),
        ("outsider", set()),
    ):
        response = login(client, getattr(world.w, user_key)).get(DASHBOARD)
        assert response.status_code == 200
        rows = panel_of(response, "panels")["rows"]
        assert {f.pk for f in rows} == listed, user_key
        page = response.content.decode()
        assert ('id="inspection-findings"' in page) == bool(listed), user_key
        if world.a.pk in listed:
            assert reverse("inspections:finding-detail", args=[world.a.pk]) in page
            assert "overdue since" in page
    # Once reported, the finding waits for the inspectors, not for the user.
    rectification_report(user=world.w.hq_a, finding=world.a, description="Done.")
    response = login(client, world.w.hq_a).get(DASHBOARD)
    assert panel_of(response, "panels")["rows"] == []
