"""Tenant isolation over every URL the project serves.

A user of organization A — here A's HQ focal point, who may see and change everything of A —
sends organization B's ids in the path, the query string and the body of every URL pattern,
with every method. Objects of B answer 404 (never 403), lists, exports and searches show none
of B's rows, and nothing of B is written. The patterns are walked from the URL resolver, so a
new endpoint fails this test until it is classified below.
"""

import datetime as dt
import hashlib
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from actors import models as m
from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WardenZoneFactory,
    appoint,
    user_with_role,
)
from appointments.models import Appointment

MARKER = "zqxmarker"  # starts every name of B's rows; searched for, so pages may echo it
LEAK = re.compile(MARKER + r"(family|given|child|user|1|u?@)")  # B's values themselves


def leaks(response) -> bool:
    # Files (evidence, PDFs) stream: read them too, so that a leaked file fails as a leak.
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return bool(LEAK.search(content.decode(errors="replace").lower()))


# URL name -> the kind of object its path kwarg names.
TENANT_OBJECTS = {
    "personnel-detail": "person",
    "dependant-detail": "dependant",
    "appointment-detail": "appointment",
    "appointment-end": "appointment",
    "user-detail": "user",
    "actors:person-detail": "person",
    "actors:person-edit": "person",
    "actors:dependant-create": "person",
    "appointments:appointment-create": "person",
    "actors:dependant-detail": "dependant",
    "actors:dependant-edit": "dependant",
    "actors:dependant-delete": "dependant",
    "appointments:appointment-detail": "appointment",
    "appointments:appointment-end": "appointment",
    "actors:user-detail": "user",
    "actors:user-edit": "user",
}
TENANT_OBJECTS |= {
    "letter-pdf": "appointment",
    "notification-read": "notification",
    "core:notification-read": "notification",
    **{
        f"appointments:{action}": "appointment"
        for action in ("submit", "consult", "release", "decide", "revoke", "withdraw")
    },
    "meetings:detail": "meeting",
    "meetings:edit": "meeting",
    "meetings:action-item-add": "meeting",
    "smt-meeting-detail": "meeting",
    "smt-meeting-action-items": "meeting",
    "meetings:action-item-done": "action_item",
    "action-item-done": "action_item",
    "interim-designated-official-approve": "appointment",
    "interim-designated-official-reject": "appointment",
    "security-officer-clear": "appointment",
    "security-officer-refuse": "appointment",
    # UNSECOORD's decisions on the web (appointments.views.designations): 404 for anyone else.
    **{
        f"appointments:{action}": "appointment"
        for action in ("interim-approve", "interim-reject", "officer-clear", "officer-refuse")
    },
    **{
        f"appointment-{action}": "appointment"
        for action in (
            "submit",
            "consult",
            "release",
            "approve",
            "reject",
            "revoke",
            "withdraw",
            "letter",
            "available-actions",
        )
    },
}
# Public pages that name no object by id: a letter's verification code (random, 64 bits); a
# consulted SMT member's answer link, whose signed token is its own credential (any token not
# signed for an open consultation answers 404: appointments/tests/test_consultation_link.py).
PUBLIC = {"letter-verify", "appointments:consultation-answer"}
# Shared reference data: readable by every signed-in user, changeable by few.
REFERENCE_OBJECTS = {
    "organization-detail": "organization",
    "country-detail": "country",
    "duty-station-detail": "station",
    "duty-station-phase": "station",
    "duty-station-phases": "station",
    "area-detail": "area",
    "warden-zone-detail": "zone",
    "role-detail": "role",
    "responsibility-detail": "responsibility",
    "competency-detail": "competency",
    "actors:organization-detail": "organization",
    "actors:organization-edit": "organization",
    "actors:country-detail": "country",
    "actors:country-edit": "country",
    "actors:duty-station-detail": "station",
    "actors:duty-station-edit": "station",
    "actors:duty-station-phase": "station",
    "actors:area-detail": "area",
    "actors:area-edit": "area",
    "actors:warden-zone-detail": "zone",
    "actors:warden-zone-edit": "zone",
    "actors:role-detail": "role",
    # A station's SMT meetings: the list shows an outsider none, recording one is refused.
    "meetings:list": "station",
    "meetings:create": "station",
    # The country's DO recommends a DO ad interim; its representative names a focal point or
    # an SMT deputy: 404 for anyone else.
    "appointments:interim-recommend": "country",
    "appointments:focal-point-name": "station",
    "appointments:smt-deputy": "station",
}
# Each training and inspections module classifies its own URLs (<app>/tests/isolation_*.py).
from inspections.tests import isolation_api as inspection_api  # noqa: E402
from inspections.tests import isolation_web_findings, isolation_web_missions  # noqa: E402
from training.tests import isolation_api, isolation_certificates, isolation_web  # noqa: E402

