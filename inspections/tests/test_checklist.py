"""Checklist generation (¶39): the right duties for the actors present, and versions that
keep past inspections as they were."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actors.models import Person, Responsibility
from actors.tests.factories import CountryFactory, DutyStationFactory, PersonFactory, appoint
from appointments.models import AppointmentStatus
from inspections.models import ChecklistTemplate, Mission
from inspections.services.checklist import actors_present, current_template, sampled_personnel
from inspections.services.missions import mission_announce

from .factories import announced_mission, planned_mission, station_world

pytestmark = pytest.mark.django_db


def duties(paragraph: int) -> int:
    return Responsibility.objects.filter(source="report", paragraph=paragraph).count()


def annex_duties(role: str, *paragraphs: int) -> int:
    return Responsibility.objects.filter(
        source="annex", role__code=role, paragraph__in=paragraphs
    ).count()


def counts(mission: Mission) -> dict[tuple[str, str], int]:
    result: dict[tuple[str, str], int] = {}
    rows = mission.checklist_items.values_list("role__code", "person__user__username", "person_id")
    for role, username, person in rows:
        key = (role, username or person)
        result[key] = result.get(key, 0) + 1
    return result


def test_each_actor_present_gets_the_duties_of_its_role_with_paragraphs():
    world = station_world()
    mission = announced_mission(world, sample=2)
    found = counts(mission)
    assert found[("designated_official", "do")] == duties(8) == 16
    assert found[("fsco", "fsco")] == duties(10) == 17
    # The FSCA assists the FSCO and the DO (¶11(a)–(e)).
    assert found[("fsca", "fsca")] == duties(11) == 5
    assert found[("agency_security_officer", "aso.b")] == duties(13) == 8
    assert found[("country_representative", "rep.a")] == duties(15) == 14
    # The focal point named by the representative (annex ¶24) administers the security
    # clearances of its office (annex ¶27); named for the country, it is at the station.
    assert (
        found[("country_focal_point", "cfp.a")] == annex_duties("country_focal_point", 24, 27) == 2
    )
    # The SMT answers collectively (¶16), its DO in the chair.
    assert found[("smt", "do")] == duties(16) == 8
    assert ("smt", "smt.a") not in found
    # The capital's area coordinators (¶17, ¶18) and the station's wardens (¶20).
    assert found[("area_coordinator", "asc")] == duties(18) == 6
    assert found[("warden", "warden")] == duties(20) == 7
    # Two sampled staff members, seven duties each (¶22).
    personnel = [key for key in found if key[0] == "personnel"]
    assert len(personnel) == 2 and all(found[key] == duties(22) for key in personnel)
    assert ("designated_official", "outsider") not in found
    item = mission.checklist_items.get(role__code="designated_official", reference="¶8(c)")
    assert item.person.user == world.do and item.organization == world.agency_a
    assert item.text_zh and item.text_en
    fsca = mission.checklist_items.get(role__code="fsca", reference="¶11(b)")
    assert fsca.person.user == world.fsca and fsca.organization == world.unsecoord
    assert "工作人员名单" in fsca.text_zh
    focal = mission.checklist_items.filter(role__code="country_focal_point").order_by("position")
    assert [row.reference for row in focal] == ["annex ¶24", "annex ¶27"]
    assert focal[1].organization == world.agency_a and "安全保密检查" in focal[1].text_zh
    # Each actor's section in checklist order: the FSCA after the FSCO, the focal point
    # after the representatives.
    sections = []
    for code in mission.checklist_items.order_by("position").values_list("role__code", flat=True):
        if not sections or sections[-1] != code:
            sections.append(code)
    assert sections[:6] == [
        "designated_official",
        "fsco",
        "fsca",
        "agency_security_officer",
        "country_representative",
        "country_focal_point",
    ]
    assert list(mission.checklist_items.values_list("position", flat=True)) == list(
        range(1, mission.checklist_items.count() + 1)
    )


def test_only_appointments_covering_the_mission_dates_count():
    world = station_world()
    start = timezone.localdate() + dt.timedelta(days=30)
    ended = PersonFactory(organization=world.agency_b, duty_station=world.station)
    appoint(
        ended,
        "agency_security_officer",
        world.station,
        start=timezone.localdate() - dt.timedelta(days=90),
        end=timezone.localdate(),
    )
    later = PersonFactory(organization=world.agency_b, duty_station=world.station)
    appoint(later, "agency_security_officer", world.station, start=start + dt.timedelta(days=30))
    arriving = PersonFactory(organization=world.agency_b, duty_station=world.station)
    appoint(arriving, "agency_security_officer", world.station, start=start + dt.timedelta(days=2))
    elsewhere = DutyStationFactory(country=CountryFactory())
    away = PersonFactory(organization=world.agency_b, duty_station=elsewhere)
    appoint(away, "agency_security_officer", elsewhere)
    mission = planned_mission(world, starts_on=start)
    officers = actors_present(mission)["agency_security_officer"]
    assert arriving in officers and world.person(world.aso_b) in officers
    assert ended not in officers and later not in officers and away not in officers
    assert arriving.appointments.get().status == AppointmentStatus.PENDING


def test_the_personnel_sample_is_reproducible_and_sized():
    world = station_world(staff=8)
    mission = planned_mission(world, sample=3)
    first = sampled_personnel(mission)
    assert len(first) == 3 and first == sampled_personnel(mission)
    assert all(p.duty_station_id == world.station.pk for p in first)
    # Inspectors based at the station are not sampled by their own mission.
    inspector = world.person(world.inspector)
    inspector.duty_station = world.station
    inspector.save()
    big = planned_mission(world, sample=50)
    assert inspector not in sampled_personnel(big)
    Person.objects.filter(pk=first[0].pk).update(is_active=False)
    assert first[0] not in sampled_personnel(mission)


def test_a_change_to_the_catalogue_makes_a_new_version_and_leaves_past_missions_alone():
    world = station_world()
    first = announced_mission(world)
    assert first.template.version == 1
    assert current_template() == first.template  # unchanged catalogue: same version
    duty = Responsibility.objects.get(source="report", paragraph=8, letter="c")
    old_text = first.checklist_items.get(
        role__code="designated_official", reference="¶8(c)"
    ).text_en
    duty.text_en = "A reworded duty."
    duty.save()
    second = announced_mission(world)
    assert second.template.version == 2
    assert ChecklistTemplate.objects.count() == 2
    assert (
        second.checklist_items.get(role__code="designated_official", reference="¶8(c)").text_en
        == "A reworded duty."
    )
    assert (
        first.checklist_items.get(role__code="designated_official", reference="¶8(c)").text_en
        == old_text
    )
    assert (
        first.template.items.get(reference="¶8(c)", role__code="designated_official").text_en
        == old_text
    )


def test_a_station_with_no_one_to_check_cannot_be_announced():
    world = station_world()
    empty = DutyStationFactory(country=CountryFactory(), is_capital=True)
    from inspections.services.missions import mission_plan

    mission = mission_plan(
        user=world.inspector,
        duty_station=empty,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        lead_inspector=world.person(world.inspector),
        personnel_sample_size=0,
    )
    with pytest.raises(ValidationError) as error:
        mission_announce(user=world.inspector, mission=mission)
    assert "duty_station" in error.value.message_dict
