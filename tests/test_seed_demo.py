"""``manage.py seed_demo`` and ``manage.py demo_logins``: deterministic, complete, loginable."""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Q

from accountability.core import scoping
from actors import models as m
from actors.demo.seed import DEMO_LOGINS, DEMO_PASSWORD
from appointments.models import Appointment, AppointmentStatus
from meetings.models import ActionItem, SmtMeeting
from training import models as t
from training.requirements import requirements_for, with_status

SCALE = 0.002  # 2 countries, 4 duty stations, 8 organizations, ~210 personnel
# Training statuses depend on the day: the seed plans them for this one.
TODAY = dt.date(2026, 6, 16)


def _seed(**kwargs):
    call_command(
        "seed_demo",
        scale=SCALE,
        seed=kwargs.pop("seed", 1),
        today=TODAY,
        verbosity=0,
        **kwargs,
    )


def _snapshot():
    return {
        "people": list(
            m.Person.objects.order_by("organization__code", "index_number").values_list(
                "organization__code",
                "index_number",
                "family_name",
                "given_names",
                "duty_station__name",
                "grade",
                "residential_zone__name",
                "user__username",
                "arrived_on",
            )
        ),
        "training": list(
            t.TrainingRecord.objects.order_by(
                "person__organization__code",
                "person__index_number",
                "dependant__given_names",
                "course__code",
                "completed_on",
            ).values_list(
                "person__index_number",
                "dependant__given_names",
                "course__code",
                "completed_on",
                "valid_until",
                "source",
                "status",
                "score",
            )
        ),
        "dependants": list(
            m.Dependant.objects.order_by(
                "person__organization__code", "person__index_number", "given_names"
            ).values_list("person__index_number", "family_name", "given_names", "birth_date")
        ),
        "appointments": sorted(
            (a.person.index_number, a.role.code, str(a.scope))
            for a in Appointment.objects.select_related(
                "person",
                "role",
                "scope_organization",
                "scope_country",
                "scope_duty_station",
                "scope_area__country",
                "scope_zone__duty_station",
            )
        ),
        "stations": list(m.DutyStation.objects.order_by("name").values_list("name", "area__name")),
    }


class _Rollback(Exception):
    pass


def _seed_and_snapshot(seed: int):
    """Seed in a transaction of its own and roll it back: a fresh database each time."""
    try:
        with transaction.atomic():
            _seed(seed=seed)
            snapshot = _snapshot()
            raise _Rollback
    except _Rollback:
        pass
    assert not m.Person.objects.exists()
    return snapshot


@pytest.mark.django_db
def test_same_seed_same_data_other_seed_other_names():
    first = _seed_and_snapshot(1)
    second = _seed_and_snapshot(1)
    assert first == second
    assert len(first["people"]) >= 200 and first["dependants"] and first["appointments"]
    assert len(first["training"]) > len(first["people"])
    other = _seed_and_snapshot(2)
    assert [p[2:4] for p in other["people"]] != [p[2:4] for p in first["people"]]