for _module in (
    isolation_api,
    isolation_web,
    isolation_certificates,
    inspection_api,
    isolation_web_missions,
    isolation_web_findings,
):
    TENANT_OBJECTS |= _module.TENANT_OBJECTS
    REFERENCE_OBJECTS |= _module.REFERENCE_OBJECTS
    PUBLIC |= _module.PUBLIC

# Reference URLs that only read.
READ_ONLY_REFERENCE = re.compile(r"(-detail|-phases|meetings:list)$")
SKIPPED_PREFIXES = ("admin/",)  # Django admin: superusers only, tested by Django itself
METHODS = ("get", "post", "put", "patch", "delete")


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else ns or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), full_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, list(pattern.pattern.regex.groupindex)


def all_patterns():
    return [p for p in walk(get_resolver().url_patterns) if not p[0].startswith(SKIPPED_PREFIXES)]


@pytest.fixture
def world(db):
    a = OrganizationFactory(code="orga", name="Organization A")
    b = OrganizationFactory(code="orgb", name="Organization B")
    country = CountryFactory(name="Country B", iso_code="QB")
    station = DutyStationFactory(country=country, name="Station B", is_capital=True)
    area = AreaFactory(country=country, name="Area B")
    DutyStationFactory(country=country, name="Field B", area=area)
    zone = WardenZoneFactory(duty_station=station, name="Zone B")
    person = PersonFactory(
        organization=b,
        duty_station=station,
        residential_zone=zone,
        family_name=f"{MARKER}family",
        given_names=f"{MARKER}given",
        index_number=f"{MARKER}1",
        email=f"{MARKER}@b.example.org",
    )
    dependant = DependantFactory(person=person, given_names=f"{MARKER}child")
    b_user = UserFactory(organization=b, username=f"{MARKER}user", email=f"{MARKER}u@b.example.org")
    person.user = b_user
    person.save()
    appointment = appoint(person, "country_representative", station)
    m.StaffListConfirmation.objects.create(
        organization=b,
        duty_station=station,
        confirmed_by=b_user,
        confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        people_count=1,
        dependants_count=1,
    )
    from accountability.core.notifications import notify
    from meetings.models import ActionItem, SmtMeeting

    meeting = SmtMeeting.objects.create(
        organization=b,
        duty_station=station,
        held_on=dt.date(2026, 1, 5),
        agenda=f"{MARKER}user agenda",
        recorded_by=b_user,
    )
    item = ActionItem.objects.create(
        meeting=meeting,
        description=f"{MARKER}user action",
        owner=person,
        due_on=dt.date(2026, 2, 1),
    )

    notice = notify(user=b_user, key="isolation", subject=f"{MARKER}user notice", body=".")
    training_ids = training_world(b, station, person, dependant, b_user)
    inspection_ids = inspection_world(b, station, person, b_user)
    alice = user_with_role("hq_focal_point", a, organization=a, username="alice")
    PersonFactory(organization=a, duty_station=station, family_name="Visible")
    # A second attacker with wide station rights: the DO of another country, of organization A.
    diane = user_with_role(
        "designated_official", CountryFactory(), organization=a, username="diane"
    )
    role = m.Role.objects.get(code="warden")
    return {
        "alice": alice,
        "diane": diane,
        "a": a,
        "b": b,
        "ids": {
            "person": person.pk,
            "dependant": dependant.pk,
            "appointment": appointment.pk,
            "user": b_user.pk,
            "organization": b.pk,
            "country": country.pk,
            "station": station.pk,
            "area": area.pk,
            "zone": zone.pk,
            "role": role.pk,
            "responsibility": getattr(m.Responsibility.objects.first(), "pk", 1),
            "competency": getattr(m.Competency.objects.first(), "pk", 1),
            "notification": notice.pk,
            "meeting": meeting.pk,
            "action_item": item.pk,
            **training_ids,
            **inspection_ids,
        },
    }


