"""Every page renders for a role allowed to see it; outsiders get 404s and see no rows."""

import pytest
from django.urls import reverse

from actors import models as m
from actors.tests.factories import appoint
from appointments.models import Appointment, AppointmentStatus

pytestmark = pytest.mark.django_db


def get(client, user, url, status=200):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


LIST_PAGES = [
    "actors:organization-list",
    "actors:country-list",
    "actors:duty-station-list",
    "actors:area-list",
    "actors:warden-zone-list",
    "actors:person-list",
    "actors:dependant-list",
    "appointments:appointment-list",
    "actors:role-list",
    "actors:user-list",
]


def test_login_page_and_redirect(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert b'name="password"' in client.get(reverse("login")).content


def test_login_and_logout(client, web_world):
    response = client.post(
        reverse("login"), {"username": "do_nairobi", "password": "pass-word-123"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("logout")).status_code == 405  # logout is POST only
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize("user_key", ["root", "do", "hq", "staff"])
def test_dashboard_renders_for_each_role(client, web_world, user_key):
    content = get(client, web_world[user_key], reverse("dashboard")).content.decode()
    assert "Dashboard" in content
    assert 'href="#main"' in content  # skip link


def test_dashboard_shows_the_do_what_needs_action(client, web_world):
    content = get(client, web_world["do"], reverse("dashboard")).content.decode()
    assert "Designated Official" in content
    assert "Gigiri" in content  # a zone at its station without a warden
    assert "Staff lists to confirm" in content
    assert "UNICEF".lower() in content.lower()


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_render(client, web_world, name):
    get(client, web_world["root"], reverse(name))
    get(client, web_world["do"], reverse(name))


def test_list_partial_for_htmx(client, web_world):
    client.force_login(web_world["do"])
    response = client.get(reverse("actors:person-list"), {"q": "Mwangi"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Mwangi" in content and "<html" not in content


def detail_pages(w):
    return [
        ("actors:organization-detail", w["a"].pk),
        ("actors:country-detail", w["country"].pk),
        ("actors:duty-station-detail", w["capital"].pk),
        ("actors:area-detail", w["area"].pk),
        ("actors:warden-zone-detail", w["zone"].pk),
        ("actors:person-detail", w["person"].pk),
        ("actors:dependant-detail", w["dependant"].pk),
        ("appointments:appointment-detail", Appointment.objects.first().pk),
        ("actors:role-detail", m.Role.objects.get(code="warden").pk),
        ("actors:user-detail", w["hq"].pk),
    ]


def test_detail_pages_render_with_history(client, web_world):
    for name, pk in detail_pages(web_world):
        content = get(client, web_world["root"], reverse(name, args=[pk])).content.decode()
        if name not in ("actors:role-detail",):
            assert "History" in content, name


def test_edit_and_create_pages_render(client, web_world):
    w = web_world
    root = w["root"]
    for name in (
        "actors:organization-create",
        "actors:country-create",
        "actors:duty-station-create",
        "actors:area-create",
        "actors:warden-zone-create",
        "actors:person-create",
        "actors:user-create",
    ):
        get(client, root, reverse(name))
    for name, pk in [
        ("actors:organization-edit", w["a"].pk),
        ("actors:country-edit", w["country"].pk),
        ("actors:duty-station-edit", w["capital"].pk),
        ("actors:duty-station-phase", w["capital"].pk),
        ("actors:area-edit", w["area"].pk),
        ("actors:warden-zone-edit", w["zone"].pk),
        ("actors:person-edit", w["person"].pk),
        ("actors:dependant-create", w["person"].pk),
        ("appointments:appointment-create", w["person"].pk),
        ("actors:dependant-edit", w["dependant"].pk),
        ("actors:user-edit", w["hq"].pk),
        ("appointments:appointment-end", Appointment.objects.first().pk),
    ]:
        get(client, root, reverse(name, args=[pk]))


def test_role_catalogue_page_lists_responsibilities(client, web_world):
    role = m.Role.objects.get(code="warden")
    content = get(client, web_world["staff"], reverse("actors:role-detail", args=[role.pk]))
    text = content.content.decode()
    assert "Warden" in text and "地区主管" in text
    if role.responsibilities.exists():
        first = role.responsibilities.order_by("paragraph", "letter").first()
        assert first.text_zh in text and first.reference in text


# --- Tenant isolation -----------------------------------------------------------------------------


def outsider_objects(w):
    o = w["outsider"]
    dependant = m.Dependant.objects.filter(organization=o.organization).first()
    return [
        ("actors:person-detail", w["o_person"].pk),
        ("actors:person-edit", w["o_person"].pk),
        ("actors:dependant-detail", dependant.pk),
        ("actors:dependant-edit", dependant.pk),
        ("actors:dependant-create", w["o_person"].pk),
        ("appointments:appointment-create", w["o_person"].pk),
        ("actors:user-detail", o.pk),
        ("actors:user-edit", o.pk),
        ("actors:duty-station-edit", w["o_station"].pk),
        ("actors:duty-station-phase", w["o_station"].pk),
        ("actors:organization-edit", w["a"].pk),
        ("actors:country-edit", w["country"].pk),
        ("actors:person-detail", 999999),
    ]


@pytest.mark.parametrize("user_key", ["do", "hq", "staff"])
def test_outsider_objects_answer_404(client, web_world, user_key):
    for name, pk in outsider_objects(web_world):
        get(client, web_world[user_key], reverse(name, args=[pk]), status=404)


def test_other_org_appointment_is_404_and_post_writes_nothing(client, web_world):
    w = web_world
    appointment = appoint(w["o_person"], "smt", w["o_station"])
    client.force_login(w["hq"])
    url = reverse("appointments:appointment-end", args=[appointment.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"end_reason": "x", "revoke": "on"}).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.ACTIVE
    response = client.post(
        reverse("actors:person-edit", args=[w["o_person"].pk]), {"family_name": "Hacked"}
    )
    assert response.status_code == 404
    assert not m.Person.objects.filter(family_name="Hacked").exists()


@pytest.mark.parametrize(
    "name,search",
    [
        ("actors:person-list", "q"),
        ("actors:dependant-list", "q"),
        ("actors:user-list", "q"),
        ("appointments:appointment-list", "q"),
    ],
)
def test_lists_and_search_hide_other_organizations(client, web_world, name, search):
    w = web_world
    appoint(w["o_person"], "smt", w["o_station"])
    o_name = w["o_person"].family_name
    o_org = w["o_org"]
    for user_key in ("do", "hq", "staff"):
        client.force_login(w[user_key])
        for params in ({}, {search: o_name}, {"organization": o_org.pk}, {search: "outsider"}):
            # The results region alone (the filter form lists every organization by name:
            # organizations are reference data).
            response = client.get(reverse(name), params, HTTP_HX_REQUEST="true")
            assert response.status_code == 200
            assert all(obj.organization_id != o_org.pk for obj in response.context["page"])
            page = response.content.decode()
            assert o_name not in page
            assert "outsider" not in page.lower()


def test_outsider_sees_only_itself(client, web_world):
    w = web_world
    client.force_login(w["outsider"])
    content = client.get(reverse("actors:person-list")).content.decode()
    assert w["o_person"].family_name in content
    assert "Mwangi" not in content and "Otieno" not in content


# --- Forms: field errors, nothing written -------------------------------------------------------


def test_person_create_bad_input_shows_field_errors(client, web_world):
    w = web_world
    client.force_login(w["hq"])
    before = m.Person.objects.count()
    response = client.post(
        reverse("actors:person-create"),
        {
            "organization": w["a"].pk,
            "duty_station": w["capital"].pk,
            "family_name": "",
            "given_names": "X",
            "index_number": w["person"].index_number,  # taken in this organization
            "category": "nonsense",
            "contract_type": "fixed_term",
            "email": "not-an-email",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"family_name", "category", "email"} <= set(form.errors)
    assert m.Person.objects.count() == before


def test_person_create_service_refusal_lands_on_field(client, web_world):
    """The DO of Nairobi may not add people in the outsider's duty station."""
    w = web_world
    client.force_login(w["do"])
    before = m.Person.objects.count()
    response = client.post(
        reverse("actors:person-create"),
        {
            "organization": w["b"].pk,
            "duty_station": w["o_station"].pk,
            "family_name": "New",
            "given_names": "Person",
            "index_number": "NEW-1",
            "category": "local",
            "contract_type": "fixed_term",
        },
    )
    assert response.status_code == 400
    assert "duty_station" in response.context["form"].errors
    assert m.Person.objects.count() == before


def test_person_create_and_edit_through_services(client, web_world):
    w = web_world
    client.force_login(w["do"])
    response = client.post(
        reverse("actors:person-create"),
        {
            "organization": w["b"].pk,
            "duty_station": w["capital"].pk,
            "family_name": "Kamau",
            "given_names": "Peter",
            "index_number": "WFP-9",
            "category": "local",
            "contract_type": "fixed_term",
        },
    )
    assert response.status_code == 302
    person = m.Person.objects.get(index_number="WFP-9")
    edit = reverse("actors:person-edit", args=[person.pk])
    data = {
        "duty_station": w["capital"].pk,
        "family_name": "Kamau-Otieno",
        "given_names": "Peter",
        "index_number": "WFP-9",
        "category": "local",
        "contract_type": "fixed_term",
        "residential_zone": w["zone"].pk,
        "is_active": "on",
    }
    assert client.post(edit, data).status_code == 302
    person.refresh_from_db()
    assert person.family_name == "Kamau-Otieno" and person.residential_zone == w["zone"]
    detail = client.get(reverse("actors:person-detail", args=[person.pk])).content.decode()
    assert "Kamau-Otieno" in detail and "do_nairobi" in detail  # history names the editor


def test_dependant_forms(client, web_world):
    w = web_world
    client.force_login(w["hq"])
    url = reverse("actors:dependant-create", args=[w["person"].pk])
    bad = client.post(url, {"family_name": "", "given_names": "", "relationship": "cousin"})
    assert bad.status_code == 400
    assert {"family_name", "given_names", "relationship"} <= set(bad.context["form"].errors)
    assert w["person"].dependants.count() == 1
    good = client.post(
        url,
        {
            "family_name": "Mwangi",
            "given_names": "Baraka",
            "relationship": "child",
            "birth_date": "2018-02-03",
            "lives_at_duty_station": "on",
        },
    )
    assert good.status_code == 302
    assert w["person"].dependants.count() == 2


def test_dependant_private_fields_hidden_from_smt(client, web_world):
    w = web_world
    smt_person = m.Person.objects.create(
        organization=w["a"],
        duty_station=w["capital"],
        family_name="Smt",
        given_names="Member",
        index_number="SMT-1",
        category="international",
        contract_type="fixed_term",
    )
    from actors.tests.factories import UserFactory

    smt_user = UserFactory(organization=w["a"], username="smt_a")
    smt_person.user = smt_user
    smt_person.save()
    appoint(smt_person, "smt", w["capital"])
    client.force_login(smt_user)
    detail = client.get(reverse("actors:dependant-detail", args=[w["dependant"].pk]))
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "2015-05-17" not in text and "12 Rue de la Paix" not in text
    listing = client.get(reverse("actors:dependant-list")).content.decode()
    assert "Amani" in listing and "2015-05-17" not in listing
    # The HQ focal point of the same organization sees them.
    client.force_login(w["hq"])
    text = client.get(reverse("actors:dependant-detail", args=[w["dependant"].pk])).content
    assert b"2015-05-17" in text


def test_appointment_create_and_end(client, web_world):
    w = web_world
    client.force_login(w["hq"])
    url = reverse("appointments:appointment-create", args=[w["person"].pk])
    role = m.Role.objects.get(code="country_representative")
    bad = client.post(
        url,
        {
            "role": role.pk,
            "scope": f"zone:{w['zone'].pk}",
            "start_date": "2020-01-01",
            "end_date": "2019-01-01",
        },
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors
    assert not Appointment.objects.filter(person=w["person"]).exists()
    good = client.post(
        url,
        {"role": role.pk, "scope": f"duty_station:{w['capital'].pk}", "start_date": "2020-01-01"},
    )
    assert good.status_code == 302, good.context["form"].errors
    appointment = Appointment.objects.get(person=w["person"])
    assert appointment.status == AppointmentStatus.ACTIVE
    end = reverse("appointments:appointment-end", args=[appointment.pk])
    missing_reason = client.post(end, {"revoke": "on", "end_reason": ""})
    assert missing_reason.status_code == 400
    assert "end_reason" in missing_reason.context["form"].errors
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.ACTIVE
    assert client.post(end, {"revoke": "on", "end_reason": "Misconduct"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.REVOKED


def test_phase_change_shows_in_history(client, web_world):
    w = web_world
    client.force_login(w["do"])
    url = reverse("actors:duty-station-phase", args=[w["capital"].pk])
    bad = client.post(url, {"phase": "9", "effective_from": ""})
    assert bad.status_code == 400 and {"phase", "effective_from"} <= set(bad.context["form"].errors)
    assert not m.SecurityPhaseChange.objects.exists()
    ok = client.post(url, {"phase": "3", "effective_from": "2024-01-05", "reason": "Unrest"})
    assert ok.status_code == 302
    detail = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    text = detail.content.decode()
    assert "Unrest" in text and "Phase III" in text


def test_structure_forms(client, web_world):
    w = web_world
    client.force_login(w["do"])
    zone_url = reverse("actors:warden-zone-create")
    dup = client.post(
        zone_url, {"duty_station": w["capital"].pk, "name": "Gigiri", "description": ""}
    )
    assert dup.status_code == 400
    ok = client.post(zone_url, {"duty_station": w["capital"].pk, "name": "Westlands"})
    assert ok.status_code == 302
    # Not their station: not among the choices, so a field error and nothing written.
    other = client.post(zone_url, {"duty_station": w["o_station"].pk, "name": "Elsewhere"})
    assert other.status_code == 400 and "duty_station" in other.context["form"].errors
    assert not m.WardenZone.objects.filter(name="Elsewhere").exists()


def test_superuser_only_reference_pages(client, web_world):
    w = web_world
    for name in ("actors:organization-create", "actors:country-create"):
        get(client, w["hq"], reverse(name), status=404)
    client.force_login(w["root"])
    bad = client.post(reverse("actors:country-create"), {"iso_code": "K1", "name": ""})
    assert bad.status_code == 400 and {"iso_code", "name"} <= set(bad.context["form"].errors)
    ok = client.post(reverse("actors:country-create"), {"iso_code": "TZ", "name": "Tanzania"})
    assert ok.status_code == 302


def test_users_managed_by_hq_focal_point(client, web_world):
    w = web_world
    client.force_login(w["hq"])
    url = reverse("actors:user-create")
    bad = client.post(url, {"organization": w["o_org"].pk, "username": "x", "password": "short"})
    assert bad.status_code == 400 and "organization" in bad.context["form"].errors
    weak = client.post(url, {"organization": w["a"].pk, "username": "newbie", "password": "123"})
    assert weak.status_code == 400 and "password" in weak.context["form"].errors
    assert not m.User.objects.filter(username="newbie").exists()
    ok = client.post(
        url,
        {
            "organization": w["a"].pk,
            "username": "newbie",
            "password": "a-long-Pass-phrase-42",
            "person_index_number": w["person"].index_number,
        },
    )
    assert ok.status_code == 302
    user = m.User.objects.get(username="newbie")
    assert user.person == w["person"]


def test_admin_changelists_for_superusers(client, web_world):
    from django.contrib import admin

    client.force_login(web_world["root"])
    for model in admin.site._registry:
        if model._meta.app_label != "actors":
            continue
        url = reverse(f"admin:actors_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    client.force_login(web_world["hq"])
    assert client.get(reverse("admin:actors_person_changelist")).status_code == 302


def test_add_buttons_follow_rights(client, web_world):
    client.force_login(web_world["staff"])
    content = client.get(reverse("actors:person-list")).content.decode()
    assert reverse("actors:person-create") not in content
    detail = client.get(reverse("actors:person-detail", args=[web_world["staff"].person.pk]))
    assert "/appoint/" not in detail.content.decode()
    client.force_login(web_world["do"])
    assert (
        reverse("actors:person-create")
        in client.get(reverse("actors:person-list")).content.decode()
    )
