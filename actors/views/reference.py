"""Organizations and countries: shared reference data, kept by superusers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accountability.core import panels, scoping
from accountability.core.views import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
    require_superuser,
)
from actors import forms
from actors import models as m
from actors.services.geography import structure_update
from actors.services.reference import country_create, organization_create


def _yes_no(value: bool):
    return _("Yes") if value else _("No")


class OrganizationListView(ScopedListView):
    model = m.Organization
    title = _("Organizations")
    columns = (
        Column(_("Code"), lambda o: o.code.upper()),
        Column(_("Name"), lambda o: o.name),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Active"), lambda o: _yes_no(o.is_active)),
    )
    search_fields = ("code", "name")
    filter_form_class = forms.OrganizationFilterForm
    detail_url_name = "actors:organization-detail"
    create_url_name = "actors:organization-create"

    def filter_queryset(self, qs, form):
        data = form.cleaned_data
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("active"):
            qs = qs.filter(is_active=data["active"] == "yes")
        return qs

    def may_create(self):
        return self.request.user.is_superuser


class OrganizationDetailView(ScopedDetailView):
    model = m.Organization
    edit_url_name = "actors:organization-edit"
    template_name = "actors/organization_detail.html"

    def fields(self, obj):
        return [
            (_("Code"), obj.code.upper()),
            (_("Name"), obj.name),
            (_("Kind"), obj.get_kind_display()),
            (_("Security MOU signed on"), obj.mou_signed_on),
            (_("Active"), _yes_no(obj.is_active)),
        ]

    def extra_context(self, obj):
        user = self.request.user
        return {
            "people_count": scoping.visible_to(user, m.Person).filter(organization=obj).count(),
        }


class OrganizationCreateView(ServiceFormView):
    title = _("New organization")

    def get_object(self):
        require_superuser(self.request)

    def get_form(self, data=None):
        return forms.OrganizationForm(data)

    def perform(self, form):
        return organization_create(actor=self.request.user, **form.cleaned_data)


class OrganizationEditView(ServiceFormView):
    def get_object(self):
        require_superuser(self.request)
        return scoping.get_for_user(
            self.request.user, m.Organization, self.kwargs["pk"], for_change=True
        )

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return forms.OrganizationForm(data, instance=self.object)

    def perform(self, form):
        return structure_update(actor=self.request.user, obj=self.object, **form.cleaned_data)


class CountryListView(ScopedListView):
    model = m.Country
    title = _("Countries")
    columns = (
        Column(_("ISO code"), lambda c: c.iso_code),
        Column(_("Name"), lambda c: c.name),
    )
    search_fields = ("iso_code", "name")
    detail_url_name = "actors:country-detail"
    create_url_name = "actors:country-create"

    def may_create(self):
        return self.request.user.is_superuser


class CountryDetailView(ScopedDetailView):
    model = m.Country
    edit_url_name = "actors:country-edit"
    template_name = "actors/country_detail.html"

    def fields(self, obj):
        return [(_("ISO code"), obj.iso_code), (_("Name"), obj.name)]

    def extra_context(self, obj):
        return {
            "stations": obj.duty_stations.order_by("name"),
            "areas": obj.areas.order_by("name"),
            # What the apps above actors add (appointments/panels.py: the DO's link to
            # recommend a DO ad interim, ¶8(b)).
            "country_panels": panels.for_page("country", user=self.request.user, country=obj),
        }


class CountryCreateView(ServiceFormView):
    title = _("New country")

    def get_object(self):
        require_superuser(self.request)

    def get_form(self, data=None):
        return forms.CountryForm(data)

    def perform(self, form):
        return country_create(actor=self.request.user, **form.cleaned_data)


class CountryEditView(ServiceFormView):
    def get_object(self):
        require_superuser(self.request)
        return scoping.get_for_user(
            self.request.user, m.Country, self.kwargs["pk"], for_change=True
        )

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return forms.CountryForm(data, instance=self.object)

    def perform(self, form):
        return structure_update(actor=self.request.user, obj=self.object, **form.cleaned_data)
