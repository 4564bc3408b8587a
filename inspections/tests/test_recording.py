"""Recording the checklist and the findings it opens (¶40), and the compliance score."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections.models import Finding, ItemResult, MissionStatus, Severity
from inspections.services.findings import finding_update
from inspections.services.missions import debrief_problems, mission_debrief
from inspections.services.recording import RECTIFICATION_DAYS, checklist_item_record
from inspections.services.scoring import score

from .factories import announced_mission, record_all, station_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return station_world()


@pytest.fixture
def mission(world):
    return announced_mission(world, sample=1)


def first(mission, role):
    return mission.checklist_items.filter(role__code=role).order_by("position").first()


def test_a_deficient_item_opens_a_finding_with_the_accountable_person_and_a_date(world, mission):
    item = first(mission, "warden")
    item, applied = checklist_item_record(
        user=world.inspector, item=item, result=ItemResult.PARTIAL, notes="List out of date"
    )
    assert applied
    mission.refresh_from_db()
    assert mission.status == MissionStatus.IN_PROGRESS  # the first entry starts the mission
    finding = Finding.objects.get(checklist_item=item)
    assert finding.accountable_person.user == world.warden
    assert finding.role.code == "warden" and finding.organization == world.agency_a
    assert finding.severity == Severity.MEDIUM
    assert finding.deadline == mission.ends_on + dt.timedelta(days=RECTIFICATION_DAYS["medium"])
    # The inspector raises the severity; a compliant result withdraws the finding.
    checklist_item_record(user=world.inspector, item=item, severity=Severity.CRITICAL)
    finding.refresh_from_db()
    assert finding.severity == Severity.CRITICAL
    checklist_item_record(user=world.inspector, item=item, result=ItemResult.COMPLIANT)
    assert not Finding.objects.filter(checklist_item=item).exists()


def test_a_default_date_follows_the_severity_until_the_team_sets_one(world, mission):
    """¶40: the team sets the date by which each deficiency is rectified. Until it does, the
    date is the severity's default, and a critical gap does not keep a medium one's 60 days."""
    item = first(mission, "warden")
    item, _ = checklist_item_record(user=world.inspector, item=item, result=ItemResult.PARTIAL)
    finding = Finding.objects.get(checklist_item=item)
    assert finding.deadline == mission.ends_on + dt.timedelta(days=60)
    assert not finding.deadline_set_by_hand
    checklist_item_record(user=world.inspector, item=item, severity=Severity.CRITICAL)
    finding.refresh_from_db()
    assert finding.deadline == mission.ends_on + dt.timedelta(days=14)
    finding_update(user=world.inspector, finding=finding, severity=Severity.HIGH)
    finding.refresh_from_db()
    assert finding.deadline == mission.ends_on + dt.timedelta(days=30)
    # A date of the team's own stays whatever the severity.
    own = mission.ends_on + dt.timedelta(days=45)
    finding_update(user=world.inspector, finding=finding, deadline=own)
    checklist_item_record(user=world.inspector, item=item, severity=Severity.CRITICAL)
    finding.refresh_from_db()
    assert (finding.severity, finding.deadline, finding.deadline_set_by_hand) == (
        Severity.CRITICAL,
        own,
        True,
    )


def test_a_draft_resent_after_a_later_entry_is_ignored(world, mission):
    item = first(mission, "fsco")
    now = timezone.now()
    checklist_item_record(
        user=world.inspector, item=item, result=ItemResult.NON_COMPLIANT, client_saved_at=now
    )
    item, applied = checklist_item_record(
        user=world.inspector,
        item=item,
        result=ItemResult.COMPLIANT,
        client_saved_at=now - dt.timedelta(minutes=3),
    )
    assert not applied and item.result == ItemResult.NON_COMPLIANT
    item.refresh_from_db()
    assert item.result == ItemResult.NON_COMPLIANT
    with pytest.raises(ValidationError) as error:
        checklist_item_record(
            user=world.inspector, item=item, client_saved_at=now + dt.timedelta(hours=1)
        )
    assert "client_saved_at" in error.value.message_dict


def test_bad_values_are_refused_by_field(world, mission):
    item = first(mission, "fsco")
    with pytest.raises(ValidationError) as error:
        checklist_item_record(user=world.inspector, item=item, result="perhaps")
    assert "result" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        checklist_item_record(user=world.inspector, item=item, severity="dire")
    assert "severity" in error.value.message_dict


def test_only_the_team_records(world, mission):
    item = first(mission, "fsco")
    for user in (world.inspector2, world.do, world.outsider):
        with pytest.raises(PermissionDenied):
            checklist_item_record(user=user, item=item, result=ItemResult.COMPLIANT)


def test_the_debrief_needs_every_item_and_every_recommendation(world, mission):
    item = first(mission, "designated_official")
    checklist_item_record(user=world.inspector, item=item, result=ItemResult.NON_COMPLIANT)
    problems = debrief_problems(mission)
    assert set(problems) == {"checklist_items", "findings"}
    with pytest.raises(ValidationError):
        mission_debrief(user=world.inspector, mission=mission)
    record_all(world, mission, deficient={item.pk: ItemResult.NON_COMPLIANT})
    assert debrief_problems(mission) == {}
    finding = Finding.objects.get(checklist_item=item)
    with pytest.raises(ValidationError) as error:
        finding_update(user=world.inspector, finding=finding, deadline=mission.starts_on)
    assert "deadline" in error.value.message_dict
    mission = mission_debrief(user=world.inspector, mission=mission)
    assert mission.status == MissionStatus.DEBRIEFED and mission.compliance_score < 100
    # The checklist is closed after the debrief.
    with pytest.raises(ValidationError):
        checklist_item_record(user=world.inspector, item=item, result=ItemResult.COMPLIANT)
    with pytest.raises(ValidationError):
        finding_update(user=world.inspector, finding=finding, recommendation="Other")


def test_a_mission_without_findings_closes_at_the_debrief(world, mission):
    record_all(world, mission)
    mission = mission_debrief(user=world.inspector, mission=mission)
    assert mission.status == MissionStatus.CLOSED
    assert mission.compliance_score == Decimal("100.0")


def test_the_score_weighs_by_severity():
    # 1 critical non-compliant (0 of 5), 1 low compliant (1 of 1), 1 medium partial (1 of 2),
    # one not applicable and one unrecorded (left out): 2 of 8 = 25 %.
    rows = [
        (ItemResult.NON_COMPLIANT, "critical"),
        (ItemResult.COMPLIANT, "low"),
        (ItemResult.PARTIAL, "medium"),
        (ItemResult.NOT_APPLICABLE, "high"),
        ("", "high"),
    ]
    assert score(rows) == Decimal("25.0")
    assert score([(ItemResult.NOT_APPLICABLE, "low")]) is None


def test_reports_are_written_in_their_readers_language(world, mission):
    from actors.models import Person
    from inspections.models import MissionReport

    Person.objects.filter(user=world.do).update(language="fr")
    Person.objects.filter(user=world.hq_a).update(language="zh-hans")
    item = first(mission, "warden")
    record_all(world, mission, deficient={item.pk: ItemResult.NON_COMPLIANT})
    mission_debrief(user=world.inspector, mission=mission)
    languages = dict(
        MissionReport.objects.filter(mission=mission).values_list("organization_id", "language")
    )
    assert languages == {None: "fr", world.agency_a.pk: "zh-hans"}
