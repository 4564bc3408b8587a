"""Duty stations (with their security phase history), areas and warden zones."""

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
from actors.services.geography import (
    area_create,
    duty_station_set_phase,
    structure_update,
    warden_zone_create,
)
from actors.services.reference import duty_station_create


class DutyStationListView(ScopedListView):
    model = m.DutyStation
    title = _("Duty stations")
    select_related = ("country", "area")
    columns = (
        Column(_("Name"), lambda s: s.name),
        Column(_("Country"), lambda s: s.country.name),
        Column(_("Area"), lambda s: s.area.name if s.area else "—"),
        Column(_("Security phase"), lambda s: s.get_security_phase_display()),
        Column(_("Since"), lambda s: s.security_phase_since or "—"),
    )
    search_fields = ("name", "country__name")
    filter_form_class = forms.DutyStationFilterForm
    detail_url_name = "actors:duty-station-detail"
    create_url_name = "actors:duty-station-create"

    def may_create(self):
        return self.request.user.is_superuser


class DutyStationDetailView(ScopedDetailView):
    model = m.DutyStation
    select_related = ("country", "area")
    edit_url_name = "actors:duty-station-edit"
    template_name = "actors/duty_station_detail.html"

    def fields(self, obj):
        return [
            (_("Name"), obj.name),
            (_("Country"), obj.country),
            (_("Capital"), _("Yes") if obj.is_capital else _("No")),
            (_("Area"), obj.area or "—"),
            (_("Time zone"), obj.time_zone),
            (_("Security phase"), obj.get_security_phase_display()),
            (_("Phase in effect since"), obj.security_phase_since or "—"),
        ]

    def extra_context(self, obj):
        user = self.request.user
        return {
            # What the apps above actors add, in their stable order (inspections/panels.py:
            # the station's flag, score trend and open findings by agency, ¶39–¶40;
            # appointments/panels.py: its security structure and the representative's
            # arrangements; meetings/panels.py: the SMT's meetings).
            "station_panels": panels.for_page("duty_station", user=user, station=obj),
            "phase_changes": obj.phase_changes.select_related("declared_by")[:50],
            "people_count": scoping.visible_to(user, m.Person)
            .filter(duty_station=obj, is_active=True)
            .count(),
        }


class DutyStationCreateView(ServiceFormView):
    title = _("New duty station")

    def get_object(self):
        require_superuser(self.request)

    def get_form(self, data=None):
        return forms.DutyStationForm(data)

    def perform(self, form):
        return duty_station_create(actor=self.request.user, **form.cleaned_data)


class StructureEditView(ServiceFormView):
    """Edit a duty station, area or zone the user may change (404 otherwise)."""

    model: type = None
    select_related: tuple[str, ...] = ()
    form_class: type = None

    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            self.model,
            self.kwargs["pk"],
            for_change=True,
            queryset=self.model.objects.select_related(*self.select_related),
        )

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return self.form_class(data, instance=self.object)

    def perform(self, form):
        return structure_update(actor=self.request.user, obj=self.object, **form.cleaned_data)


class DutyStationEditView(StructureEditView):
    model = m.DutyStation
    select_related = ("country",)
    form_class = forms.DutyStationForm


class DutyStationPhaseView(ServiceFormView):
    """Record a security phase change (the station's DO or FSCO, ¶8, ¶10)."""

    submit_label = _("Record the phase change")

    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            m.DutyStation,
            self.kwargs["pk"],
            for_change=True,
            queryset=m.DutyStation.objects.select_related("country"),
        )

    def get_title(self):
        return _("Security phase of %(name)s") % {"name": self.object}

    def get_form(self, data=None):
        return forms.PhaseChangeForm(data, instance=m.SecurityPhaseChange(duty_station=self.object))

    def perform(self, form):
        duty_station_set_phase(
            actor=self.request.user, duty_station=self.object, **form.cleaned_data
        )
        return self.object


class AreaListView(ScopedListView):
    model = m.Area
    title = _("Areas")
    select_related = ("country",)
    columns = (
        Column(_("Name"), lambda a: a.name),
        Column(_("Country"), lambda a: a.country.name),
    )
    search_fields = ("name", "country__name")
    filter_form_class = forms.AreaFilterForm
    detail_url_name = "actors:area-detail"
    create_url_name = "actors:area-create"
    panels_page = "area_list"  # appointments adds "has an Area Security Coordinator"

    def may_create(self):
        user = self.request.user
        return scoping.holds(user, "change_structure", kind="country")


class AreaDetailView(ScopedDetailView):
    model = m.Area
    select_related = ("country",)
    edit_url_name = "actors:area-edit"
    template_name = "actors/area_detail.html"

    def fields(self, obj):
        return [
            (_("Name"), obj.name),
            (_("Country"), obj.country),
            (_("Description"), obj.description or "—"),
        ]

    def extra_context(self, obj):
        return {
            "stations": obj.duty_stations.order_by("name"),
            # What the apps above actors add (appointments/panels.py: the area's appointments).
            "area_panels": panels.for_page("area", user=self.request.user, area=obj),
        }


class AreaCreateView(ServiceFormView):
    title = _("New area")

    def get_form(self, data=None):
        return forms.AreaForm(data, user=self.request.user)

    def perform(self, form):
        return area_create(actor=self.request.user, **form.cleaned_data)


class AreaEditView(StructureEditView):
    model = m.Area
    select_related = ("country",)
    form_class = forms.AreaForm


class WardenZoneListView(ScopedListView):
    model = m.WardenZone
    title = _("Warden zones")
    select_related = ("duty_station__country",)
    columns = (
        Column(_("Name"), lambda z: z.name),
        Column(_("Duty station"), lambda z: z.duty_station),
    )
    search_fields = ("name", "duty_station__name")
    filter_form_class = forms.WardenZoneFilterForm
    detail_url_name = "actors:warden-zone-detail"
    create_url_name = "actors:warden-zone-create"
    panels_page = "warden_zone_list"  # appointments adds "has a warden"

    def may_create(self):
        return scoping.holds(self.request.user, "change_structure", kind="station")


class WardenZoneDetailView(ScopedDetailView):
    model = m.WardenZone
    select_related = ("duty_station__country",)
    edit_url_name = "actors:warden-zone-edit"
    template_name = "actors/warden_zone_detail.html"

    def fields(self, obj):
        return [
            (_("Name"), obj.name),
            (_("Duty station"), obj.duty_station),
            (_("Description"), obj.description or "—"),
        ]

    def extra_context(self, obj):
        return {
            # What the apps above actors add (appointments/panels.py: the zone's warden and
            # alternates).
            "zone_panels": panels.for_page("warden_zone", user=self.request.user, zone=obj),
        }


class WardenZoneCreateView(ServiceFormView):
    title = _("New warden zone")

    def get_form(self, data=None):
        return forms.WardenZoneForm(data, user=self.request.user)

    def perform(self, form):
        return warden_zone_create(actor=self.request.user, **form.cleaned_data)


class WardenZoneEditView(StructureEditView):
    model = m.WardenZone
    select_related = ("duty_station",)
    form_class = forms.WardenZoneForm
