"""Personnel and their eligible dependants.

Dependants' birth dates and addresses are shown only where ``actors.rules.dependant_details_q``
allows (see ``actors.rules.DEPENDANT_PRIVATE_FIELDS`` for the roles); lists annotate that
permission in the same query rather than asking per row.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Value, When
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accountability.core import panels, scoping
from accountability.core.views import Column, ScopedDetailView, ScopedListView, ServiceFormView
from actors import forms
from actors import models as m
from actors import rules as actor_rules
from actors.services.people import (
    dependant_create,
    dependant_delete,
    dependant_update,
    person_create,
    person_update,
)


def _yes_no(value):
    return _("Yes") if value else _("No")


def with_details_flag(user, qs, prefix="person__"):
    """Annotate ``details_visible`` on dependants (or people, prefix "") in the same query."""
    if user.is_superuser:
        return qs.annotate(details_visible=Value(True))
    return qs.annotate(
        details_visible=Case(
            When(actor_rules.dependant_details_q(user, prefix=prefix), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def keeps_people(user) -> bool:
    """Whether the user keeps any staff list (may add people somewhere); the service decides
    where. Answered from the request's cached grants."""
    return scoping.holds(user, "change_people", "change_own_org_people")


class PersonListView(ScopedListView):
    model = m.Person
    title = _("Personnel")
    select_related = ("organization", "duty_station__country")
    columns = (
        Column(_("Name"), lambda p: str(p)),
        Column(_("Index number"), lambda p: p.index_number),
        Column(_("Organization"), lambda p: p.organization.code.upper()),
        Column(_("Duty station"), lambda p: p.duty_station),
        Column(_("Category"), lambda p: p.get_category_display()),
        Column(_("Grade"), lambda p: p.grade),
        Column(_("Active"), lambda p: _yes_no(p.is_active)),
    )
    search_fields = ("family_name", "given_names", "index_number", "email")
    search_help = _("Name, index number or email")
    filter_form_class = forms.PersonFilterForm
    detail_url_name = "actors:person-detail"
    create_url_name = "actors:person-create"

    def filter_queryset(self, qs, form):
        data = form.cleaned_data
        for name in ("organization", "duty_station", "category"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        if data.get("active"):
            qs = qs.filter(is_active=data["active"] == "yes")
        return qs

    def may_create(self):
        return keeps_people(self.request.user)


class PersonDetailView(ScopedDetailView):
    model = m.Person
    select_related = ("organization", "duty_station__country", "residential_zone", "user")
    edit_url_name = "actors:person-edit"
    template_name = "actors/person_detail.html"

    def fields(self, obj):
        return [
            (_("Family name"), obj.family_name),
            (_("Given names"), obj.given_names),
            (_("Index number"), obj.index_number),
            (_("Organization"), obj.organization),
            (_("Duty station"), obj.duty_station),
            (_("Category"), obj.get_category_display()),
            (_("Contract type"), obj.get_contract_type_display()),
            (_("Grade"), obj.grade or "—"),
            (_("Email"), obj.email or "—"),
            (_("Phone"), obj.phone or "—"),
            (_("Radio call sign"), obj.radio_call_sign or "—"),
            (_("Residential address"), obj.residential_address or "—"),
            (_("Warden zone of residence"), obj.residential_zone or "—"),
            (_("Login"), obj.user.username if obj.user else "—"),
            (_("Active"), _yes_no(obj.is_active)),
        ]

    def extra_context(self, obj):
        user = self.request.user
        return {
            "dependants": with_details_flag(user, obj.dependants.all()),
            # What the apps above actors add (appointments/panels.py: the person's
            # appointments and, for who may appoint, the link to appoint it).
            "person_panels": panels.for_page("person", user=user, person=obj),
        }


class PersonCreateView(ServiceFormView):
    title = _("New person")

    def get_form(self, data=None):
        return forms.PersonCreateForm(data, user=self.request.user)

    def perform(self, form):
        return person_create(actor=self.request.user, **form.cleaned_data)


class PersonEditView(ServiceFormView):
    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            m.Person,
            self.kwargs["pk"],
            for_change=True,
            queryset=m.Person.objects.select_related("organization", "duty_station"),
        )

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return forms.PersonEditForm(
            data,
            instance=self.object,
            contact_only=not actor_rules.keeps_person_record(self.request.user, self.object),
        )

    def perform(self, form):
        return person_update(actor=self.request.user, person=self.object, **form.cleaned_data)


