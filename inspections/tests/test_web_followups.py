"""The follow-up visit pages (¶40): who sees a visit and which of its findings, the team's
re-check of each open finding, and completing the visit with and without a non-compliance
report to the agencies and the HLCM."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from inspections.models import (
    Escalation,
    EscalationDelivery,
    FindingStatus,
    FollowUpCheck,
    FollowUpResult,
    FollowUpVisit,
    MissionStatus,
    Rectification,
)
from inspections.services.findings import rectification_report
from inspections.services.followups import follow_up_check_record, follow_up_schedule

from .test_web_findings import World, debriefed_world, login

pytestmark = pytest.mark.django_db

LIST = reverse("inspections:follow-up-list")


def scheduled(world: World) -> FollowUpVisit:
    """The follow-up visit, scheduled the day after the last rectification date."""
    last = max(world.a.deadline, world.b.deadline)
    return follow_up_schedule(mission=world.mission, today=last + dt.timedelta(days=1))


@pytest.fixture
def world(db) -> World:
    return debriefed_world()


@pytest.fixture
def visit(world) -> FollowUpVisit:
    return scheduled(world)


def visit_url(visit, name="follow-up-detail") -> str:
    return reverse(f"inspections:{name}", args=[visit.pk])


def check(client, visit, finding, result, notes=""):
    return client.post(
        visit_url(visit, "follow-up-check"),
        {"finding": finding.pk, "result": result, "notes": notes},
    )


def test_the_list_shows_each_role_its_visits_and_what_it_may_recheck(client, world, visit):
    for user_key, open_findings in (
        ("inspector", 2),
        ("do", 2),
        ("hq_a", 1),
        ("hq_b", 1),
        ("outsider", None),
        ("staff_a", None),
    ):
        response = login(client, getattr(world.w, user_key)).get(LIST)
        assert response.status_code == 200
        rows = list(response.context["page"].object_list)
        if open_findings is None:
            assert rows == [], user_key
            continue
        assert [row.pk for row in rows] == [visit.pk], user_key
        assert rows[0].open_findings == open_findings, user_key
        page = response.content.decode()
        assert visit_url(visit) in page
        assert reverse("inspections:mission-detail", args=[world.mission.pk]) in page
    login(client, world.w.do)
    assert list(client.get(LIST, {"state": "closed"}).context["page"].object_list) == []
    assert len(client.get(LIST, {"state": "open"}).context["page"].object_list) == 1


def test_the_visit_page_shows_each_role_the_findings_it_may_see(client, world, visit):
    for user_key, sees, records in (
        ("inspector", {world.a.pk, world.b.pk}, True),
        ("inspector2", {world.a.pk, world.b.pk}, False),
        ("do", {world.a.pk, world.b.pk}, False),
        ("hq_a", {world.a.pk}, False),
        ("hq_b", {world.b.pk}, False),
    ):
        response = login(client, getattr(world.w, user_key)).get(visit_url(visit))
        assert response.status_code == 200, user_key
        assert {f.pk for f in response.context["findings"]} == sees, user_key
        assert response.context["may_record"] == records, user_key
        assert (response.context["complete_form"] is not None) == records, user_key
        page = response.content.decode()
        assert ('action="' + visit_url(visit, "follow-up-check")) in page if records else True
    for user_key in ("outsider", "staff_a"):
        assert login(client, getattr(world.w, user_key)).get(visit_url(visit)).status_code == 404


def test_the_team_rechecks_each_open_finding(client, world, visit):
    rectification_report(user=world.w.do, finding=world.a, description="Serviced.")
    login(client, world.w.inspector)
    page = client.get(visit_url(visit)).content.decode()
    assert "Rectification reported, awaiting verification" in page
    response = check(client, visit, world.a, FollowUpResult.RECTIFIED, "Seen working.")
    assert response.status_code == 302
    assert response["Location"] == f"{visit_url(visit)}#finding-{world.a.pk}"
    saved = FollowUpCheck.objects.get(visit=visit, finding=world.a)
    assert saved.result == FollowUpResult.RECTIFIED and saved.notes == "Seen working."
    # Changeable until the visit is completed.
    assert check(client, visit, world.a, FollowUpResult.NOT_RECTIFIED).status_code == 302
    saved.refresh_from_db()
    assert saved.result == FollowUpResult.NOT_RECTIFIED
    response = client.get(visit_url(visit))
    row = next(f for f in response.context["findings"] if f.pk == world.a.pk)
    assert row.form.initial["result"] == FollowUpResult.NOT_RECTIFIED


def test_a_bad_check_is_refused_on_its_row(client, world, visit):
    login(client, world.w.inspector)
    response = check(client, visit, world.a, "maybe")
    assert response.status_code == 400
    row = next(f for f in response.context["findings"] if f.pk == world.a.pk)
    assert row.form.errors["result"]
    assert f'id="id_f{world.a.pk}_result_0"' in response.content.decode()
    # A finding of another mission is refused by the service, shown at the top.
    other = debriefed_world(world.w)
    response = check(client, visit, other.a, FollowUpResult.RECTIFIED)
    assert response.status_code == 400
    assert "Not an open finding of this mission." in response.content.decode()
    assert not FollowUpCheck.objects.exists()


def test_only_the_team_records_and_completes(client, world, visit):
    for user_key in ("inspector2", "do", "hq_a", "outsider"):
        login(client, getattr(world.w, user_key))
        response = check(client, visit, world.a, FollowUpResult.RECTIFIED)
        assert response.status_code == 404, user_key
        assert client.post(visit_url(visit, "follow-up-complete")).status_code == 404, user_key
    assert not FollowUpCheck.objects.exists()
    visit.refresh_from_db()
    assert visit.completed_at is None


def test_the_visit_cannot_complete_with_findings_unchecked(client, world, visit):
    login(client, world.w.inspector)
    check(client, visit, world.a, FollowUpResult.RECTIFIED)
    page = client.get(visit_url(visit)).content.decode()
    assert "1 open finding is not re-checked yet" in page
    response = client.post(visit_url(visit, "follow-up-complete"), {"notes": ""})
    assert response.status_code == 400
    assert "1 open finding is not checked yet." in response.content.decode()
    visit.refresh_from_db()
    assert visit.completed_at is None


def test_completing_with_everything_rectified_closes_without_a_report(
    client, world, visit, django_capture_on_commit_callbacks
):
    login(client, world.w.inspector)
    for finding in (world.a, world.b):
        check(client, visit, finding, FollowUpResult.RECTIFIED)
    page = client.get(visit_url(visit)).content.decode()
    assert "No finding is marked not rectified: no non-compliance report will be made." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(visit_url(visit, "follow-up-complete"), {"notes": "All good."})
    assert response.status_code == 302 and response["Location"] == visit_url(visit)
    visit.refresh_from_db()
    world.mission.refresh_from_db()
    assert visit.completed_at is not None and visit.notes == "All good."
    assert world.mission.status == MissionStatus.CLOSED
    assert not Escalation.objects.exists()
    page = client.get(visit_url(visit))
    assert page.context["complete_form"] is None and page.context["escalation"] is None
    assert "every finding was rectified" in page.content.decode()
    assert {f.status for f in page.context["findings"]} == {FindingStatus.RECTIFIED}


def test_completing_with_a_finding_not_rectified_reports_it_to_the_agency_and_the_hlcm(
    client, world, visit, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    rectification_report(user=world.w.aso_b, finding=world.b, description="Radio replaced.")
    login(client, world.w.inspector)
    check(client, visit, world.a, FollowUpResult.RECTIFIED)
    check(client, visit, world.b, FollowUpResult.NOT_RECTIFIED, "Still no radio.")
    response = client.get(visit_url(visit))
    # The consequence is said before the team completes the visit (¶40).
    consequence = response.content.decode()
    assert "1 finding not rectified will be reported in a non-compliance report" in consequence
    assert "(AGENCYB) and to the HLCM" in consequence
    assert "flagged non-compliant" in consequence
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(visit_url(visit, "follow-up-complete"), {"notes": "Radio missing."})
    assert response.status_code == 302
    escalation = Escalation.objects.get(mission=world.mission)
    assert list(escalation.findings.all()) == [world.b]
    assert escalation.sha256  # rendered by the task
    assert set(EscalationDelivery.objects.values_list("recipient", flat=True)) == {
        "agencyb",
        "hlcm",
    }
    assert any("hlcm@example.org" in message.to for message in mail.outbox)
    world.b.refresh_from_db()
    world.a.refresh_from_db()
    assert world.b.status == FindingStatus.NOT_RECTIFIED
    assert world.a.status == FindingStatus.RECTIFIED
    # The pending report of B was decided by what the visit found.
    assert Rectification.objects.get(finding=world.b).decision == "rejected"
    page = client.get(visit_url(visit))
    text = page.content.decode()
    assert "reported to the agencies concerned and to the HLCM" in text
    assert reverse("inspections:escalation-detail", args=[escalation.pk]) in text
    # The agency's focal point sees the report from its visit page too.
    response = login(client, world.w.hq_b).get(visit_url(visit))
    assert response.context["escalation"] == escalation
    # A completed visit takes no more checks.
    login(client, world.w.inspector)
    assert check(client, visit, world.b, FollowUpResult.RECTIFIED).status_code == 400


def test_visit_page_query_count_is_constant_in_the_number_of_findings(
    client, db, django_assert_num_queries
):
    """Session, user, the grants, the visit with mission, station, country, lead inspector
    and completer, "may carry it out", the findings, their checks, the header's two: 9,
    with 2 findings or 6, checked or not."""
    small = debriefed_world()
    large = debriefed_world(small.w, extra_roles=("warden", "smt", "country_representative"))
    counts = []
    for world in (small, large):
        visit = scheduled(world)
        for finding in world.mission.findings.all()[:2]:
            follow_up_check_record(
                user=world.w.inspector,
                visit=visit,
                finding=finding,
                result=FollowUpResult.RECTIFIED,
            )
        login(client, world.w.inspector)
        with django_assert_num_queries(9):
            response = client.get(visit_url(visit))
        counts.append(len(response.context["findings"]))
    assert counts[0] == 2 and counts[1] > 4
    # The list: session, user, the grants, COUNT, the page with the counts, the header's two.
    with django_assert_num_queries(7):
        assert client.get(LIST).status_code == 200
