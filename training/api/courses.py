"""/api/v1/courses/: the course catalogue (¶25–¶33), shared reference data.

Everyone signed in reads it (two queries: the token, the page); an agency's training focal
point adds and changes its own courses until UNSECOORD endorses them, and UNSECOORD endorses
them (annex ¶26), all through training.services.courses. The question bank is never shown
here: it holds the answers (training.api.attempts shows a taker the questions alone).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core.api.base import (
    CreateModelMixin,
    ReadOnlyScopedViewSet,
    UpdateModelMixin,
)
from actors.models import Organization, OrganizationKind
from training.models import Course, CourseKind, Delivery, Question
from training.services import courses as course_services

from .common import NamedChoiceField
from .filters import CourseFilter


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    title_fr = serializers.CharField()
    title_zh = serializers.CharField()
    kind = NamedChoiceField(CourseKind.choices, enum_name="CourseKindEnum")
    delivery = NamedChoiceField(Delivery.choices, enum_name="DeliveryEnum")
    provider = serializers.IntegerField()
    provider_code = serializers.CharField()
    endorsed_at = serializers.DateTimeField(allow_null=True)
    counts = serializers.BooleanField(
        help_text=_("Whether completions meet requirements: UNSECOORD's or endorsed (annex ¶26).")
    )
    has_test = serializers.BooleanField(
        help_text=_("Online, with a question bank: completed by the test of ¶32.")
    )
    validity_months = serializers.IntegerField(allow_null=True)
    paragraph = serializers.CharField()
    description = serializers.CharField()
    pass_mark = serializers.IntegerField()
    questions_per_test = serializers.IntegerField()
    is_active = serializers.BooleanField()


class CourseUpdateSerializer(serializers.Serializer):
    """What an agency changes on its own course; the code is the course's permanent key."""

    title = serializers.CharField(max_length=200, required=False)
    title_fr = serializers.CharField(max_length=200, required=False, allow_blank=True)
    title_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kind = NamedChoiceField(CourseKind.choices, enum_name="CourseKindEnum", required=False)
    delivery = NamedChoiceField(Delivery.choices, enum_name="DeliveryEnum", required=False)
    validity_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=240
    )
    paragraph = serializers.CharField(max_length=60, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    pass_mark = serializers.IntegerField(required=False, min_value=1, max_value=100)
    questions_per_test = serializers.IntegerField(required=False, min_value=1)
    is_active = serializers.BooleanField(required=False)


class CourseInputSerializer(CourseUpdateSerializer):
    code = serializers.SlugField(max_length=40)
    title = serializers.CharField(max_length=200)
    kind = NamedChoiceField(CourseKind.choices, enum_name="CourseKindEnum")
    delivery = NamedChoiceField(Delivery.choices, enum_name="DeliveryEnum")
    paragraph = serializers.CharField(
        max_length=60, help_text=_("The paragraph of A/57/365 that requires it, e.g. ¶32.")
    )
    # Organizations are reference data: the service decides whose courses one may add.
    provider = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())


@extend_schema_view(
    list=extend_schema(summary="The course catalogue (¶25–¶33); ?kind=, ?provider=, ?endorsed="),
    retrieve=extend_schema(summary="One course (its question bank is never shown)"),
    create=extend_schema(
        request=CourseInputSerializer,
        responses={201: CourseSerializer},
        summary="Add a course (an agency's counts once UNSECOORD endorses it, annex ¶26)",
    ),
    partial_update=extend_schema(
        request=CourseUpdateSerializer,
        responses={200: CourseSerializer},
        summary="Change an agency's own course until it is endorsed",
    ),
    endorse=extend_schema(
        request=None,
        responses={200: CourseSerializer},
        summary="Endorse an agency's course (UNSECOORD only, annex ¶26)",
    ),
)
class CourseViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    model = Course
    output_fields = (
        "id",
        "code",
        "title",
        "title_fr",
        "title_zh",
        "kind",
        "delivery",
        "provider",
        ("provider_code", "provider__code"),
        "endorsed_at",
        ("counts", "course_counts"),
        "has_test",
        "validity_months",
        "paragraph",
        "description",
        "pass_mark",
        "questions_per_test",
        "is_active",
    )
    output_serializer_class = CourseSerializer
    input_serializer_class = CourseInputSerializer
    update_serializer_class = CourseUpdateSerializer
    filterset_class = CourseFilter
    search_fields = ("code", "title")
    ordering_fields = ("code", "id")
    ordering = ("code", "id")
    change_actions = frozenset({"update", "partial_update", "endorse"})
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        # Course.counts and "has a test", computed in the page's query (no query per row).
        return Course.objects.annotate(
            # Not "counts": the model's property of that name may not be overwritten.
            course_counts=Q(endorsed_at__isnull=False)
            | Q(provider__kind=OrganizationKind.UNSECOORD),
            has_test=Q(delivery=Delivery.ONLINE)
            & Q(Exists(Question.objects.filter(course_id=OuterRef("pk"), is_active=True))),
        )

    def perform_create(self, data):
        return course_services.course_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        return course_services.course_update(actor=self.request.user, course=obj, **data)

    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None, format=None):
        course = course_services.course_endorse(actor=request.user, course=self.get_object())
        return Response(self.row_for(course.pk))