def training_world(b, station, person, dependant, b_user) -> dict:
    """B's training rows: a course of its own, a completion with its certificate, a test
    attempt, a session with a participant, an arrival briefing with an attendee."""
    from training import models as t
    from training.tests.factories import CourseFactory, add_question

    course = CourseFactory(provider=b, title="B's own course", kind="security_awareness")
    question = add_question(course, f"{MARKER}user question")
    record = t.TrainingRecord.objects.create(
        organization=b,
        person=person,
        course=t.Course.objects.get(code="BSITF"),
        completed_on=dt.date(2026, 1, 10),
        valid_until=dt.date(2029, 1, 9),
        source="import",
        external_reference=f"{MARKER}1-lms",
    )
    pending = t.TrainingRecord.objects.create(
        organization=b,
        person=person,
        course=t.Course.objects.get(code="STRESS"),
        completed_on=dt.date(2026, 1, 11),
        source="upload",
        status="pending",
    )
    # Rendered, so that the crawl asks for a real stored PDF of B's.
    from django.core.files.base import ContentFile

    certificate = t.Certificate(record=record, sha256="0" * 64, issued_at=record.created_at)
    certificate.pdf.save("b.pdf", ContentFile(b"%PDF-1.4 " + MARKER.encode() + b"user"), save=False)
    certificate.save()
    attempt = t.TestAttempt.objects.create(
        organization=b, person=person, course=t.Course.objects.get(code="BSITF"), questions=[]
    )
    session = t.TrainingSession.objects.create(
        organization=b,
        course=t.Course.objects.get(code="WARDEN"),
        duty_station=station,
        trainer=person,
        held_on=dt.date(2026, 1, 12),
        place=f"{MARKER}user hall",
        created_by=b_user,
    )
    participant = t.SessionParticipant.objects.create(
        session=session, organization=b, person=person
    )
    briefing = t.Briefing.objects.create(
        organization=b,
        duty_station=station,
        course=t.Course.objects.get(code="BRIEF"),
        given_on=dt.date(2026, 1, 13),
        given_by=person,
        version="1",
        content=f"{MARKER}user briefing",
        created_by=b_user,
    )
    attendee = t.BriefingAttendee.objects.create(
        briefing=briefing, organization=b, person=person, dependant=dependant
    )
    return {
        "course": course.pk,
        "question": question.pk,
        "record": record.pk,
        "pending_record": pending.pk,
        "certificate": certificate.pk,
        "certificate_code": certificate.verification_code,
        "attempt": attempt.pk,
        "session": session.pk,
        "participant": participant.pk,
        "briefing": briefing.pk,
        "attendee": attendee.pk,
    }