@pytest.mark.django_db
def test_every_role_is_appointed_and_every_station_is_covered():
    _seed()
    active = Appointment.objects.filter(status=AppointmentStatus.ACTIVE)
    appointable = set(m.Role.objects.exclude(scope_kinds=[]).values_list("code", flat=True))
    assert set(active.values_list("role__code", flat=True)) == appointable
    # Appointments in every state (issue 3): ASCs and wardens through the whole workflow,
    # with records consistent with the state.
    workflow = Appointment.objects.filter(role__code__in=["area_coordinator", "warden"])
    for code in ("area_coordinator", "warden"):
        assert set(workflow.filter(role__code=code).values_list("status", flat=True)) == set(
            AppointmentStatus.values
        ), code
    for appointment in workflow.prefetch_related("consultations", "competency_statements"):
        answers = [c.answer for c in appointment.consultations.all()]
        assert appointment.competency_statements.all(), appointment
        if appointment.status == "draft":
            assert not answers and appointment.decided_at is None
            continue
        assert answers and appointment.consultation_ends_on, appointment
        if appointment.status == "consultation":
            assert appointment.decided_at is None
            continue
        assert "pending" not in answers and appointment.decided_at, appointment
        assert appointment.released_at, appointment
        if appointment.status == "rejected":
            assert "object" in answers and appointment.decision_reason
        if appointment.status in ("ended", "revoked"):
            assert appointment.ended_on and appointment.end_reason
    consulting = workflow.filter(status="consultation")
    assert consulting.filter(consultations__answer="pending").exists()
    assert consulting.filter(consultations__answer="support").exists()
    kenya_do = m.User.objects.get(username="do.kenya")
    assert workflow.filter(decided_by=kenya_do, status="pending").exists()
    # Awaiting UNSECOORD: a DO ad interim recommended by the DO (¶8(b)) and an agency
    # security officer proposed by an HQ focal point (annex ¶12).
    interim = Appointment.objects.get(is_ad_interim=True)
    assert interim.status == "draft" and interim.nominated_by == kenya_do
    assert interim.role.code == "designated_official"
    assert Appointment.objects.filter(
        role__code="agency_security_officer", status="draft", nominated_by__username="hq.unhcr"
    ).exists()
    # SMT meetings (¶16(b)) with attendees and action items, some done, some open.
    meetings = SmtMeeting.objects.all()
    assert meetings.count() >= 3
    assert all(meeting.attendees.exists() for meeting in meetings)
    items = ActionItem.objects.all()
    assert items.filter(done_on__isnull=True).exists() and items.filter(done_on__isnull=False)

    def covering(station, role_code):
        return active.filter(
            Q(scope_country_id=station.country_id) | Q(scope_duty_station=station),
            role__code=role_code,
        )

    stations = list(m.DutyStation.objects.all())
    assert len(stations) == 4 and sum(s.is_capital for s in stations) == 2
    for station in stations:
        # One Designated Official per country covers every station in it (¶8).
        assert covering(station, "designated_official").count() == 1, station
        for role_code in ("fsco", "fsca"):
            assert covering(station, role_code).exists(), (station, role_code)
        assert active.filter(role__code="smt", scope_duty_station=station).exists(), station
        if station.is_capital:
            assert station.area_id is None
            assert covering(station, "country_representative").count() >= 4
        else:
            assert station.area_id is not None
    for area in m.Area.objects.all():
        assert active.filter(role__code="area_coordinator", scope_area=area).exists(), area
    zones = m.WardenZone.objects.all()
    assert zones.exists()
    for zone in zones:
        # A warden and an alternate (¶19).
        wardens = active.filter(role__code="warden", scope_zone=zone)
        assert sorted(wardens.values_list("is_alternate", flat=True)) == [False, True], zone
    for org in m.Organization.objects.exclude(kind=m.OrganizationKind.UNSECOORD):
        assert active.filter(role__code="hq_focal_point", scope_organization=org).exists(), org
    # Appointees hold roles over scopes that contain their duty station (validate_scope).
    for appointment in active.filter(scope_kind="country").select_related("person__duty_station"):
        assert appointment.person.duty_station.country_id == appointment.scope_country_id
    assert m.Organization.objects.filter(
        kind__in=["partner_igo", "partner_ngo"], mou_signed_on__isnull=False
    ).exists()


@pytest.mark.django_db
def test_once_is_idempotent_and_a_second_plain_run_refuses():
    _seed(once=True)
    counts = (m.Person.objects.count(), m.Dependant.objects.count(), Appointment.objects.count())
    _seed(once=True)
    assert counts == (
        m.Person.objects.count(),
        m.Dependant.objects.count(),
        Appointment.objects.count(),
    )
    with pytest.raises(CommandError):
        _seed()


