"""Web pages of the ASC and warden workflow (¶17, ¶19, ¶24): nominate, the workflow panel of
the appointment page with its action forms, the DO's approval queue, in-app notifications.

Every page is login-required and every object comes through ``accountability.core.scoping``
(out of scope answers 404). The rules live in ``appointments.services.workflow``: these views parse
the
input, call the service and show its ValidationError messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import ServiceFormView
from actors import models as m
from appointments import forms
from appointments.models import (
    Answer,
    Appointment,
    AppointmentLetter,
    AppointmentStatus,
    Consultation,
)
from appointments.selectors import approval_queue
from appointments.services import workflow

S = AppointmentStatus


def _detail(appointment_pk: int) -> str:
    return reverse("appointments:appointment-detail", args=[appointment_pk])


# --- Nominate ---------------------------------------------------------------------------------


class NominateView(ServiceFormView):
    """``/nominations/new/?zone=<id>`` or ``?area=<id>``: 404 unless the user may nominate at
    the decision station (the FSCO, an SMT member or the DO, ¶17, ¶19)."""

    submit_label = _("Save the nomination")

    def get_object(self):
        user, params = self.request.user, self.request.GET
        if params.get("zone"):
            self.scope = scoping.get_for_user(
                user,
                m.WardenZone,
                params["zone"],
                queryset=m.WardenZone.objects.select_related("duty_station"),
            )
            probe = Appointment(scope_zone=self.scope)
        elif params.get("area"):
            self.scope = scoping.get_for_user(user, m.Area, params["area"])
            probe = Appointment(scope_area=self.scope)
        else:
            raise Http404
        try:
            station = workflow.decision_station(probe)
        except ValidationError:
            raise Http404 from None
        if not workflow.may_nominate(user, station):
            raise Http404
        return None

    def get_title(self):
        if isinstance(self.scope, m.WardenZone):
            return _("Nominate a warden for %(zone)s") % {"zone": self.scope}
        return _("Nominate an Area Security Coordinator for %(area)s") % {"area": self.scope}

    def get_cancel_url(self):
        if isinstance(self.scope, m.WardenZone):
            return reverse("actors:warden-zone-detail", args=[self.scope.pk])
        return reverse("actors:area-detail", args=[self.scope.pk])

    def get_form(self, data=None):
        return forms.NominationForm(data, user=self.request.user, scope=self.scope)

    def perform(self, form):
        data = form.cleaned_data
        return workflow.nomination_create(
            actor=self.request.user,
            person=data["person"],
            role=data["role"],
            scope=self.scope,
            start_date=data["start_date"],
            end_date=data["end_date"],
            is_alternate=data.get("is_alternate") or False,
            statements=form.statements(),
        )


# --- The workflow panel of the appointment page ------------------------------------------------


def workflow_context(request, appointment) -> dict:
    """Context of ``appointments/_workflow_panel.html`` for an ASC or warden appointment; nothing
    (and no query) for other roles. Which action forms show is what
    ``workflow.available_actions`` answers, from the services' own checks."""
    if appointment.role.code not in workflow.WORKFLOW_ROLES:
        return {}
    user = request.user
    statements = list(appointment.competency_statements.select_related("competency"))
    prefetch_related_objects(
        [appointment],
        Prefetch(
            "consultations", queryset=Consultation.objects.select_related("member", "answered_by")
        ),
    )
    consultations = list(appointment.consultations.all())
    letter = AppointmentLetter.objects.filter(appointment=appointment).first()
    try:
        station = workflow.decision_station(appointment)
    except ValidationError:
        station = None
    status = appointment.status
    mine = workflow.consultation_of(user, appointment)
    today = timezone.localdate()
    pending = sum(1 for c in consultations if c.answer == Answer.PENDING)
    closed = bool(
        appointment.consultation_ends_on and today > appointment.consultation_ends_on
    ) or (status == S.CONSULTATION and pending == 0)
    missing = []
    if status == S.DRAFT:
        have = {s.competency_id for s in statements}
        missing = [c for c in appointment.role.competencies.all() if c.pk not in have]
    available = workflow.available_actions(user=user, appointment=appointment)
    actions = {name: name in available for name in ("submit", "withdraw", "consult", "release")}
    actions["decide"] = bool(available & {"approve", "reject"})
    actions["revoke"] = "revoke" in available
    counts = {a: sum(1 for c in consultations if c.answer == a) for a in Answer.values}
    return {
        "wf": {
            "station": station,
            "statements": statements,
            "missing": missing,
            "consultations": consultations,
            "counts": counts,
            "pending": pending,
            "closed": closed,
            "mine": mine,
            "letter": letter if letter is not None and letter.sha256 else None,
            "letter_pending": letter is not None and not letter.sha256,
            "actions": actions,
            "any_action": any(actions.values()),
            "consult_form": forms.ConsultationForm(
                auto_id="consult_%s",
                initial={"answer": mine.answer, "reasons": mine.reasons}
                if mine and mine.answer != Answer.PENDING
                else None,
            ),
            "release_form": forms.ReleaseForm(
                auto_id="release_%s",
                initial={
                    "hours_per_week": appointment.release_hours_per_week,
                    "percent": appointment.release_percent,
                },
            ),
            "decision_form": forms.DecisionForm(auto_id="decide_%s"),
            "revoke_form": forms.ReasonForm(auto_id="revoke_%s"),
            "withdraw_form": forms.ReasonForm(auto_id="withdraw_%s"),
        }
    }