def inspection_world(b, station, person, b_user) -> dict:
    """B's inspection rows at B's station (¶39–¶40), each in a state where a write would
    succeed if the rights let it through: a mission of UNSECOORD's, led by a UNSECOORD
    inspector, awaiting its follow-up visit; B's representative's checklist items; an open
    finding and one whose rectification (with a photograph) awaits verification; the visit
    with a check recorded; a non-compliance report naming B's finding; B's copy of the
    debrief report. The stored files are fake but carry the marker."""
    from django.core.files.base import ContentFile

    from accountability.core.demo.images import sample_png
    from inspections import models as ins
    from inspections.services.checklist import current_template

    unsecoord = m.Organization.objects.get(kind=m.OrganizationKind.UNSECOORD)
    inspector = user_with_role(
        "unsecoord_inspector", unsecoord, organization=unsecoord, username="inspector.iso"
    )
    at = dt.datetime(2026, 1, 9, 16, tzinfo=dt.UTC)
    mission = ins.Mission.objects.create(
        organization=unsecoord,
        reference="INS-2026-9001",
        duty_station=station,
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 9),
        lead_inspector=inspector.person,
        status=ins.MissionStatus.FOLLOW_UP_SCHEDULED,
        objectives=f"{MARKER}user objectives",
        template=current_template(),
        announced_at=at - dt.timedelta(days=20),
        started_at=at - dt.timedelta(days=4),
        debriefed_at=at,
        debrief_summary=f"{MARKER}user summary",
        compliance_score=50,
        created_by=inspector,
    )
    ins.MissionMember.objects.create(mission=mission, person=inspector.person)
    duties = mission.template.items.filter(role__code="country_representative").order_by("position")
    findings = []
    for position, (duty, status) in enumerate(
        zip(duties[:2], (ins.FindingStatus.OPEN, ins.FindingStatus.REPORTED), strict=True),
        start=1,
    ):
        item = ins.ChecklistItem.objects.create(
            mission=mission,
            template_item=duty,
            person=person,
            role_id=duty.role_id,
            organization=b,
            reference=duty.reference,
            text_en=duty.text_en,
            text_zh=duty.text_zh,
            severity=duty.severity,
            position=position,
            result=ins.ItemResult.NON_COMPLIANT,
            notes=f"{MARKER}user notes {position}",
            recorded_by=inspector,
            recorded_at=at - dt.timedelta(days=1),
        )
        findings.append(
            ins.Finding.objects.create(
                organization=b,
                mission=mission,
                checklist_item=item,
                accountable_person=person,
                role_id=duty.role_id,
                severity=ins.Severity.HIGH,
                recommendation=f"{MARKER}user recommendation {position}",
                deadline=dt.date(2026, 2, 1),
                status=status,
            )
        )
    finding, reported = findings
    rectification = ins.Rectification.objects.create(
        organization=b,
        finding=reported,
        description=f"{MARKER}user rectification",
        reported_by=b_user,
        reported_at=at + dt.timedelta(days=10),
        status_before=ins.FindingStatus.OPEN,
    )
    png = sample_png(text=f"{MARKER}user photograph")
    evidence = ins.Evidence(
        organization=b,
        rectification=rectification,
        name=f"{MARKER}user.png",
        content_type="image/png",
        size=len(png),
        sha256=hashlib.sha256(png).hexdigest(),
        uploaded_by=b_user,
    )
    evidence.file.save("b.png", ContentFile(png), save=False)
    evidence.save()
    visit = ins.FollowUpVisit.objects.create(
        organization=unsecoord, mission=mission, scheduled_for=dt.date(2026, 2, 16)
    )
    ins.FollowUpCheck.objects.create(
        visit=visit,
        finding=finding,
        organization=b,
        result=ins.FollowUpResult.NOT_RECTIFIED,
        notes=f"{MARKER}user check",
        checked_by=inspector,
        checked_at=at + dt.timedelta(days=38),
    )
    fake_pdf = b"%PDF-1.4 " + MARKER.encode() + b"user"
    escalation = ins.Escalation(organization=unsecoord, mission=mission, duty_station=station)
    escalation.pdf.save("b-escalation.pdf", ContentFile(fake_pdf), save=False)
    escalation.sha256 = hashlib.sha256(fake_pdf).hexdigest()
    escalation.issued_at = at + dt.timedelta(days=38)
    escalation.save()
    ins.EscalationFinding.objects.create(escalation=escalation, finding=finding, organization=b)
    report = ins.MissionReport(mission=mission, organization=b)
    report.pdf.save("b-report.pdf", ContentFile(fake_pdf), save=False)
    report.sha256 = hashlib.sha256(fake_pdf).hexdigest()
    report.issued_at = at
    report.save()
    return {
        "mission": mission.pk,
        "checklist_item": finding.checklist_item_id,
        "finding": finding.pk,
        "rectification": rectification.pk,
        "follow_up_visit": visit.pk,
        "escalation": escalation.pk,
        "evidence": evidence.pk,
        "mission_report": report.pk,
    }


def b_footprint(world) -> dict:
    b = world["b"]
    return {
        "people": m.Person.objects.filter(organization=b).count(),
        "dependants": m.Dependant.objects.filter(organization=b).count(),
        "appointments": Appointment.objects.filter(organization=b).count(),
        "users": m.User.objects.filter(organization=b).count(),
        "person_row": list(m.Person.objects.filter(organization=b).values()),
        "dependant_row": list(m.Dependant.objects.filter(organization=b).values()),
        "appointment_row": list(Appointment.objects.filter(organization=b).values()),
        "zones": list(m.WardenZone.objects.values()),
        "stations": list(m.DutyStation.objects.values()),
        "areas": list(m.Area.objects.values()),
        "training": training_footprint(b),
        "inspections": inspection_footprint(b),
    }


def training_footprint(b) -> dict:
    from training import models as t

    return {
        name: list(model.objects.filter(**{field: b}).order_by("pk").values())
        for name, model, field in (
            ("courses", t.Course, "provider"),
            ("records", t.TrainingRecord, "organization"),
            ("certificates", t.Certificate, "record__organization"),
            ("attempts", t.TestAttempt, "organization"),
            ("sessions", t.TrainingSession, "organization"),
            ("participants", t.SessionParticipant, "organization"),
            ("briefings", t.Briefing, "organization"),
            ("attendees", t.BriefingAttendee, "organization"),
        )
    }