@pytest.mark.django_db
def test_demo_logins_sign_in_and_see_their_scope(client):
    _seed()
    users = {u.username: u for u in m.User.objects.select_related("person")}
    assert set(users) == {login.username for login in DEMO_LOGINS}
    for login in DEMO_LOGINS:
        assert client.login(username=login.username, password=DEMO_PASSWORD), login.username
        assert users[login.username].person is not None
        client.logout()

    def visible(username):
        return scoping.visible_to(users[username], m.Person)

    people = m.Person.objects.all()
    kenya = people.filter(duty_station__country__iso_code="KE")
    unicef = people.filter(organization__code="unicef")
    assert set(visible("do.kenya")) == set(kenya)
    assert set(visible("fsco.kenya")) == set(kenya)
    assert set(visible("hq.unicef")) == set(unicef)
    assert set(visible("rep.unicef.kenya")) == set(
        unicef.filter(duty_station__country__iso_code="KE")
    )
    assert visible("inspector").count() == people.count()
    assert visible("admin").count() == people.count()
    staff = users["staff.nairobi"].person
    assert list(visible("staff.nairobi")) == [staff]
    assert staff in visible("warden.nairobi")
    assert set(visible("warden.nairobi")) == set(
        people.filter(residential_zone=staff.residential_zone)
    )
    coast = people.filter(duty_station__area__name="Coast")
    assert set(visible("asc.coast")) >= set(coast) and coast.exists()
    assert scoping.visible_to(users["staff.nairobi"], m.Dependant).count() == 2

    client.force_login(users["do.kenya"])
    response = client.get("/api/v1/personnel/", {"page_size": 10})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 10
    assert set(r["id"] for r in rows) <= set(kenya.values_list("id", flat=True))


