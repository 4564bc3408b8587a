"""Requirement derivation per rule kind, and status boundaries (¶25–¶33)."""

import datetime as dt

import pytest

from actors.models import SecurityPhase
from actors.tests.factories import (
    AreaFactory,
    DependantFactory,
    DutyStationFactory,
    PersonFactory,
    WardenZoneFactory,
    appoint,
)
from training.models import RequirementStatus as S
from training.models import TrainingRequirement
from training.requirements import requirements_of, with_status
from training.tests.factories import RecordFactory, agency_course, course, rule

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def codes(person):
    return sorted(
        (
            (r.rule.code, r.dependant_id)
            for r in TrainingRequirement.objects.filter(person=person).select_related("rule")
        ),
        key=lambda c: (c[0], c[1] or 0),
    )


def status_of(person, rule_code, today=TODAY, dependant=None):
    row = with_status(
        TrainingRequirement.objects.filter(
            person=person, rule__code=rule_code, dependant=dependant
        ),
        today,
    ).get()
    return row.status


def test_every_active_person_owes_the_all_personnel_and_arrival_rules():
    person = PersonFactory(arrived_on=TODAY)
    assert codes(person) == [
        ("all-security-awareness", None),
        ("all-stress-management", None),
        ("arrival-briefing", None),
    ]
    row = TrainingRequirement.objects.get(person=person, rule__code="arrival-briefing")
    assert row.anchor_on == TODAY and row.due_on == TODAY + dt.timedelta(days=7)
    assert row.organization_id == person.organization_id
    assert row.duty_station_id == person.duty_station_id


def test_inactive_people_owe_nothing():
    person = PersonFactory(is_active=False)
    assert codes(person) == []


def test_dependants_at_the_station_owe_security_awareness_only():
    person = PersonFactory()
    child = DependantFactory(person=person)
    DependantFactory(person=person, lives_at_duty_station=False)
    assert ("all-security-awareness", child.pk) in codes(person)
    assert len([c for c in codes(person) if c[1] is not None]) == 1


def test_roles_add_their_rules_from_the_appointment_start():
    station = DutyStationFactory(is_capital=True)
    person = PersonFactory(duty_station=station)
    appoint(person, "smt", station, start=TODAY)
    assert ("smt-security-management", None) in codes(person)
    row = TrainingRequirement.objects.get(person=person, rule__code="smt-security-management")
    assert row.role.code == "smt"
    assert row.due_on == TODAY + dt.timedelta(days=90)


def test_fsco_induction_is_due_before_taking_up_the_post():
    station = DutyStationFactory(is_capital=True)
    person = PersonFactory(duty_station=station)
    appoint(person, "fsco", station, start=TODAY + dt.timedelta(days=20))
    row = TrainingRequirement.objects.get(person=person, rule__code="fsco-induction")
    assert row.due_on == TODAY + dt.timedelta(days=20)


def test_wardens_and_coordinators_owe_the_fsco_training():
    station = DutyStationFactory(is_capital=True)
    warden = PersonFactory(duty_station=station)
    appoint(warden, "warden", WardenZoneFactory(duty_station=station))
    area = AreaFactory(country=station.country)
    asc = PersonFactory(duty_station=DutyStationFactory(country=station.country, area=area))
    appoint(asc, "area_coordinator", area)
    assert ("warden-training", None) in codes(warden)
    assert ("asc-training", None) in codes(asc)


def test_ending_the_appointment_ends_the_requirement():
    station = DutyStationFactory(is_capital=True)
    person = PersonFactory(duty_station=station)
    appointment = appoint(person, "smt", station, start=TODAY)
    appointment.status = "ended"
    appointment.save()
    assert ("smt-security-management", None) not in codes(person)


def test_phase_one_and_above_require_the_advanced_course_from_the_phase_start():
    calm = DutyStationFactory(security_phase=SecurityPhase.NONE)
    tense = DutyStationFactory(
        security_phase=SecurityPhase.II, security_phase_since=TODAY + dt.timedelta(days=3)
    )
    a = PersonFactory(duty_station=calm, arrived_on=TODAY)
    b = PersonFactory(duty_station=tense, arrived_on=TODAY)
    assert ("phase-advanced", None) not in codes(a)
    row = TrainingRequirement.objects.get(person=b, rule__code="phase-advanced")
    assert row.anchor_on == TODAY + dt.timedelta(days=3)  # the later of arrival and phase


def test_a_briefing_before_arrival_does_not_count_at_the_new_station():
    person = PersonFactory(arrived_on=TODAY)
    RecordFactory(person=person, course=course("BRIEF"), completed_on=TODAY - dt.timedelta(days=1))
    assert status_of(person, "arrival-briefing") == S.DUE_SOON
    RecordFactory(person=person, course=course("BRIEF"), completed_on=TODAY)
    assert status_of(person, "arrival-briefing") == S.COMPLIANT


