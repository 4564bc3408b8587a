"""Completions obtained elsewhere (¶27, annex ¶26): the staff member uploads the certificate
for self or a dependant; a focal point (the HQ focal point, the FSCO, the country
representative or its focal point, never the person themself) verifies or rejects it from the
queue, with the file served through a scoped view."""

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
from accountability.core.views import apply_service_errors, paginate
from training.forms import RejectForm, UploadForm
from training.models import RecordStatus, TrainingRecord
from training.services.records import record_reject, record_upload, record_verify
from training.services.uploads import evidence_response
from training.views.common import own_person, safe_next, training_nav


def _queue_url() -> str:
    return reverse("training:verification-queue")


class UploadView(LoginRequiredMixin, View):
    template_name = "training/upload.html"

    def render_form(self, form, person, status=200):
        return render(
            self.request,
            self.template_name,
            {"title": _("Upload a certificate"), "form": form, "person": person},
            status=status,
        )

    def get(self, request):
        person = own_person(request.user)
        form = UploadForm(user=request.user, person=person) if person else None
        return self.render_form(form, person)

    def post(self, request):
        person = own_person(request.user)
        if person is None:
            return self.render_form(None, None, status=400)
        form = UploadForm(request.POST, request.FILES, user=request.user, person=person)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_upload(
                    actor=request.user,
                    person=person,
                    course=data["course"],
                    completed_on=data["completed_on"],
                    evidence=data["evidence"],
                    dependant=data["dependant"],
                    external_reference=data["external_reference"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Your certificate is uploaded. It counts once a focal point verifies it."),
                )
                return HttpResponseRedirect(reverse("training:my-training"))
        return self.render_form(form, person, status=400)


class VerificationQueueView(LoginRequiredMixin, View):
    """Uploads awaiting verification that the user may verify, oldest first.

    Queries: session, user, the grants, COUNT, the page with person, organization, station,
    dependant and course, the base template's two."""

    def get(self, request):
        pending = (
            scoping.editable_by(request.user, TrainingRecord)
            .filter(status=RecordStatus.PENDING)
            .select_related("person__organization", "person__duty_station", "dependant", "course")
            .order_by("created_at", "pk")
        )
        return render(
            request,
            "training/verification_queue.html",
            {
                "title": _("Certificates to verify"),
                "reject_form": RejectForm(),
                **paginate(request, pending),
                **training_nav(request.user),
            },
        )


def _verifiable(request, pk) -> TrainingRecord:
    return scoping.get_for_user(
        request.user,
        TrainingRecord,
        pk,
        for_change=True,
        queryset=TrainingRecord.objects.select_related("person", "course", "dependant"),
    )


class RecordVerifyView(LoginRequiredMixin, View):
    """POST: the focal point confirms the certificate; the completion counts from now."""

    http_method_names = ["post"]

    def post(self, request, pk):
        record = _verifiable(request, pk)
        try:
            record_verify(actor=request.user, record=record)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("The certificate of %(person)s for %(course)s is verified.")
                % {"person": record.person.full_name, "course": record.course.code},
            )
        return HttpResponseRedirect(safe_next(request, _queue_url()))


class RecordRejectView(LoginRequiredMixin, View):
    """GET: the reason form; POST: reject the upload with its reason (required)."""

    template_name = "training/record_reject.html"

    def render_form(self, record, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"title": _("Reject a certificate"), "record": record, "form": form},
            status=status,
        )

    def get(self, request, pk):
        record = _verifiable(request, pk)
        if record.status != RecordStatus.PENDING:
            messages.info(request, _("This completion is no longer awaiting verification."))
            return HttpResponseRedirect(_queue_url())
        return self.render_form(record, RejectForm())

    def post(self, request, pk):
        record = _verifiable(request, pk)
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                record_reject(actor=request.user, record=record, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The certificate of %(person)s for %(course)s is rejected.")
                    % {"person": record.person.full_name, "course": record.course.code},
                )
                return HttpResponseRedirect(_queue_url())
        return self.render_form(record, form, status=400)


class RecordEvidenceView(LoginRequiredMixin, View):
    """The uploaded file, to whoever may verify the record and to the person who owns it;
    404 alike for anyone else, for missing records and for records without a file. Always
    a download of the type read from the bytes when stored, never rendered inline."""

    def get(self, request, pk):
        record = (
            TrainingRecord.objects.filter(
                Q(pk__in=scoping.editable_by(request.user, TrainingRecord).values("pk"))
                | Q(person__user_id=request.user.pk)
            )
            .exclude(evidence="")
            .filter(pk=pk)
            .first()
        )
        if record is None:
            raise Http404
        return evidence_response(record)
