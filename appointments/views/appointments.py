"""Appointments: who holds which role over which scope. Created through
``appointment_create``; ended or revoked through ``appointment_end``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from accountability.core.views import Column, ScopedDetailView, ScopedListView, ServiceFormView
from actors import models as m
from appointments import forms
from appointments.models import Appointment, AppointmentStatus
from appointments.services.appointments import appointment_create, appointment_end

SCOPE_RELATED = (
    "scope_organization",
    "scope_country",
    "scope_duty_station__country",
    "scope_area__country",
    "scope_zone__duty_station",
)


class AppointmentListView(ScopedListView):
    model = Appointment
    title = _("Appointments")
    select_related = ("person", "role", "organization", *SCOPE_RELATED)
    columns = (
        Column(_("Person"), lambda a: a.person),
        Column(_("Role"), lambda a: a.role.name),
        Column(_("Scope"), lambda a: a.scope),
        Column(_("Organization"), lambda a: a.organization.code.upper()),
        Column(_("Start"), lambda a: a.start_date),
        Column(_("End"), lambda a: a.end_date or "—"),
        Column(_("Status"), lambda a: a.get_status_display()),
    )
    search_fields = ("person__family_name", "person__given_names", "role__name")
    search_help = _("Person or role")
    filter_form_class = forms.AppointmentFilterForm
    detail_url_name = "appointments:appointment-detail"


class AppointmentDetailView(ScopedDetailView):
    model = Appointment
    select_related = (
        "person__duty_station",
        "role",
        "organization",
        "appointed_by",
        # The ASC / warden workflow panel names them (appointments.views.workflow.workflow_context).
        "nominated_by",
        "released_by",
        "decided_by",
        *SCOPE_RELATED,
    )
    template_name = "appointments/appointment_detail.html"

    def fields(self, obj):
        return [
            (_("Person"), obj.person),
            (_("Role"), obj.role.name),
            (_("Scope"), f"{obj.get_scope_kind_display()}: {obj.scope}"),
            (_("Organization"), obj.organization),
            (_("Ad interim"), _("Yes") if obj.is_ad_interim else _("No")),
            (_("Start date"), obj.start_date),
            (_("End date"), obj.end_date or "—"),
            (_("Status"), obj.get_status_display()),
            (_("Appointed by"), obj.appointed_by.username if obj.appointed_by else "—"),
            (_("Ended on"), obj.ended_on or "—"),
            (_("Reason for ending"), obj.end_reason or "—"),
        ]

    def extra_context(self, obj):
        live = obj.status in (AppointmentStatus.PENDING, AppointmentStatus.ACTIVE)
        from appointments.views.workflow import (
            workflow_context,  # the workflow's own panel (¶17, ¶19)
        )

        return {
            "end_url": reverse("appointments:appointment-end", args=[obj.pk])
            if live and self.can_edit_cached
            else None,
            **workflow_context(self.request, obj),
        }

    def can_edit(self, obj):
        self.can_edit_cached = super().can_edit(obj)
        return self.can_edit_cached


class AppointmentCreateView(ServiceFormView):
    """Appoint a person the user may see; ``appointment_create`` decides who may appoint."""

    submit_label = _("Appoint")

    def get_object(self):
        self.person = scoping.get_for_user(
            self.request.user,
            m.Person,
            self.kwargs["person_pk"],
            queryset=m.Person.objects.select_related("organization", "duty_station"),
        )

    def get_title(self):
        return _("Appoint %(name)s") % {"name": self.person}

    def get_cancel_url(self):
        return reverse("actors:person-detail", args=[self.person.pk])

    def get_form(self, data=None):
        return forms.AppointmentForm(data, person=self.person)

    def perform(self, form):
        return appointment_create(actor=self.request.user, person=self.person, **form.cleaned_data)


class AppointmentEndView(ServiceFormView):
    submit_label = _("End the appointment")

    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            Appointment,
            self.kwargs["pk"],
            for_change=True,
            queryset=Appointment.objects.select_related("person", "role"),
        )

    def get_title(self):
        return _("End %(name)s") % {"name": self.object}

    def get_cancel_url(self):
        return reverse("appointments:appointment-detail", args=[self.object.pk])

    def get_form(self, data=None):
        return forms.AppointmentEndForm(data)

    def perform(self, form):
        data = form.cleaned_data
        return appointment_end(
            actor=self.request.user,
            appointment=self.object,
            reason=data["end_reason"],
            revoke=data["revoke"],
            on=data["on"],
        )
