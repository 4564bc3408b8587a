"""The non-compliance report pages (¶40): who sees a report, its agencies (the report's
summary, which every recipient receives) and the findings each may see in full, the
station flagged non-compliant while the report is open, and the stored PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspections.models import Escalation
from inspections.services.findings import rectification_decide, rectification_report

from .factories import follow_up_done
from .test_web_findings import World, debriefed_world, login
from .test_web_followups import scheduled

pytestmark = pytest.mark.django_db

LIST = reverse("inspections:escalation-list")


def escalated(world: World, *, render: bool = False, capture=None) -> Escalation:
    """Both findings are found not rectified on the follow-up visit: a report to agencies
    A and B and the HLCM. ``render`` runs the on-commit task that renders and sends it."""
    visit = scheduled(world)
    if render:
        with capture(execute=True):
            follow_up_done(world.w.inspector, visit)
    else:
        follow_up_done(world.w.inspector, visit)
    return Escalation.objects.get(mission=world.mission)


@pytest.fixture
def world(db) -> World:
    return debriefed_world()


@pytest.fixture
def escalation(world) -> Escalation:
    return escalated(world)


def url(escalation, name="escalation-detail") -> str:
    return reverse(f"inspections:{name}", args=[escalation.pk])


def test_the_list_shows_the_report_to_the_station_and_the_agencies_concerned(
    client, world, escalation
):
    for user_key, sees in (
        ("inspector", True),
        ("do", True),
        ("fsco", True),
        ("hq_a", True),
        ("hq_b", True),
        ("rep_a", True),
        ("aso_b", True),
        ("staff_a", False),
        ("outsider", False),
    ):
        response = login(client, getattr(world.w, user_key)).get(LIST)
        assert response.status_code == 200
        rows = list(response.context["page"].object_list)
        assert [row.pk for row in rows] == ([escalation.pk] if sees else []), user_key
        if sees:
            assert rows[0].agency_codes == ["agencya", "agencyb"]
            page = response.content.decode()
            assert url(escalation) in page and "AGENCYA, AGENCYB" in page
            assert "open: station non-compliant" in page
    login(client, world.w.do)
    assert len(client.get(LIST, {"state": "open"}).context["page"].object_list) == 1
    assert len(client.get(LIST, {"state": "closed"}).context["page"].object_list) == 0


def test_the_report_page_shows_the_summary_to_all_and_the_findings_in_scope(
    client, world, escalation
):
    for user_key, sees in (
        ("inspector", {world.a.pk, world.b.pk}),
        ("do", {world.a.pk, world.b.pk}),
        ("hq_a", {world.a.pk}),
        ("hq_b", {world.b.pk}),
    ):
        response = login(client, getattr(world.w, user_key)).get(url(escalation))
        assert response.status_code == 200, user_key
        assert {f.pk for f in response.context["findings"]} == sees, user_key
        # The agencies and their counts: the report's summary, the same for every recipient.
        agencies = [
            (row["organization__code"], row["total"], row["open"])
            for row in response.context["agencies"]
        ]
        assert agencies == [("agencya", 1, 1), ("agencyb", 1, 1)], user_key
        page = response.content.decode()
        assert 'id="non-compliant-flag"' in page
        assert "is flagged non-compliant" in page
        assert reverse("inspections:mission-detail", args=[world.mission.pk]) in page
        other = world.b if user_key == "hq_a" else world.a if user_key == "hq_b" else None
        if other is not None:
            assert reverse("inspections:finding-detail", args=[other.pk]) not in page
            assert other.checklist_item.text_en[:60] not in page
    for user_key in ("staff_a", "outsider"):
        response = login(client, getattr(world.w, user_key)).get(url(escalation))
        assert response.status_code == 404, user_key


def test_the_flag_lifts_when_every_reported_finding_is_rectified(client, world, escalation):
    for finding, reporter in ((world.a, world.w.do), (world.b, world.w.aso_b)):
        rectification = rectification_report(user=reporter, finding=finding, description="Done.")
        rectification_decide(user=world.w.inspector, rectification=rectification, accepted=True)
    escalation.refresh_from_db()
    assert escalation.closed_at is not None
    login(client, world.w.hq_b)
    page = client.get(url(escalation)).content.decode()
    assert 'id="non-compliant-flag"' not in page and "Closed on" in page
    assert len(client.get(LIST, {"state": "closed"}).context["page"].object_list) == 1


def test_the_pdf_is_the_stored_report(client, world, settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    escalation = escalated(world, render=True, capture=django_capture_on_commit_callbacks)
    assert escalation.sha256
    for user_key in ("do", "hq_a", "hq_b", "inspector"):
        response = login(client, getattr(world.w, user_key)).get(url(escalation, "escalation-pdf"))
        assert response.status_code == 200, user_key
        assert response["Content-Type"] == "application/pdf"
        body = b"".join(response.streaming_content)
        with escalation.pdf.open("rb") as stored:
            assert body == stored.read()
        assert body.startswith(b"%PDF-")
        assert f"non-compliance-{world.mission.reference}.pdf" in response["Content-Disposition"]
        assert response["ETag"] == f'"{escalation.sha256}"'
    for user_key in ("staff_a", "outsider"):
        response = login(client, getattr(world.w, user_key)).get(url(escalation, "escalation-pdf"))
        assert response.status_code == 404, user_key


def test_a_report_not_yet_rendered_says_so(client, world, escalation):
    assert not escalation.sha256  # the fixture ran no on-commit task
    response = login(client, world.w.hq_a).get(url(escalation, "escalation-pdf"))
    assert response.status_code == 202
    assert "being prepared" in response.content.decode()


def test_query_counts_are_constant_in_reports_and_findings(
    client, world, escalation, django_assert_num_queries
):
    """List: session, user, the grants, COUNT, the page with mission, station, country and
    the agencies (a subquery), the header's two: 7. Report page: session, user, the grants,
    the report with its joins, the agencies' counts, the findings, the header's two: 8.
    Both with one report of 2 findings, then two reports, the second with 5."""
    login(client, world.w.do)
    with django_assert_num_queries(7):
        assert client.get(LIST).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(url(escalation)).status_code == 200
    second = escalated(
        debriefed_world(world.w, extra_roles=("warden", "smt", "country_representative"))
    )
    assert second.findings.count() > 4
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 2
    with django_assert_num_queries(8):
        response = client.get(url(second))
    assert len(response.context["findings"]) == second.findings.count()