class AppointmentActionView(LoginRequiredMixin, View):
    """POST only: one workflow step on an appointment the user may see (404 otherwise). The
    service's errors come back as messages on the appointment page, and nothing changes."""

    http_method_names = ["post"]
    form_class: type | None = None
    success_message = ""

    def perform(self, appointment, data: dict):
        raise NotImplementedError

    def post(self, request, pk: int):
        appointment = scoping.get_for_user(
            request.user,
            Appointment,
            pk,
            queryset=Appointment.objects.select_related(
                "person", "role", "scope_zone", "scope_area"
            ),
        )
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return HttpResponseRedirect(_detail(pk))
        try:
            self.perform(appointment, form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(_detail(pk))


class SubmitView(AppointmentActionView):
    success_message = _("The nomination went to the SMT for consultation.")

    def perform(self, appointment, data):
        workflow.nomination_submit(actor=self.request.user, appointment=appointment)


class ConsultView(AppointmentActionView):
    form_class = forms.ConsultationForm
    success_message = _("Your view is recorded.")

    def perform(self, appointment, data):
        workflow.consultation_answer(
            actor=self.request.user,
            appointment=appointment,
            answer=data["answer"],
            reasons=data["reasons"],
        )


class ReleaseView(AppointmentActionView):
    form_class = forms.ReleaseForm
    success_message = _("The working time released is recorded.")

    def perform(self, appointment, data):
        workflow.release_record(
            actor=self.request.user,
            appointment=appointment,
            hours_per_week=data["hours_per_week"],
            percent=data["percent"],
        )


class DecideView(AppointmentActionView):
    form_class = forms.DecisionForm

    def perform(self, appointment, data):
        approve = data["decision"] == "approve"
        workflow.appointment_decide(
            actor=self.request.user, appointment=appointment, approve=approve, reason=data["reason"]
        )
        self.success_message = (
            _("The appointment is approved.") if approve else _("The nomination is rejected.")
        )


class RevokeView(AppointmentActionView):
    form_class = forms.ReasonForm
    success_message = _("The appointment is revoked.")

    def perform(self, appointment, data):
        workflow.appointment_revoke(
            actor=self.request.user, appointment=appointment, reason=data["reason"]
        )


class WithdrawView(AppointmentActionView):
    form_class = forms.ReasonForm
    success_message = _("The nomination is withdrawn.")

    def perform(self, appointment, data):
        workflow.nomination_withdraw(
            actor=self.request.user, appointment=appointment, reason=data["reason"]
        )


# --- The DO's approval queue ------------------------------------------------------------------

QUEUE_RELATED = ("person__organization", "role", "scope_zone__duty_station", "scope_area__country")


class ApprovalQueueView(LoginRequiredMixin, View):
    """Nominations in consultation the user decides on as DO (one scoped query with the
    consultation summary), and the user's own drafts. 404 for whoever neither decides nor
    nominates anywhere."""

    def get(self, request):
        user = request.user
        if not scoping.holds(user, "decide_appointments", "nominate"):
            raise Http404
        queue = (
            approval_queue(user)
            .select_related(*QUEUE_RELATED)
            .order_by("consultation_ends_on", "pk")
        )
        drafts = (
            scoping.visible_to(user, Appointment)
            .filter(status=S.DRAFT, nominated_by_id=user.pk)
            .select_related(*QUEUE_RELATED)
            .annotate(n_statements=Count("competency_statements"))
            .order_by("-created_at", "-pk")
        )
        context = {
            "title": _("Approval queue"),
            "queue": list(queue),
            "drafts": list(drafts),
        }
        return render(request, "appointments/approvals.html", context)
