"""Test data for the inspection cycle: a duty station with every actor of the checklist, and
missions at each stage of ¶39–¶40, built through the services so rights and rows are real."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from actors import models as m
from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WardenZoneFactory,
    appoint,
    superuser,
    user_with_role,
)
from inspections.models import ItemResult, Mission


@dataclasses.dataclass
class Station:
    """A capital duty station with two agencies and every role the checklist covers."""

    station: m.DutyStation
    country: m.Country
    unsecoord: m.Organization
    agency_a: m.Organization
    agency_b: m.Organization
    inspector: m.User  # lead inspector
    inspector2: m.User  # another inspector, not on the team
    do: m.User
    fsco: m.User
    fsca: m.User  # field security coordination assistant (¶11), locally recruited
    smt_a: m.User  # SMT member of agency A
    rep_a: m.User  # country representative, agency A
    cfp_a: m.User  # country security focal point named by agency A's representative (annex ¶24)
    aso_b: m.User  # agency security officer, agency B
    hq_a: m.User  # HQ focal point, agency A
    hq_b: m.User  # HQ focal point, agency B
    asc: m.User  # area coordinator (an area of the country: the capital's DO looks after it)
    warden: m.User
    staff_a: m.User  # a staff member of agency A, no role
    outsider: m.User  # a DO of another country, must see nothing

    def person(self, user) -> m.Person:
        return m.Person.objects.get(user=user)


def _unsecoord() -> m.Organization:
    existing = m.Organization.objects.filter(kind=m.OrganizationKind.UNSECOORD).first()
    if existing:
        return existing
    superuser()
    return m.Organization.objects.get(kind=m.OrganizationKind.UNSECOORD)


def station_world(*, staff: int = 3) -> Station:
    unsecoord = _unsecoord()
    country = CountryFactory()
    station = DutyStationFactory(country=country, is_capital=True, name="Capital")
    area = AreaFactory(country=country)
    DutyStationFactory(country=country, area=area)
    zone = WardenZoneFactory(duty_station=station)
    agency_a = OrganizationFactory(code="agencya", name="Agency A")
    agency_b = OrganizationFactory(code="agencyb", name="Agency B")

    inspector = user_with_role(
        "unsecoord_inspector", unsecoord, organization=unsecoord, username="inspector"
    )
    inspector2 = user_with_role(
        "unsecoord_inspector", unsecoord, organization=unsecoord, username="inspector2"
    )
    do = user_with_role(
        "designated_official", country, organization=agency_a, username="do", duty_station=station
    )
    fsco = user_with_role("fsco", station, organization=unsecoord, username="fsco")
    fsca = user_with_role("fsca", station, organization=unsecoord, username="fsca")
    smt_a = user_with_role("smt", station, organization=agency_a, username="smt.a")
    rep_a = user_with_role(
        "country_representative", station, organization=agency_a, username="rep.a"
    )
    aso_b = user_with_role(
        "agency_security_officer", station, organization=agency_b, username="aso.b"
    )
    cfp_a = user_with_role(
        "country_focal_point",
        country,
        organization=agency_a,
        username="cfp.a",
        duty_station=station,
    )
    hq_a = user_with_role("hq_focal_point", agency_a, organization=agency_a, username="hq.a")
    hq_b = user_with_role("hq_focal_point", agency_b, organization=agency_b, username="hq.b")
    asc = user_with_role("area_coordinator", area, organization=agency_b, username="asc")
    warden = user_with_role(
        "warden", zone, organization=agency_a, username="warden", duty_station=station
    )
    staff_a = UserFactory(organization=agency_a, username="staff.a")
    PersonFactory(organization=agency_a, duty_station=station, user=staff_a)
    for index in range(staff):
        PersonFactory(organization=agency_b if index % 2 else agency_a, duty_station=station)
    outsider = user_with_role(
        "designated_official", CountryFactory(), organization=agency_a, username="outsider"
    )
    return Station(
        station=station,
        country=country,
        unsecoord=unsecoord,
        agency_a=agency_a,
        agency_b=agency_b,
        inspector=inspector,
        inspector2=inspector2,
        do=do,
        fsco=fsco,
        fsca=fsca,
        smt_a=smt_a,
        rep_a=rep_a,
        cfp_a=cfp_a,
        aso_b=aso_b,
        hq_a=hq_a,
        hq_b=hq_b,
        asc=asc,
        warden=warden,
        staff_a=staff_a,
        outsider=outsider,
    )


def planned_mission(
    world: Station, *, starts_on: dt.date | None = None, days: int = 5, sample: int = 2
) -> Mission:
    from inspections.services.missions import mission_plan

    start = starts_on or timezone.localdate()
    return mission_plan(
        user=world.inspector,
        duty_station=world.station,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        lead_inspector=world.person(world.inspector),
        objectives="Annual compliance mission",
        personnel_sample_size=sample,
    )


def announced_mission(world: Station, **kwargs) -> Mission:
    from inspections.services.missions import mission_announce

    return mission_announce(user=world.inspector, mission=planned_mission(world, **kwargs))


def record_all(world: Station, mission: Mission, *, deficient: dict | None = None) -> None:
    """Record every item compliant, except ``deficient``: {item pk: result}; each finding
    gets a recommendation."""
    from inspections.services.findings import finding_update
    from inspections.services.recording import checklist_item_record

    deficient = deficient or {}
    for item in mission.checklist_items.order_by("position"):
        checklist_item_record(
            user=world.inspector, item=item, result=deficient.get(item.pk, ItemResult.COMPLIANT)
        )
    for finding in mission.findings.all():
        finding_update(user=world.inspector, finding=finding, recommendation="Put it right.")


def debriefed_mission(
    world: Station, *, deficient_roles=("designated_official", "warden"), **kwargs
) -> Mission:
    """A debriefed mission with one non-compliant item for each role in ``deficient_roles``."""
    from inspections.services.missions import mission_debrief

    mission = announced_mission(world, **kwargs)
    deficient = {}
    for code in deficient_roles:
        item = mission.checklist_items.filter(role__code=code).order_by("position").first()
        deficient[item.pk] = ItemResult.NON_COMPLIANT
    record_all(world, mission, deficient=deficient)
    return mission_debrief(user=world.inspector, mission=mission, summary="Debriefed.")


def follow_up_done(user, visit, *, results=None, default="not_rectified"):
    """Check every unresolved finding of the visit's mission (``results``: role code ->
    result, else ``default``) and complete the visit; not rectified ones are escalated."""
    from inspections.models.findings import UNRESOLVED
    from inspections.services.followups import follow_up_check_record, follow_up_complete

    results = results or {}
    findings = visit.mission.findings.filter(status__in=UNRESOLVED).select_related("role")
    for finding in findings.order_by("pk"):
        follow_up_check_record(
            user=user, visit=visit, finding=finding, result=results.get(finding.role.code, default)
        )
    return follow_up_complete(user=user, visit=visit)


__all__ = [
    "appoint",
    "debriefed_mission",
    "follow_up_done",
    "planned_mission",
    "record_all",
    "station_world",
]