class DependantListView(ScopedListView):
    model = m.Dependant
    title = _("Dependants")
    select_related = ("person", "organization")
    columns = (
        Column(_("Name"), lambda d: str(d)),
        Column(_("Relationship"), lambda d: d.get_relationship_display()),
        Column(_("Staff member"), lambda d: d.person),
        Column(_("Organization"), lambda d: d.organization.code.upper()),
        Column(
            _("Birth date"),
            lambda d: (d.birth_date or "—") if d.details_visible else _("(restricted)"),
        ),
        Column(_("Lives at the duty station"), lambda d: _yes_no(d.lives_at_duty_station)),
    )
    search_fields = ("family_name", "given_names", "person__family_name")
    filter_form_class = forms.DependantFilterForm
    detail_url_name = "actors:dependant-detail"

    def get_queryset(self):
        return with_details_flag(self.request.user, super().get_queryset())


class DependantDetailView(ScopedDetailView):
    model = m.Dependant
    select_related = ("person__duty_station", "organization")
    edit_url_name = "actors:dependant-edit"
    template_name = "actors/dependant_detail.html"

    def get_object(self):
        qs = with_details_flag(
            self.request.user, m.Dependant.objects.select_related(*self.select_related)
        )
        return scoping.get_for_user(self.request.user, m.Dependant, self.kwargs["pk"], queryset=qs)

    def fields(self, obj):
        rows = [
            (_("Family name"), obj.family_name),
            (_("Given names"), obj.given_names),
            (_("Relationship"), obj.get_relationship_display()),
            (_("Staff member"), obj.person),
            (_("Organization"), obj.organization),
            (_("Lives at the duty station"), _yes_no(obj.lives_at_duty_station)),
        ]
        if obj.details_visible:
            rows += [
                (_("Birth date"), obj.birth_date or "—"),
                (_("Residential address"), obj.residential_address or _("Same as the person's")),
            ]
        return rows


class DependantCreateView(ServiceFormView):
    def get_object(self):
        person = scoping.get_for_user(
            self.request.user, m.Person, self.kwargs["person_pk"], for_change=True
        )
        self.person = person
        return None

    def get_title(self):
        return _("New dependant of %(name)s") % {"name": self.person}

    def get_cancel_url(self):
        return reverse("actors:person-detail", args=[self.person.pk])

    def get_form(self, data=None):
        return forms.DependantForm(data)

    def perform(self, form):
        return dependant_create(actor=self.request.user, person=self.person, **form.cleaned_data)


class DependantEditView(ServiceFormView):
    def get_object(self):
        qs = with_details_flag(self.request.user, m.Dependant.objects.select_related("person"))
        return scoping.get_for_user(
            self.request.user, m.Dependant, self.kwargs["pk"], for_change=True, queryset=qs
        )

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return forms.DependantForm(
            data, instance=self.object, show_private=self.object.details_visible
        )

    def perform(self, form):
        return dependant_update(actor=self.request.user, dependant=self.object, **form.cleaned_data)


@require_POST
def dependant_delete_view(request, pk):
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("login"))
    dependant = scoping.get_for_user(request.user, m.Dependant, pk, for_change=True)
    person_id = dependant.person_id
    dependant_delete(actor=request.user, dependant=dependant)
    return HttpResponseRedirect(reverse("actors:person-detail", args=[person_id]))