def inspection_footprint(b) -> dict:
    """B's inspection rows, and every mission at B's stations or with B's findings (a
    mission is UNSECOORD's row, so a new one planned at B's station shows here too)."""
    from django.db.models import Q

    from inspections import models as ins

    stations = m.Person.objects.filter(organization=b).values("duty_station")
    missions = ins.Mission.objects.filter(
        Q(duty_station__in=stations) | Q(findings__organization=b)
    ).values("pk")
    return {
        name: list(queryset.order_by("pk").values())
        for name, queryset in (
            ("missions", ins.Mission.objects.filter(pk__in=missions)),
            ("members", ins.MissionMember.objects.filter(mission__in=missions)),
            ("items", ins.ChecklistItem.objects.filter(organization=b)),
            ("findings", ins.Finding.objects.filter(organization=b)),
            ("rectifications", ins.Rectification.objects.filter(organization=b)),
            ("evidence", ins.Evidence.objects.filter(organization=b)),
            ("visits", ins.FollowUpVisit.objects.filter(mission__in=missions)),
            ("checks", ins.FollowUpCheck.objects.filter(organization=b)),
            ("escalations", ins.Escalation.objects.filter(mission__in=missions)),
            ("escalated", ins.EscalationFinding.objects.filter(organization=b)),
            ("reports", ins.MissionReport.objects.filter(mission__in=missions)),
        )
    }


def hostile_body(ids) -> dict:
    """B's ids in every field a create or change could take."""
    return {
        "organization": ids["organization"],
        "person": ids["person"],
        "duty_station": ids["station"],
        "residential_zone": ids["zone"],
        "country": ids["country"],
        "area": ids["area"],
        "zone": ids["zone"],
        "scope_kind": "duty_station",
        "scope_id": ids["station"],
        "scope": ids["station"],
        "role": "country_representative",
        "user": ids["user"],
        "family_name": "Intruder",
        "given_names": "Ina",
        "index_number": "INTRUDE-1",
        "category": "local",
        "contract_type": "fixed_term",
        "relationship": "child",
        "name": "Intruded",
        "username": "intruder",
        "password": "a-long-pass-phrase-9",
        "start_date": "2026-01-01",
        "reason": "intrusion",
        "phase": 3,
        "is_active": "false",
        # Training (training app).
        "dependant": ids["dependant"],
        "course": ids["course"],
        "record": ids["record"],
        "session": ids["session"],
        "briefing": ids["briefing"],
        "attendee": ids["attendee"],
        "trainer": ids["person"],
        "given_by": ids["person"],
        "people": [ids["person"]],
        "dependants": [ids["dependant"]],
        "completed_on": "2026-01-01",
        "held_on": "2026-01-01",
        "given_on": "2026-01-01",
        "place": "Intruded hall",
        "version": "9",
        "content": "Intruded",
        # Inspections (inspections app).
        "mission": ids["mission"],
        "finding": ids["finding"],
        "checklist_item": ids["checklist_item"],
        "item": ids["checklist_item"],
        "rectification": ids["rectification"],
        "visit": ids["follow_up_visit"],
        "escalation": ids["escalation"],
        "lead_inspector": ids["person"],
        "team": [ids["person"]],
        "starts_on": "2026-03-01",
        "ends_on": "2026-03-05",
        "objectives": "Intruded",
        "summary": "Intruded",
        "personnel_sample_size": 1,
        "result": "compliant",
        "notes": "Intruded",
        "severity": "low",
        "recommendation": "Intruded",
        "deadline": "2030-01-01",
        "description": "Intruded",
        "accepted": True,
        "note": "Intruded",
        "client_saved_at": "2026-01-01T00:00:00Z",
    }


def hostile_query(ids) -> dict:
    return {
        "organization": ids["organization"],
        "person": ids["person"],
        "duty_station": ids["station"],
        "country": ids["country"],
        "zone": ids["zone"],
        "residential_zone": ids["zone"],
        "area": ids["area"],
        "object_id": ids["person"],
        "course": ids["course"],
        "dependant": ids["dependant"],
        "session": ids["session"],
        "briefing": ids["briefing"],
        "mission": ids["mission"],
        "finding": ids["finding"],
        "checklist_item": ids["checklist_item"],
        "station": ids["station"],
        "agency": ids["organization"],
        "overdue": "true",
        "severity": "high",
        "result": "non_compliant",
        "search": MARKER,
        "q": MARKER,
    }


