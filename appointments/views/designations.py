"""Web pages of the appointments outside the ASC/warden workflow
(appointments.services.designations).

- UNSECOORD's decisions: DO ad interim recommendations (¶8(b)) and agency security officers
  awaiting clearance (annex ¶12), with approve / reject and clear / refuse forms.
- The DO recommends a DO ad interim from the country page or the dashboard (¶8(b)).
- The country representative names its Country Security Focal Point (annex ¶24) and a deputy
  who sits in on the SMT while it is absent (annex ¶22), from the duty-station page.

Every page answers 404 to whoever may not act on it; every object comes through
``accountability.core.scoping``. The rules live in ``appointments.services.designations``: these
views parse the
input, call the service and show its ValidationError messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import ServiceFormView
from actors import models as m
from appointments import forms
from appointments.models import Appointment, AppointmentStatus
from appointments.services import designations
from appointments.services.appointments import LIVE_STATUSES
from appointments.views.appointments import SCOPE_RELATED

S = AppointmentStatus

# The appointments UNSECOORD decides on: DO ad interim recommendations and agency security
# officers awaiting clearance, both in draft.
INTERIM = Q(role__code=designations.DO, is_ad_interim=True)
SECURITY_OFFICER = Q(role__code=designations.ASO)


def _require_unsecoord(user) -> None:
    # Out-of-scope pages answer 404, never 403.
    if not designations.is_unsecoord(user):
        raise Http404


def _decisions_url() -> str:
    return reverse("appointments:unsecoord-decisions")


class UnsecoordDecisionsView(LoginRequiredMixin, View):
    """One scoped query: every draft DO ad interim and agency security officer."""

    def get(self, request):
        user = request.user
        _require_unsecoord(user)
        awaiting = (
            scoping.visible_to(user, Appointment)
            .filter(INTERIM | SECURITY_OFFICER, status=S.DRAFT)
            .select_related("person__organization", "role", "nominated_by", *SCOPE_RELATED)
            .order_by("start_date", "pk")
        )
        rows = list(awaiting)
        context = {
            "title": _("UNSECOORD decisions"),
            "interims": [a for a in rows if a.role.code == designations.DO],
            "officers": [a for a in rows if a.role.code == designations.ASO],
            "reason_form": forms.ReasonForm(auto_id=False),
        }
        return render(request, "appointments/unsecoord_decisions.html", context)


class UnsecoordActionView(LoginRequiredMixin, View):
    """POST only: UNSECOORD decides on one appointment of ``kind`` (404 for anyone else and for
    another kind of appointment). Errors come back as messages and nothing changes."""

    http_method_names = ["post"]
    kind: Q = Q()
    with_reason = False
    success_message = ""

    def perform(self, appointment, reason: str):
        raise NotImplementedError

    def post(self, request, pk: int):
        _require_unsecoord(request.user)
        appointment = scoping.get_for_user(
            request.user,
            Appointment,
            pk,
            queryset=Appointment.objects.filter(self.kind).select_related("person", "role"),
        )
        form = forms.ReasonForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("reason", "") if self.with_reason else ""
        try:
            self.perform(appointment, reason)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message % {"person": appointment.person})
        return HttpResponseRedirect(_decisions_url())


class InterimApproveView(UnsecoordActionView):
    kind = INTERIM
    success_message = _("%(person)s is approved as DO ad interim.")

    def perform(self, appointment, reason):
        designations.do_interim_approve(actor=self.request.user, appointment=appointment)


class InterimRejectView(UnsecoordActionView):
    kind = INTERIM
    with_reason = True
    success_message = _("The recommendation of %(person)s is rejected.")

    def perform(self, appointment, reason):
        designations.do_interim_reject(
            actor=self.request.user, appointment=appointment, reason=reason
        )


class SecurityOfficerClearView(UnsecoordActionView):
    kind = SECURITY_OFFICER
    success_message = _("%(person)s is cleared for deployment.")

    def perform(self, appointment, reason):
        designations.aso_clear(actor=self.request.user, appointment=appointment)


class SecurityOfficerRefuseView(UnsecoordActionView):
    kind = SECURITY_OFFICER
    with_reason = True
    success_message = _("The clearance of %(person)s is refused.")

    def perform(self, appointment, reason):
        designations.aso_refuse(actor=self.request.user, appointment=appointment, reason=reason)


# --- The DO recommends a DO ad interim (¶8(b)) ---------------------------------------------------


class InterimRecommendView(ServiceFormView):
    """``/countries/<pk>/interim-do/new/``: 404 unless the user is the country's DO."""

    submit_label = _("Recommend to UNSECOORD")

    def get_object(self):
        country = scoping.get_for_user(self.request.user, m.Country, self.kwargs["pk"])
        if not designations.may_recommend_interim(self.request.user, country):
            raise Http404
        return country

    def get_title(self):
        return _("Recommend a DO ad interim for %(country)s") % {"country": self.object}

    def get_cancel_url(self):
        return reverse("actors:country-detail", args=[self.object.pk])

    def get_form(self, data=None):
        return forms.InterimRecommendationForm(data, user=self.request.user, country=self.object)

    def perform(self, form):
        return designations.do_interim_recommend(
            actor=self.request.user, country=self.object, **form.cleaned_data
        )


