"""/api/v1/test-attempts/: the computer-generated test of ¶32 through the API.

A staff member starts a course's test (or resumes the attempt already open), reads the drawn
questions with their choices (never which is correct), and submits one answer per question;
passing records the completion and requests the certificate (training.services.attempts).
Attempts follow the person: managers who see the person see the scores, but the questions
are shown to the taker alone, while the attempt is open, and only the taker submits (anyone
else gets 404). A list or detail costs three queries (the token, the user's grants, the rows);
the taker's open attempt adds two, for the questions and their choices.
"""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core.api.base import CreateModelMixin, ReadOnlyScopedViewSet, split_fields
from training.models import TestAttempt
from training.services import attempts as attempt_services

from .common import OfferedCourseField
from .filters import AttemptFilter


class ChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    choices = ChoiceSerializer(many=True)


class AttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    person = serializers.IntegerField()
    person_family_name = serializers.CharField()
    person_given_names = serializers.CharField()
    course = serializers.IntegerField()
    course_code = serializers.CharField()
    pass_mark = serializers.IntegerField()
    questions_count = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    record = serializers.IntegerField(allow_null=True)
    certificate = serializers.IntegerField(allow_null=True)
    own = serializers.BooleanField(help_text=_("Whether you are the one taking this test."))
    questions = QuestionSerializer(
        many=True,
        required=False,
        help_text=_("Your open attempt's questions, in order (the detail and the start only)."),
    )


class AttemptStartSerializer(serializers.Serializer):
    course = OfferedCourseField(help_text=_("An online course with a question bank."))


class AttemptSubmitSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.IntegerField(min_value=1),
        help_text=_("One choice id per question id: {question id: choice id}."),
    )


def question_rows(attempt: TestAttempt) -> list[dict]:
    """The drawn questions and their choices, without ``is_correct`` (two queries)."""
    return [
        {
            "id": question.pk,
            "text": question.text,
            "choices": [
                {"id": choice.pk, "text": choice.text} for choice in question.choices.all()
            ],
        }
        for question in attempt_services.attempt_questions(attempt)
    ]


@extend_schema_view(
    list=extend_schema(summary="Test attempts: your own and those of the people you may see"),
    retrieve=extend_schema(summary="One attempt; your open attempt shows its questions"),
    create=extend_schema(
        request=AttemptStartSerializer,
        responses={201: AttemptSerializer, 200: AttemptSerializer},
        summary="Start a course's test (201), or resume the attempt already open (200)",
    ),
    submit=extend_schema(
        request=AttemptSubmitSerializer,
        responses={200: AttemptSerializer},
        summary="Submit one answer per question: the score, passed or not (¶32)",
    ),
)
class TestAttemptViewSet(CreateModelMixin, ReadOnlyScopedViewSet):
    __test__ = False  # not a pytest test class, whatever its name

    model = TestAttempt
    output_fields = (
        "id",
        "organization",
        "person",
        ("person_family_name", "person__family_name"),
        ("person_given_names", "person__given_names"),
        "course",
        ("course_code", "course__code"),
        ("pass_mark", "course__pass_mark"),
        "questions_count",
        "started_at",
        "submitted_at",
        "score",
        "passed",
        "record",
        ("certificate", "record__certificate__id"),
        "own",
    )
    output_serializer_class = AttemptSerializer
    input_serializer_class = AttemptStartSerializer
    filterset_class = AttemptFilter
    ordering_fields = ("started_at", "id")
    ordering = ("-started_at", "-id")
    change_actions = frozenset({"submit"})
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return TestAttempt.objects.annotate(
            questions_count=Func(
                F("questions"), function="jsonb_array_length", output_field=IntegerField()
            ),
            own=Q(person__user_id=self.request.user.pk),
        )

    def rows(self, queryset):
        names, renames = split_fields(self.output_fields)
        if self.action != "list":
            # A detail also reads the drawn question ids, to show the taker the questions.
            renames["drawn"] = F("questions")
        return queryset.values(*names, **renames)

    def with_questions(self, row: dict) -> dict:
        drawn = row.pop("drawn", [])
        if row["own"] and row["submitted_at"] is None:
            row["questions"] = question_rows(TestAttempt(pk=row["id"], questions=drawn))
        return row

    def retrieve(self, request, pk=None, format=None):
        return Response(self.with_questions(self.row_for(pk)))

    def create(self, request, *args, **kwargs):
        course = self.validated()["course"]
        resumed = attempt_services.attempt_open(actor=request.user, course=course) is not None
        attempt = attempt_services.attempt_start(actor=request.user, course=course)
        return Response(
            self.with_questions(self.row_for(attempt.pk)),
            status=status.HTTP_200_OK if resumed else status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None, format=None):
        attempt = self.get_object()
        data = self.validated(AttemptSubmitSerializer)
        attempt_services.attempt_submit(
            actor=request.user, attempt=attempt, answers=data["answers"]
        )
        return Response(self.with_questions(self.row_for(attempt.pk)))
