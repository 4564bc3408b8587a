"""The staff member's own page (¶22, ¶25–¶33): what they and their eligible dependants still
owe, the tests they can take, their certificates, their uploads awaiting verification and the
arrival briefings to acknowledge in writing; and the course catalogue."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core.views import paginate
from training import rules as training_rules
from training.models import (
    BriefingAttendee,
    Certificate,
    Course,
    Delivery,
    Question,
    RecordSource,
    RecordStatus,
    RequirementStatus,
    TestAttempt,
    TrainingRecord,
)
from training.requirements import requirements_of
from training.selectors import testable_courses
from training.views.common import own_person, training_nav


class MyTrainingView(LoginRequiredMixin, View):
    """Queries: session, user, the person, the grants (for the links to the managers' pages),
    the requirements, the courses with a test, the open attempts, the certificates, the
    uploads, the briefings to acknowledge, then the base template's two. Constant in the
    number of requirements, certificates and briefings."""

    template_name = "training/my_training.html"

    def get(self, request):
        user = request.user
        person = own_person(user)
        context = {"title": _("My training"), "person": person, **training_nav(user)}
        if person is None:
            return render(request, self.template_name, context)
        today = timezone.localdate()
        requirements = list(
            requirements_of(person, today=today).order_by(
                F("dependant_id").asc(nulls_first=True), "deadline", "rule_id"
            )
        )
        tests: dict[str, list[Course]] = {}
        for course in testable_courses(user).order_by("code"):
            tests.setdefault(course.kind, []).append(course)
        open_attempts = dict(
            TestAttempt.objects.filter(person=person, submitted_at__isnull=True).values_list(
                "course_id", "pk"
            )
        )
        for row in requirements:
            # Tests are taken by the staff member, for self only; a compliant row needs none.
            owes = row.dependant_id is None and row.status != RequirementStatus.COMPLIANT
            row.tests = [
                {"course": course, "open_attempt": open_attempts.get(course.pk)}
                for course in (tests.get(row.course_kind, []) if owes else [])
            ]
        context |= {
            "today": today,
            "requirements": requirements,
            "certificates": Certificate.objects.filter(
                record__person=person, record__status=RecordStatus.VERIFIED
            )
            .select_related("record__course", "record__dependant")
            .order_by("-record__completed_on", "-pk"),
            "uploads": TrainingRecord.objects.filter(person=person, source=RecordSource.UPLOAD)
            .exclude(status=RecordStatus.VERIFIED)
            .select_related("course", "dependant")
            .order_by("-created_at", "-pk"),
            "briefings": BriefingAttendee.objects.filter(
                person=person, acknowledged_at__isnull=True
            )
            .select_related("briefing__duty_station", "briefing__given_by", "dependant")
            .order_by("-briefing__given_on", "pk"),
        }
        return render(request, self.template_name, context)


class CourseListView(LoginRequiredMixin, View):
    """The course catalogue (shared reference data): kind, delivery, provider, validity, the
    paragraph that requires it, whether it counts (annex ¶26) and its test (¶32).

    Queries: session, user, the person (may the user take tests?), COUNT, the page with its
    provider and question-bank flag, the grants (links), the base template's two."""

    def get(self, request):
        user = request.user
        courses = (
            Course.objects.filter(is_active=True)
            .select_related("provider")
            .annotate(
                has_bank=Exists(Question.objects.filter(course_id=OuterRef("pk"), is_active=True)),
                offered=ExpressionWrapper(
                    training_rules.courses_offered_q(user), output_field=BooleanField()
                ),
            )
            .order_by("code")
        )
        return render(
            request,
            "training/course_list.html",
            {
                "title": _("Course catalogue"),
                "takes_tests": own_person(user) is not None,
                "online": Delivery.ONLINE,
                **paginate(request, courses),
                **training_nav(user),
            },
        )