# --- The country representative: focal point (annex ¶24) and SMT deputy (annex ¶22) ------------


class _StationFormView(ServiceFormView):
    def get_object(self):
        station = scoping.get_for_user(
            self.request.user,
            m.DutyStation,
            self.kwargs["pk"],
            queryset=m.DutyStation.objects.select_related("country"),
        )
        if not designations.represents(self.request.user, station):
            raise Http404
        return station

    def get_cancel_url(self):
        return reverse("actors:duty-station-detail", args=[self.object.pk])


class FocalPointNameView(_StationFormView):
    """``/duty-stations/<pk>/focal-point/new/``: 404 unless the user represents its
    organization at the station."""

    submit_label = _("Name the focal point")

    def whole_country(self) -> bool:
        user = self.request.user
        return user.is_superuser or self.object.country_id in scoping.grants(user).ids(
            "country", "release_staff"
        )

    def get_title(self):
        return _("Name a country security focal point at %(station)s") % {"station": self.object}

    def get_form(self, data=None):
        return forms.FocalPointForm(
            data,
            user=self.request.user,
            station=self.object,
            whole_country=self.whole_country(),
        )

    def perform(self, form):
        data = dict(form.cleaned_data)
        scope = self.object.country if data.pop("scope") == "country" else self.object
        return designations.focal_point_name(actor=self.request.user, scope=scope, **data)


class SmtDeputyView(_StationFormView):
    """``/duty-stations/<pk>/smt-deputy/new/``: the representative's own live seat on this
    station's SMT; 404 when it has none here."""

    submit_label = _("Name the deputy")

    def get_object(self):
        station = super().get_object()
        user = self.request.user
        self.seats = (
            Appointment.objects.filter(
                person__user_id=user.pk,
                role__code__in=("country_representative", "smt"),
                status__in=LIVE_STATUSES,
            )
            .filter(
                Q(scope_duty_station_id=station.pk)
                | Q(scope_country_id=station.country_id, person__duty_station_id=station.pk)
            )
            .select_related("role", *SCOPE_RELATED)
            .order_by("pk")
        )
        if not self.seats.exists():
            raise Http404
        return station

    def get_title(self):
        return _("Name a deputy to sit in on the SMT of %(station)s") % {"station": self.object}

    def get_form(self, data=None):
        return forms.SmtDeputyForm(
            data, user=self.request.user, station=self.object, seats=self.seats
        )

    def perform(self, form):
        return designations.smt_deputy_sit_in(actor=self.request.user, **form.cleaned_data)