@pytest.mark.django_db
def test_demo_logins_prints_url_password_and_roles():
    _seed()
    out = io.StringIO()
    call_command("demo_logins", port=8123, stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert DEMO_PASSWORD in text
    for login in DEMO_LOGINS:
        assert login.username in text
    assert "Designated Official – Kenya" in text


def _starts_with_pdf(field_file) -> bool:
    with field_file.open("rb") as stored:
        return stored.read(5) == b"%PDF-"


def _statuses_by_rule_kind() -> dict[str, set[str]]:
    found = defaultdict(set)
    rows = with_status(t.TrainingRequirement.objects.all(), TODAY).values_list(
        "rule_kind", "status"
    )
    for rule_kind, status in rows.distinct():
        found[rule_kind].add(status)
    return found


@pytest.mark.django_db
def test_training_holds_every_status_of_every_rule_kind():
    """The issue's "people in every status", for each kind of rule: lapsed needs a course
    with an expiry, which the arrival briefing has not (it is valid for the stay)."""
    _seed()
    found = _statuses_by_rule_kind()
    counting = t.Course.objects.filter(
        Q(provider__kind=m.OrganizationKind.UNSECOORD) | Q(endorsed_at__isnull=False)
    )
    for rule_kind in t.RuleKind.values:
        kinds = t.TrainingRule.objects.filter(applies_to=rule_kind).values("course_kind")
        expected = set(t.RequirementStatus.values)
        if not counting.filter(kind__in=kinds, validity_months__isnull=False).exists():
            expected.discard(t.RequirementStatus.EXPIRED)
        assert found[rule_kind] == expected, rule_kind
    assert found[t.RuleKind.ARRIVAL] == set(t.RequirementStatus.values) - {"expired"}
    # Mostly compliant, as a real data set would be.
    counts = defaultdict(int)
    for status in with_status(t.TrainingRequirement.objects.all(), TODAY).values_list(
        "status", flat=True
    ):
        counts[status] += 1
    assert counts["compliant"] > sum(counts.values()) / 2


@pytest.mark.django_db
def test_training_records_courses_sessions_and_briefings():
    _seed()
    records = t.TrainingRecord.objects.all()
    assert set(records.values_list("source", flat=True)) == set(t.RecordSource.values)
    assert set(records.values_list("status", flat=True)) == set(t.RecordStatus.values)
    for record in records.exclude(status="verified"):
        assert record.source == "upload" and _starts_with_pdf(record.evidence)
    assert all(r.rejection_reason for r in records.filter(status="rejected"))
    # Two agency courses endorsed by UNSECOORD, one awaiting endorsement and already taken,
    # without counting (annex ¶26).
    agency = t.Course.objects.exclude(provider__kind=m.OrganizationKind.UNSECOORD)
    assert agency.filter(endorsed_at__isnull=False).count() == 2
    unendorsed = agency.get(endorsed_at__isnull=True)
    assert records.filter(course=unendorsed).exists()
    assert not t.TrainingRequirement.objects.filter(record__course=unendorsed).exists()
    assert t.TrainingRequirement.objects.filter(
        record__course__in=agency.exclude(pk=unendorsed.pk)
    ).exists()
    # In-person sessions: attendance marked (records on the day), held and not marked yet,
    # still to come.
    sessions = t.TrainingSession.objects.all()
    marked = sessions.filter(attendance_marked_at__isnull=False)
    assert marked.exists() and sessions.filter(attendance_marked_at__isnull=True).exists()
    assert sessions.filter(held_on__gt=TODAY).exists()
    for session in marked:
        attended = session.participants.filter(attended=True)
        assert attended.exists()
        assert set(session.records.values_list("person_id", "completed_on", "course_id")) == {
            (p.person_id, session.held_on, session.course_id) for p in attended
        }
    # Arrival briefings acknowledged in writing (the completion) and not yet (¶33).
    attendees = t.BriefingAttendee.objects.all()
    for attendee in attendees.filter(acknowledged_at__isnull=False):
        assert attendee.record.completed_on == attendee.briefing.given_on
        assert attendee.record.source == "briefing"
    assert attendees.filter(acknowledged_at__isnull=True, record__isnull=True).exists()
    assert attendees.filter(dependant__isnull=False).exists()


@pytest.mark.django_db
def test_demo_logins_have_training_to_act_on():
    _seed()
    users = {u.username: u for u in m.User.objects.select_related("person__duty_station")}
    staff = users["staff.nairobi"].person
    # A briefing to acknowledge, for self and both dependants.
    waiting = t.BriefingAttendee.objects.filter(person=staff, acknowledged_at__isnull=True)
    assert waiting.filter(dependant__isnull=True).count() == 1
    assert waiting.filter(dependant__isnull=False).count() == 2
    # A test to take: the basic course is due, its bank is large enough, the first try failed.
    mine = with_status(t.TrainingRequirement.objects.filter(person=staff), TODAY)
    basic = mine.get(course_kind="security_awareness", dependant__isnull=True)
    assert basic.status == "due_soon"
    bsitf = t.Course.objects.get(code="BSITF")
    assert bsitf.questions.count() >= bsitf.questions_per_test
    assert t.TestAttempt.objects.filter(person=staff, course=bsitf, passed=False).exists()
    # A certificate, rendered (the issued PDF is served as stored).
    certificate = t.Certificate.objects.get(record__person=staff)
    assert certificate.sha256 and _starts_with_pdf(certificate.pdf)
    assert certificate.record.attempt.passed
    # Every demo login's latest completion has its certificate, rendered.
    assert t.Certificate.objects.exclude(sha256="").count() == t.Certificate.objects.count()
    assert t.Certificate.objects.count() >= len(DEMO_LOGINS) - 2
    # The DO and the FSCO see overdue people at their duty station.
    for login in ("do.kenya", "fsco.kenya"):
        rows = requirements_for(users[login], today=TODAY).filter(
            duty_station=staff.duty_station, status="overdue"
        )
        assert rows.exists(), login
    # Uploads to verify: the FSCO and UNICEF's focal points at headquarters and in Kenya.
    for login in ("fsco.kenya", "hq.unicef", "cfp.unicef.kenya"):
        editable = scoping.editable_by(users[login], t.TrainingRecord)
        assert editable.filter(status="pending").exists(), login


@pytest.mark.django_db
def test_rows_copied_in_bulk_have_their_audit_events():
    """People, dependants and training records go in by COPY with the insert trigger off
    (accountability/core/demo/bulk.py); each still gets the one insert event the trigger would
    write."""
    _seed()
    for model in (m.Person, m.Dependant, t.TrainingRecord):
        event = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
        inserts = event.objects.filter(pgh_label="insert")
        assert sorted(inserts.values_list("pgh_obj_id", flat=True)) == sorted(
            model.objects.values_list("pk", flat=True)
        ), model
        assert set(inserts.values_list("pgh_context__metadata__source", flat=True)) == {
            "command:seed_demo"
        }
    record = t.TrainingRecord.objects.order_by("pk").first()
    snapshot = apps.get_model("training", "TrainingRecordEvent").objects.get(
        pgh_obj_id=record.pk, pgh_label="insert"
    )
    assert (snapshot.course_id, snapshot.completed_on, snapshot.valid_until) == (
        record.course_id,
        record.completed_on,
        record.valid_until,
    )