def test_an_agency_course_counts_only_once_endorsed():
    person = PersonFactory(arrived_on=TODAY - dt.timedelta(days=60))
    own = agency_course(person.organization, kind="security_awareness")
    RecordFactory(person=person, course=own, completed_on=TODAY - dt.timedelta(days=5))
    assert status_of(person, "all-security-awareness") == S.OVERDUE
    own.endorsed_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    own.save()
    assert status_of(person, "all-security-awareness") == S.COMPLIANT


def test_unverified_completions_do_not_count():
    person = PersonFactory(arrived_on=TODAY - dt.timedelta(days=60))
    RecordFactory(person=person, status="pending", completed_on=TODAY - dt.timedelta(days=1))
    assert status_of(person, "all-security-awareness") == S.OVERDUE


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 7, 14), S.DUE_SOON),  # the day before the last valid day
        (dt.date(2026, 7, 15), S.DUE_SOON),  # the last valid day
        (dt.date(2026, 7, 16), S.EXPIRED),  # the day after
        (dt.date(2026, 6, 15), S.DUE_SOON),  # exactly the window (30 days) ahead
        (dt.date(2026, 6, 14), S.COMPLIANT),  # 31 days ahead: outside the window
    ],
)
def test_expiry_boundaries(today, expected):
    person = PersonFactory(arrived_on=dt.date(2023, 1, 1))
    # BSITF is valid 36 months: completed 2023-07-16, it counts up to 2026-07-15.
    record = RecordFactory(person=person, completed_on=dt.date(2023, 7, 16))
    assert record.valid_until == dt.date(2026, 7, 15)
    assert status_of(person, "all-security-awareness", today=today) == expected


@pytest.mark.parametrize(
    ("today", "expected", "late"),
    [
        (dt.date(2026, 6, 15), S.DUE_SOON, 0),  # the due date itself
        (dt.date(2026, 6, 16), S.OVERDUE, 1),  # the day after
        (dt.date(2026, 5, 15), S.NOT_DUE, 0),  # 31 days ahead
        (dt.date(2026, 5, 16), S.DUE_SOON, 0),  # 30 days ahead
    ],
)
def test_due_date_boundaries(today, expected, late):
    person = PersonFactory(arrived_on=dt.date(2026, 5, 16))  # due 30 days on: 2026-06-15
    row = with_status(
        TrainingRequirement.objects.filter(person=person, rule__code="all-security-awareness"),
        today,
    ).get()
    assert (row.due_on, row.status, row.days_late) == (dt.date(2026, 6, 15), expected, late)


def test_a_never_expiring_completion_is_compliant_for_good():
    station = DutyStationFactory(is_capital=True)
    person = PersonFactory(duty_station=station)
    appoint(person, "fsco", station, start=TODAY)
    RecordFactory(person=person, course=course("FSCO-IND"), completed_on=dt.date(2020, 1, 1))
    assert status_of(person, "fsco-induction", today=dt.date(2040, 1, 1)) == S.COMPLIANT


def test_the_best_completion_wins():
    person = PersonFactory(arrived_on=dt.date(2020, 1, 1))
    RecordFactory(person=person, completed_on=dt.date(2020, 2, 1))
    newer = RecordFactory(person=person, completed_on=dt.date(2025, 2, 1))
    row = TrainingRequirement.objects.get(person=person, rule__code="all-security-awareness")
    assert row.record_id == newer.pk


def test_moving_station_resets_arrival_and_the_briefing_falls_due_again():
    from actors.services.people import person_update
    from actors.tests.factories import superuser

    person = PersonFactory(arrived_on=dt.date(2025, 1, 1))
    RecordFactory(person=person, course=course("BRIEF"), completed_on=dt.date(2025, 1, 2))
    assert status_of(person, "arrival-briefing", today=dt.date(2025, 3, 1)) == S.COMPLIANT
    person_update(actor=superuser(), person=person, duty_station=DutyStationFactory())
    person.refresh_from_db()
    today = person.arrived_on
    assert status_of(person, "arrival-briefing", today=today) == S.DUE_SOON


def test_requirements_of_one_person_in_one_query(django_assert_num_queries):
    person = PersonFactory()
    RecordFactory(person=person)
    with django_assert_num_queries(1):
        rows = list(requirements_of(person, today=TODAY))
    assert {r.rule.code for r in rows} >= {"all-security-awareness", "arrival-briefing"}
    assert rule("all-security-awareness").paragraph == "¶25, ¶32"
