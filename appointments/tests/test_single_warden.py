"""One warden per zone, any number of alternates (¶19): a principal warden nominated for a zone
that already has one for those dates is refused at nomination, on the web form and over the
API, naming the reason and the way out (an alternate), not after the SMT consultation, the
release and the DO's decision."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import PersonFactory, appoint
from appointments.models import Appointment, AppointmentStatus, Consultation
from appointments.services import workflow as wf
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db
S = AppointmentStatus


def sitting_warden(w, *, start=None, end=None, status=S.ACTIVE) -> Appointment:
    """A principal warden of the zone, appointed directly (as the demo and imports do)."""
    person = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    appointment = appoint(person, "warden", w["zone"], start=start, end=end)
    if appointment.status != status:
        Appointment.objects.filter(pk=appointment.pk).update(status=status)
    return appointment


def nominate(w, *, alternate=False, start=None, end=None):
    return wf.nomination_create(
        actor=w["fsco"],
        person=w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=start or w["start"],
        end_date=end,
        is_alternate=alternate,
        statements=statements_for(w["warden"]),
    )


@pytest.mark.parametrize("status", [S.ACTIVE, S.PENDING])
def test_a_second_principal_warden_is_refused_at_nomination(station_world, status):
    w = station_world
    sitting_warden(w, status=status)
    with pytest.raises(ValidationError) as excinfo:
        nominate(w)
    [message] = excinfo.value.message_dict["is_alternate"]
    assert "Gigiri (Nairobi) already has a warden" in message and "alternate warden" in message
    assert "¶19" in message
    assert not Appointment.objects.filter(person=w["nominee"]).exists()


def test_an_alternate_or_a_principal_after_the_sitting_one_ends_is_accepted(station_world):
    w = station_world
    today = timezone.localdate()
    sitting_warden(w, start=today, end=today + dt.timedelta(days=20))
    with pytest.raises(ValidationError) as excinfo:
        nominate(w, start=today + dt.timedelta(days=20))  # overlaps on the last day
    [message] = excinfo.value.message_dict["is_alternate"]
    assert f"to {today + dt.timedelta(days=20)}" in message
    assert nominate(w, alternate=True).is_alternate
    successor = nominate(w, start=today + dt.timedelta(days=21))
    assert successor.status == S.DRAFT and not successor.is_alternate


def test_ended_revoked_or_nominated_wardens_do_not_block(station_world):
    w = station_world
    for status in (S.ENDED, S.REVOKED, S.REJECTED, S.DRAFT, S.CONSULTATION):
        sitting_warden(w, status=status)
    assert nominate(w).status == S.DRAFT


def test_a_draft_overtaken_by_an_appointed_warden_is_refused_at_submission(station_world):
    w = station_world
    draft = nominate(w)
    sitting_warden(w)
    with pytest.raises(ValidationError) as excinfo:
        wf.nomination_submit(actor=w["fsco"], appointment=draft)
    assert "is_alternate" in excinfo.value.message_dict
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert not Consultation.objects.filter(appointment=draft).exists() and not mail.outbox


def test_api_answers_400_naming_is_alternate(station_world):
    w = station_world
    sitting_warden(w)
    body = {
        "person": w["nominee"].pk,
        "role": "warden",
        "scope_kind": "zone",
        "scope_id": w["zone"].pk,
        "start_date": w["start"].isoformat(),
        "statements": [
            {"competency": pk, "statement": text}
            for pk, text in statements_for(w["warden"]).items()
        ],
    }
    response = client_for(w["fsco"]).post("/api/v1/nominations/", body, format="json")
    assert response.status_code == 400
    assert error_attrs(response) == {"is_alternate"}
    assert "alternate warden" in response.json()["errors"][0]["detail"]
    assert not Appointment.objects.filter(person=w["nominee"]).exists()
    response = client_for(w["fsco"]).post(
        "/api/v1/nominations/", {**body, "is_alternate": True}, format="json"
    )
    assert response.status_code == 201, response.content


def test_web_form_shows_the_reason_on_the_alternate_box(client, station_world):
    w = station_world
    sitting_warden(w)
    client.force_login(w["fsco"])
    url = reverse("appointments:nominate") + f"?zone={w['zone'].pk}"
    data = {
        "person": w["nominee"].pk,
        "role": w["warden"].pk,
        "start_date": w["start"].isoformat(),
        "end_date": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    [message] = response.context["form"].errors["is_alternate"]
    assert "already has a warden" in message and "alternate warden" in message
    assert "already has a warden" in response.content.decode()
    assert not Appointment.objects.filter(person=w["nominee"]).exists()


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "coordonnateur d'îlot suppléant"), ("zh-hans", "副地区主管")]
)
def test_the_reason_is_given_in_the_users_language(station_world, language, words):
    from django.utils import translation

    w = station_world
    sitting_warden(w)
    with translation.override(language), pytest.raises(ValidationError) as excinfo:
        nominate(w)
    assert words in excinfo.value.message_dict["is_alternate"][0]