def clients_for(user, client):
    from rest_framework.test import APIClient

    client.force_login(user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return {"web": client, "api": api}


@pytest.fixture(params=["alice", "diane"])
def clients(request, world, client):
    """A's HQ focal point (everything of A) and a DO of another country (every agency there)."""
    return clients_for(world[request.param], client)


def send(clients, route, method, url, *, data=None):
    if route.startswith("api/"):
        return getattr(clients["api"], method)(url, data or {}, format="json")
    if method == "get":
        return clients["web"].get(url, data or {})
    return getattr(clients["web"], method)(url, data or {})


def test_every_url_pattern_is_classified():
    unclassified = [
        (route, name)
        for route, name, kwargs in all_patterns()
        if set(kwargs) - {"format"}
        and name not in TENANT_OBJECTS | REFERENCE_OBJECTS
        and name not in PUBLIC
    ]
    unnamed = [route for route, name, _ in all_patterns() if not name]
    assert not unclassified, f"classify these URLs in {__file__}: {unclassified}"
    assert not unnamed, f"name these URL patterns: {unnamed}"


def test_objects_of_another_organization_answer_404(world, clients):
    before = b_footprint(world)
    ids = world["ids"]
    failures = []
    for route, name, kwargs in all_patterns():
        object_kwargs = [k for k in kwargs if k != "format"]
        if not object_kwargs or name in PUBLIC:
            continue
        tenant = name in TENANT_OBJECTS
        key = TENANT_OBJECTS.get(name) or REFERENCE_OBJECTS[name]
        url_kwargs = {k: ids[key] for k in object_kwargs}
        if "format" in kwargs:
            url_kwargs["format"] = "json"
        url = reverse(name, kwargs=url_kwargs)
        for method in METHODS:
            response = send(clients, route, method, url, data=hostile_body(ids))
            status = response.status_code
            if tenant or not (method == "get" and READ_ONLY_REFERENCE.search(name)):
                if status not in (404, 405):
                    failures.append(f"{method.upper()} {url} -> {status} (want 404)")
            elif status != 200:
                failures.append(f"{method.upper()} {url} -> {status} (reference, want 200)")
            if leaks(response):
                failures.append(f"{method.upper()} {url} shows B's data")
    assert not failures, "\n".join(failures)
    assert b_footprint(world) == before


def test_lists_exports_and_searches_show_none_of_another_organizations_rows(world, clients):
    before = b_footprint(world)
    ids = world["ids"]
    failures = []
    for route, name, kwargs in all_patterns():
        if set(kwargs) - {"format"} or name in ("logout", "set_language"):
            continue
        url_kwargs = {"format": "json"} if "format" in kwargs else {}
        url = reverse(name, kwargs=url_kwargs)
        queries = [hostile_query(ids), {"format": "csv"} if route.startswith("api/v1") else {}]
        for query in queries:
            response = send(clients, route, "get", url, data=query)
            if response.status_code in (403,) or response.status_code >= 500:
                failures.append(f"GET {url} {query} -> {response.status_code}")
            if leaks(response):
                failures.append(f"GET {url} {query} shows B's data")
        response = send(clients, route, "post", url, data=hostile_body(ids))
        if response.status_code == 403 or response.status_code >= 500:
            failures.append(f"POST {url} -> {response.status_code}")
        if leaks(response):
            failures.append(f"POST {url} shows B's data")
    assert not failures, "\n".join(failures)
    assert b_footprint(world) == before, "a request wrote to organization B's rows"


def test_the_crawl_sees_a_visible_row_so_it_is_not_vacuous(world, client):
    """The same lists do show A's rows to A's user: the checks above test real pages."""
    clients = clients_for(world["alice"], client)
    api = clients["api"].get("/api/v1/personnel/").content.decode()
    web = clients["web"].get(reverse("actors:person-list")).content.decode()
    assert "Visible" in api and "Visible" in web
    # And the leak detector fires on B's rows when B's own user looks at them.
    b_user = m.User.objects.get(username=f"{MARKER}user")
    from django.test import Client

    own = Client()
    own.force_login(b_user)
    assert leaks(own.get(reverse("actors:person-list")))
