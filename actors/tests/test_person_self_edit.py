"""A staff member changes their own contact details only; the rest of the record is the staff
list's, kept by the organization's focal points, the DO and FSCO, and their imports (¶21, ¶22,
annex ¶24)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors import models as m
from actors import rules as actor_rules
from actors.services.people import person_update
from actors.tests.api_helpers import build_world, client_for, error_attrs
from actors.tests.factories import UserFactory, WardenZoneFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(outsider):
    world = build_world(outsider)
    staff = UserFactory(organization=world["a"], username="staff_a")
    person = world["people"]["a_capital"]
    person.user = staff
    person.save()
    world["staff"] = staff
    world["own"] = person
    return world


def _events(person) -> int:
    return m.PersonEvent.objects.filter(pgh_obj_id=person.pk).count()


@pytest.mark.parametrize(
    "body",
    [
        {"grade": "D-2"},
        {"contract_type": m.ContractType.PERMANENT},
        {"residential_zone": None},
        {"category": m.PersonCategory.LOCAL},
        {"index_number": "SELF-1"},
        {"family_name": "Renamed"},
        {"is_active": False},
    ],
    ids=lambda body: next(iter(body)),
)
def test_staff_member_may_not_change_their_own_hr_fields(world, body):
    own = world["own"]
    before = _events(own)
    response = client_for(world["staff"]).patch(f"/api/v1/personnel/{own.pk}/", body)
    assert response.status_code == 400, response.content
    assert error_attrs(response) == set(body)
    assert "contact details" in response.json()["errors"][0]["detail"]
    own.refresh_from_db()
    assert (own.grade, own.contract_type, own.residential_zone_id) == (
        "P-3",
        m.ContractType.FIXED_TERM,
        world["zone"].pk,
    )
    assert own.is_active and own.family_name != "Renamed"
    assert _events(own) == before  # nothing written, nothing audited


def test_staff_member_changes_their_own_contact_details(world):
    own = world["own"]
    client = client_for(world["staff"])
    contact = {
        "email": "me@example.org",
        "phone": "+254 20 762 1234",
        "radio_call_sign": "Kilo 7",
        "residential_address": "Gigiri Road 4",
    }
    assert set(contact) == set(actor_rules.PERSON_SELF_FIELDS)
    response = client.patch(f"/api/v1/personnel/{own.pk}/", contact)
    assert response.status_code == 200, response.content
    assert {name: response.json()[name] for name in contact} == contact
    # HR fields sent unchanged (a client echoing the whole row) are no change.
    same = {"grade": "P-3", "residential_zone": world["zone"].pk, "phone": "+254 20 000"}
    response = client.patch(f"/api/v1/personnel/{own.pk}/", same)
    assert response.status_code == 200, response.content
    # A mixed change is refused whole, naming the HR field only.
    response = client.patch(f"/api/v1/personnel/{own.pk}/", {"phone": "1", "grade": "D-1"})
    assert response.status_code == 400 and error_attrs(response) == {"grade"}
    own.refresh_from_db()
    assert own.phone == "+254 20 000" and own.grade == "P-3"


def test_focal_points_keep_the_hr_fields(world):
    own = world["own"]
    other_zone = WardenZoneFactory(duty_station=world["capital"])
    body = {"grade": "P-4", "contract_type": "permanent", "residential_zone": other_zone.pk}
    # The HQ focal point of the organization (¶7) and its country focal point (annex ¶24).
    focal = user_with_role("country_focal_point", world["capital"], organization=world["a"])
    for keeper in (world["hq_a"], focal):
        response = client_for(keeper).patch(f"/api/v1/personnel/{own.pk}/", body)
        assert response.status_code == 200, response.content
        body["grade"] = "P-5"
    # A keeper changes its own record whole: it keeps the list it is on.
    hq_person = world["hq_a"].person
    assert actor_rules.keeps_person_record(world["hq_a"], hq_person)
    response = client_for(world["hq_a"]).patch(
        f"/api/v1/personnel/{hq_person.pk}/", {"grade": "D-1"}
    )
    assert response.status_code == 200, response.content
    # The SMT member sees the person but keeps no list: 404 for a change, as before.
    response = client_for(world["smt_a"]).patch(f"/api/v1/personnel/{own.pk}/", {"grade": "G-1"})
    assert response.status_code == 404


def test_the_service_refuses_whatever_the_caller(world):
    with pytest.raises(ValidationError) as refused:
        person_update(actor=world["staff"], person=world["own"], grade="D-2", phone="1")
    assert set(refused.value.message_dict) == {"grade"}


def test_edit_page_of_ones_own_record_offers_the_contact_details_only(client, world):
    own = world["own"]
    client.force_login(world["staff"])
    url = reverse("actors:person-edit", args=[own.pk])
    form = client.get(url).context["form"]
    editable = {name for name, field in form.fields.items() if not field.disabled}
    assert editable == set(actor_rules.PERSON_SELF_FIELDS)
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"grade": "D-2", "phone": "+254 1", "is_active": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    own.refresh_from_db()
    assert own.phone == "+254 1" and own.grade == "P-3"
    # The focal point's page offers every field.
    client.force_login(world["hq_a"])
    form = client.get(url).context["form"]
    assert not [name for name, field in form.fields.items() if field.disabled]
