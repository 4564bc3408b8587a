"""The computer-generated test of ¶32 in the browser: start (or resume) an attempt, answer the
drawn questions on one form, see the score against the pass mark; retake after a failure;
the certificate of a pass. Attempts are the staff member's own: anyone else's answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import apply_service_errors
from training.forms import AnswerSheetForm
from training.models import Certificate, TestAttempt
from training.selectors import testable_courses
from training.services.attempts import attempt_questions, attempt_start, attempt_submit


def own_attempt(request, pk) -> TestAttempt:
    """The user's own attempt: 404 alike for missing and someone else's (even one the user
    may see as a manager: the test is taken by the person alone)."""
    return scoping.get_for_user(
        request.user,
        TestAttempt,
        pk,
        for_change=True,
        queryset=TestAttempt.objects.select_related("course"),
    )


class TestStartView(LoginRequiredMixin, View):
    """POST: start the course's test, or resume the attempt already open (one at a time)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        course = get_object_or_404(testable_courses(request.user), pk=pk)
        try:
            attempt = attempt_start(actor=request.user, course=course)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            return HttpResponseRedirect(reverse("training:my-training"))
        return HttpResponseRedirect(reverse("training:test-take", args=[attempt.pk]))


class TestTakeView(LoginRequiredMixin, View):
    """The drawn questions, one radio group each, on one form.

    Queries (GET): session, user, the attempt (scoped), the questions, their choices, the
    base template's two."""

    template_name = "training/test_take.html"

    def render_form(self, attempt, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"title": attempt.course.localized_title, "attempt": attempt, "form": form},
            status=status,
        )

    def get(self, request, pk):
        attempt = own_attempt(request, pk)
        if attempt.submitted_at is not None:
            return HttpResponseRedirect(reverse("training:test-result", args=[attempt.pk]))
        form = AnswerSheetForm(attempt=attempt, questions=attempt_questions(attempt))
        return self.render_form(attempt, form)

    def post(self, request, pk):
        attempt = own_attempt(request, pk)
        if attempt.submitted_at is not None:
            return HttpResponseRedirect(reverse("training:test-result", args=[attempt.pk]))
        form = AnswerSheetForm(request.POST, attempt=attempt, questions=attempt_questions(attempt))
        if form.is_valid():
            try:
                attempt = attempt_submit(
                    actor=request.user, attempt=attempt, answers=form.answers()
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                return HttpResponseRedirect(reverse("training:test-result", args=[attempt.pk]))
        return self.render_form(attempt, form, status=400)


class TestResultView(LoginRequiredMixin, View):
    """Score, pass mark, passed or not; a retake after a failure, the certificate after a pass.

    Queries: session, user, the attempt with its course, the certificate, the base template's
    two."""

    def get(self, request, pk):
        attempt = own_attempt(request, pk)
        if attempt.submitted_at is None:
            return HttpResponseRedirect(reverse("training:test-take", args=[attempt.pk]))
        certificate = None
        if attempt.passed and attempt.record_id:
            certificate = Certificate.objects.filter(record_id=attempt.record_id).first()
        return render(
            request,
            "training/test_result.html",
            {
                "title": _("Test result: %(course)s") % {"course": attempt.course.localized_title},
                "attempt": attempt,
                "course": attempt.course,
                "certificate": certificate,
            },
        )
