"""Who sees and changes what in the inspection cycle (accountability.core.scoping, ¶39–¶40):
inspectors everything, the team changes its mission, the station's DO, FSCO and SMT see it from
the announcement, each agency its own findings in full from the debrief and only the summary
of others', DOs only their station, outsiders nothing."""

import pytest

from accountability.core import scoping
from inspections import rules as inspection_rules
from inspections.models import ChecklistItem, Finding, Mission, MissionReport
from inspections.services.missions import mission_announce

from .factories import debriefed_mission, planned_mission, station_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return station_world()


def ids(user, model):
    return set(scoping.visible_to(user, model).values_list("pk", flat=True))


def test_the_station_sees_a_mission_from_its_announcement(world):
    mission = planned_mission(world)
    for user in (world.do, world.fsco, world.smt_a, world.hq_a, world.outsider):
        assert mission.pk not in ids(user, Mission)
    assert mission.pk in ids(world.inspector2, Mission)  # UNSECOORD reads everything
    mission_announce(user=world.inspector, mission=mission)
    for user in (world.do, world.fsco, world.smt_a):
        assert mission.pk in ids(user, Mission)
        assert ids(user, ChecklistItem) == set(mission.checklist_items.values_list("pk", flat=True))
    # Before the debrief agencies' people see only the duties that name them; the outsider
    # nothing.
    for user in (world.hq_a, world.rep_a, world.aso_b, world.outsider):
        assert mission.pk not in ids(user, Mission)
        assert ids(user, ChecklistItem) == set(
            mission.checklist_items.filter(person__user=user).values_list("pk", flat=True)
        )
    assert ids(world.rep_a, ChecklistItem) and not ids(world.outsider, ChecklistItem)


def test_each_agency_sees_its_own_findings_and_only_the_summary_of_others(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(
            world, deficient_roles=("agency_security_officer", "designated_official")
        )
    b = mission.findings.get(role__code="agency_security_officer").pk
    a = mission.findings.get(role__code="designated_official").pk
    assert ids(world.inspector, Finding) == ids(world.do, Finding) == {a, b}
    assert ids(world.fsco, Finding) == ids(world.smt_a, Finding) == {a, b}
    assert ids(world.hq_a, Finding) == ids(world.rep_a, Finding) == {a}
    assert ids(world.hq_b, Finding) == ids(world.aso_b, Finding) == {b}
    assert ids(world.outsider, Finding) == ids(world.staff_a, Finding) == set()
    # Both agencies see the mission, the station's summary...
    for user in (world.hq_a, world.hq_b, world.rep_a, world.aso_b):
        assert mission.pk in ids(user, Mission)
    assert mission.pk not in ids(world.outsider, Mission)
    # ...and checklist items of their own agency only.
    items_b = set(
        ChecklistItem.objects.filter(mission=mission, organization=world.agency_b).values_list(
            "pk", flat=True
        )
    )
    assert ids(world.hq_b, ChecklistItem) == items_b
    # The reports: the full one for the station, each agency its copy.
    full = MissionReport.objects.get(mission=mission, organization=None).pk
    copy_a = MissionReport.objects.get(mission=mission, organization=world.agency_a).pk
    copy_b = MissionReport.objects.get(mission=mission, organization=world.agency_b).pk
    assert ids(world.do, MissionReport) == {full, copy_a, copy_b}
    assert ids(world.hq_a, MissionReport) == {copy_a}
    assert ids(world.aso_b, MissionReport) == {copy_b}
    assert ids(world.outsider, MissionReport) == set()


def test_who_may_report_a_rectification(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(world, deficient_roles=("agency_security_officer", "warden"))
    b = mission.findings.get(role__code="agency_security_officer").pk
    a = mission.findings.get(role__code="warden").pk

    def rectifiable(user):
        return set(
            Finding.objects.filter(inspection_rules.findings_rectifiable_q(user)).values_list(
                "pk", flat=True
            )
        )

    assert rectifiable(world.do) == rectifiable(world.fsco) == {a, b}
    assert rectifiable(world.warden) == {a}  # the accountable person
    assert rectifiable(world.rep_a) == rectifiable(world.hq_a) == {a}
    assert rectifiable(world.aso_b) == rectifiable(world.hq_b) == {b}
    for user in (world.smt_a, world.outsider, world.staff_a, world.inspector):
        assert rectifiable(user) == set()


def test_only_the_team_changes_a_mission(world):
    mission = planned_mission(world)
    assert scoping.can_change(world.inspector, mission)
    for user in (world.inspector2, world.do, world.hq_a, world.outsider):
        assert not scoping.can_change(user, mission)
    assert inspection_rules.may_plan_inspections(world.inspector2)
    assert not inspection_rules.may_plan_inspections(world.do)
