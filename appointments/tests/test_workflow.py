"""The ASC and warden appointment workflow (¶17, ¶19): every transition, legal and illegal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accountability.core.models import Notification
from accountability.core.scoping import visible_to
from actors import models as m
from appointments import models as appointment_models
from appointments.models import Answer, Appointment, AppointmentLetter, AppointmentStatus
from appointments.services import workflow as wf
from appointments.services.appointments import apply_appointment_dates
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db(transaction=False)
S = AppointmentStatus


def nominate(w, *, by="fsco", person=None, role=None, scope=None, **kwargs):
    role = role or w["warden"]
    return wf.nomination_create(
        actor=w[by],
        person=person or w["nominee"],
        role=role,
        scope=scope or w["zone"],
        start_date=kwargs.pop("start", w["start"]),
        statements=statements_for(role),
        **kwargs,
    )


def through_consultation(w, appointment, answers=(Answer.SUPPORT, Answer.SUPPORT)):
    wf.nomination_submit(actor=appointment.nominated_by, appointment=appointment)
    for who, answer in zip(("smt1", "smt2"), answers, strict=False):
        wf.consultation_answer(
            actor=w[who],
            appointment=appointment,
            answer=answer,
            reasons="Not enough time" if answer == Answer.OBJECT else "",
        )
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4"))


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_full_path_to_an_active_warden_with_letter_and_rights(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = nominate(w)
    assert appointment.status == S.DRAFT and appointment.nominated_by == w["fsco"]
    through_consultation(w, appointment)
    with django_capture_on_commit_callbacks(execute=True):
        wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    appointment.refresh_from_db()
    assert appointment.status == S.PENDING and appointment.decided_by == w["do"]
    letter = AppointmentLetter.objects.get(appointment=appointment)
    with letter.pdf.open("rb") as pdf:
        assert letter.sha256 and pdf.read(4) == b"%PDF"
    # Rights follow the start date.
    nominee_user = w["nominee"].user
    assert not m.WardenZoneUserObjectPermission.objects.filter(user=nominee_user).exists()
    apply_appointment_dates(today=w["start"])
    appointment.refresh_from_db()
    assert appointment.status == S.ACTIVE
    assert visible_to(nominee_user, m.Person).filter(residential_zone=w["zone"]).exists()


def test_submit_asks_every_smt_member_in_app_and_by_email(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = nominate(w)
    with django_capture_on_commit_callbacks(execute=True):
        wf.nomination_submit(actor=w["fsco"], appointment=appointment, today=dt.date(2026, 11, 27))
    appointment.refresh_from_db()
    assert appointment.consultation_ends_on == dt.date(2026, 12, 4)  # 5 working days
    members = set(appointment.consultations.values_list("member__user__username", flat=True))
    assert members == {"smt1", "smt2"}
    assert set(
        Notification.objects.filter(key=f"consult:{appointment.pk}").values_list(
            "user__username", flat=True
        )
    ) == {"smt1", "smt2"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [w["smt1"].email, w["smt2"].email]
    )


def test_submit_needs_a_statement_for_every_competency(station_world):
    w = station_world
    appointment = wf.nomination_create(
        actor=w["fsco"],
        person=w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=w["start"],
        statements={},
    )
    with pytest.raises(ValidationError) as excinfo:
        wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    assert "statements" in errors(excinfo)


def test_only_fsco_smt_or_do_of_the_station_nominate(station_world):
    w = station_world
    for who in ("do", "smt2"):
        assert nominate(w, by=who).status == S.DRAFT
    for who in ("rep", "other_do"):
        with pytest.raises(ValidationError) as excinfo:
            nominate(w, by=who)
        assert "scope" in errors(excinfo)


def test_objection_needs_reasons_and_only_members_answer(station_world):
    w = station_world
    appointment = nominate(w)
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    with pytest.raises(ValidationError) as excinfo:
        wf.consultation_answer(actor=w["smt1"], appointment=appointment, answer=Answer.OBJECT)
    assert "reasons" in errors(excinfo)
    with pytest.raises(ValidationError):
        wf.consultation_answer(actor=w["rep"], appointment=appointment, answer=Answer.SUPPORT)


def test_do_cannot_decide_before_consultation_ends_unless_all_answered(station_world):
    w = station_world
    appointment = nominate(w)
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    wf.release_record(actor=w["rep"], appointment=appointment, percent=10)
    wf.consultation_answer(actor=w["smt1"], appointment=appointment, answer=Answer.SUPPORT)
    with pytest.raises(ValidationError) as excinfo:
        wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    assert "decision" in errors(excinfo)
    appointment.refresh_from_db()
    after = appointment.consultation_ends_on + dt.timedelta(days=1)
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True, today=after)


def test_approval_needs_the_release(station_world):
    w = station_world
    appointment = nominate(w)
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.NO_VIEW)
    with pytest.raises(ValidationError) as excinfo:
        wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    assert "release" in errors(excinfo)


def test_only_the_nominees_country_representative_releases(station_world):
    w = station_world
    appointment = nominate(w)
    with pytest.raises(ValidationError):
        wf.release_record(actor=w["do"], appointment=appointment, percent=10)
    with pytest.raises(ValidationError) as excinfo:
        wf.release_record(
            actor=w["rep"], appointment=appointment, percent=10, hours_per_week=Decimal("2")
        )
    assert "hours_per_week" in errors(excinfo)


def test_only_the_do_of_the_station_decides_and_never_on_own_nomination(station_world):
    w = station_world
    appointment = nominate(w)
    through_consultation(w, appointment)
    for who in ("other_do", "fsco", "smt1"):
        with pytest.raises(ValidationError) as excinfo:
            wf.appointment_decide(actor=w[who], appointment=appointment, approve=True)
        assert "decision" in errors(excinfo)
    own = nominate(w, by="do", person=w["field_nominee"], role=w["asc"], scope=w["area"])
    through_consultation(w, own)
    with pytest.raises(ValidationError) as excinfo:
        wf.appointment_decide(actor=w["do"], appointment=own, approve=True)
    assert errors(excinfo)["decision"] == ["Nobody decides on their own nomination."]


def test_rejection_needs_a_reason(station_world):
    w = station_world
    appointment = nominate(w)
    through_consultation(w, appointment, answers=(Answer.OBJECT, Answer.OBJECT))
    with pytest.raises(ValidationError) as excinfo:
        wf.appointment_decide(actor=w["do"], appointment=appointment, approve=False)
    assert "reason" in errors(excinfo)
    wf.appointment_decide(
        actor=w["do"], appointment=appointment, approve=False, reason="The SMT objects."
    )
    appointment.refresh_from_db()
    assert appointment.status == S.REJECTED
    assert not AppointmentLetter.objects.filter(appointment=appointment).exists()


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("submit", S.CONSULTATION),
        ("approve", S.DRAFT),
        ("reject", S.DRAFT),
        ("revoke", S.DRAFT),
        ("withdraw", S.ACTIVE),
        ("release", S.ACTIVE),
    ],
)
def test_illegal_transitions_are_refused_naming_the_state(station_world, action, state):
    w = station_world
    appointment = nominate(w)
    Appointment.objects.filter(pk=appointment.pk).update(status=state)
    appointment.refresh_from_db()
    calls = {
        "submit": lambda: wf.nomination_submit(actor=w["fsco"], appointment=appointment),
        "approve": lambda: wf.appointment_decide(
            actor=w["do"], appointment=appointment, approve=True
        ),
        "reject": lambda: wf.appointment_decide(
            actor=w["do"], appointment=appointment, approve=False, reason="x"
        ),
        "revoke": lambda: wf.appointment_revoke(actor=w["do"], appointment=appointment, reason="x"),
        "withdraw": lambda: wf.nomination_withdraw(actor=w["fsco"], appointment=appointment),
        "release": lambda: wf.release_record(actor=w["rep"], appointment=appointment, percent=5),
    }
    with pytest.raises(ValidationError) as excinfo:
        calls[action]()
    assert errors(excinfo)["status"][0].startswith(f"Cannot {action} an appointment that is")


def test_one_warden_per_zone_and_alternates(station_world):
    w = station_world
    first = nominate(w)
    # Two principal nominations in consultation at once: the first approved wins, and the
    # second is refused at the decision (a second one nominated now is refused at once,
    # appointments/tests/test_single_warden.py).
    second = nominate(
        w,
        person=w["field_nominee"].__class__.objects.create(
            organization=w["unicef"],
            duty_station=w["capital"],
            family_name="Otieno",
            given_names="Ann",
            index_number="ALT-1",
            category="local",
            contract_type="fixed_term",
        ),
    )
    through_consultation(w, first)
    through_consultation(w, second)
    wf.appointment_decide(actor=w["do"], appointment=first, approve=True)
    with pytest.raises(ValidationError) as excinfo:
        wf.appointment_decide(actor=w["do"], appointment=second, approve=True)
    assert "alternate" in errors(excinfo)["is_alternate"][0]
    alternate = nominate(w, person=second.person, is_alternate=True)
    through_consultation(w, alternate)
    wf.appointment_decide(actor=w["do"], appointment=alternate, approve=True)
    assert alternate.is_alternate


def test_revocation_by_the_do_removes_rights_the_same_day(station_world):
    w = station_world
    appointment = nominate(w, start=timezone.localdate())
    through_consultation(w, appointment)
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    appointment.refresh_from_db()
    assert appointment.status == S.ACTIVE
    user = w["nominee"].user
    assert visible_to(user, m.Person).filter(residential_zone=w["zone"]).count() >= 1
    with pytest.raises(ValidationError):
        wf.appointment_revoke(actor=w["fsco"], appointment=appointment, reason="x")
    wf.appointment_revoke(actor=w["do"], appointment=appointment, reason="Left the zone")
    # A former warden no longer sees the zone's households, only itself.
    assert set(visible_to(user, m.Person).values_list("pk", flat=True)) == {w["nominee"].pk}


def test_every_transition_is_audited(station_world):
    w = station_world
    appointment = nominate(w)
    through_consultation(w, appointment)
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    statuses = list(
        appointment_models.AppointmentEvent.objects.filter(pgh_obj_id=appointment.pk)
        .order_by("pgh_id")
        .values_list("status", flat=True)
    )
    assert statuses[0] == S.DRAFT and S.CONSULTATION in statuses and statuses[-1] == S.PENDING


def test_smt_member_nominates_a_person_of_another_agency(station_world):
    from appointments.rules import nominable_people

    w = station_world
    # smt1 is of UNDP; the nominee works for UNICEF at the same station.
    assert not visible_to(w["smt1"], m.Person).filter(pk=w["nominee"].pk).exists()
    assert nominable_people(w["smt1"]).filter(pk=w["nominee"].pk).exists()
    assert nominate(w, by="smt1").status == S.DRAFT
    assert not nominable_people(w["rep"]).exists()  # a representative does not nominate


def test_only_the_do_and_each_member_see_the_consultation(station_world):
    from appointments.models import Consultation

    w = station_world
    appointment = nominate(w)
    through_consultation(w, appointment, answers=(Answer.OBJECT, Answer.SUPPORT))
    assert visible_to(w["do"], Consultation).filter(appointment=appointment).count() == 2
    own = visible_to(w["smt1"], Consultation).filter(appointment=appointment)
    assert list(own.values_list("member__user__username", flat=True)) == ["smt1"]
    # The nominee sees the nomination but not who objected.
    nominee = w["nominee"].user
    assert visible_to(nominee, Appointment).filter(pk=appointment.pk).exists()
    assert not visible_to(nominee, Consultation).exists()


def test_capital_smt_sees_area_nominations_of_its_country(station_world):
    w = station_world
    appointment = nominate(w, by="fsco", person=w["field_nominee"], role=w["asc"], scope=w["area"])
    assert visible_to(w["smt2"], Appointment).filter(pk=appointment.pk).exists()


def test_dashboard_names_stations_without_an_fsco(station_world, client):
    w = station_world
    client.force_login(w["do"])
    page = client.get("/").content.decode()
    # The capital has its DO and FSCO; the field station Mombasa has no FSCO of its own.
    assert "Mombasa" in page and "no FSCO" in page
