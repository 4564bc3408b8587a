"""/api/v1/briefings/: arrival briefings and their written acknowledgement (¶10(j), ¶22(c),
¶33).

The FSCO (and whoever trains at the station) records who was briefed, staff and dependants
(training.services.briefings); each staff member acknowledges in writing, for self and
dependants: who, when, which briefing and version. Briefings are seen by the station's
structure, by whoever gave them and by the people briefed. A list costs three queries (the
token, the user's grants, the page); a detail four (and the attendees one may see).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import (
    CreateModelMixin,
    ReadOnlyScopedViewSet,
    split_fields,
)
from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from actors.models import Dependant, DutyStation, Person
from training.models import Briefing, BriefingAttendee
from training.services import briefings as briefing_services

from .common import OfferedCourseField, PersonColumnsSerializer, person_columns
from .filters import BriefingFilter

ATTENDEE_FIELDS = (
    "id",
    "briefing",
    "organization",
    *person_columns(),
    "acknowledged_at",
    "acknowledged_by",
    "record",
)


class AttendeeSerializer(PersonColumnsSerializer):
    id = serializers.IntegerField()
    briefing = serializers.IntegerField()
    organization = serializers.IntegerField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    acknowledged_by = serializers.IntegerField(allow_null=True)
    record = serializers.IntegerField(allow_null=True)


class BriefingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    course = serializers.IntegerField()
    course_code = serializers.CharField()
    given_on = serializers.DateField()
    given_by = serializers.IntegerField()
    given_by_family_name = serializers.CharField()
    given_by_given_names = serializers.CharField()
    version = serializers.CharField()
    content = serializers.CharField()
    created_by = serializers.IntegerField()
    attendees_count = serializers.IntegerField()
    acknowledged_count = serializers.IntegerField()


class BriefingDetailSerializer(BriefingSerializer):
    attendees = AttendeeSerializer(many=True)


class BriefingInputSerializer(serializers.Serializer):
    duty_station = Scoped(DutyStation)
    given_on = serializers.DateField()
    given_by = Scoped(Person)
    version = serializers.CharField(
        max_length=40, help_text=_("The version of the station's briefing material presented.")
    )
    content = serializers.CharField(max_length=20000, help_text=_("What was covered."))
    people = Scoped(Person, many=True, required=False)
    dependants = Scoped(Dependant, many=True, required=False)
    course = OfferedCourseField(
        required=False, help_text=_("An arrival briefing course; defaults to the framework's.")
    )


class AcknowledgeSerializer(serializers.Serializer):
    attendee = serializers.PrimaryKeyRelatedField(
        queryset=BriefingAttendee.objects.all(),
        help_text=_("Your own attendee row of this briefing (yourself or your dependant)."),
    )

    def __init__(self, *args, briefing_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # One's own rows of this briefing only: anyone else's id is "does not exist".
        user = self.context["request"].user if "request" in self.context else None
        self.fields["attendee"].queryset = scoping.editable_by(user, BriefingAttendee).filter(
            briefing_id=briefing_id
        )


def attendee_rows(user, queryset) -> list[dict]:
    names, renames = split_fields(ATTENDEE_FIELDS)
    return list(
        scoping.visible_to(user, BriefingAttendee, queryset)
        .order_by("id")
        .values(*names, **renames)
    )


@extend_schema_view(
    list=extend_schema(summary="Arrival briefings you may see (¶22(c), ¶33)"),
    retrieve=extend_schema(
        responses={200: BriefingDetailSerializer},
        summary="One briefing with the attendees you may see and their acknowledgements",
    ),
    create=extend_schema(
        request=BriefingInputSerializer,
        responses={201: BriefingSerializer},
        summary="Record an arrival briefing and who was briefed (the station's FSCO)",
    ),
    acknowledge=extend_schema(
        request=AcknowledgeSerializer,
        responses={200: AttendeeSerializer},
        summary="Acknowledge the briefing in writing, for yourself or your dependant (¶33)",
    ),
)
class BriefingViewSet(CreateModelMixin, ReadOnlyScopedViewSet):
    model = Briefing
    output_fields = (
        "id",
        "organization",
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "course",
        ("course_code", "course__code"),
        "given_on",
        "given_by",
        ("given_by_family_name", "given_by__family_name"),
        ("given_by_given_names", "given_by__given_names"),
        "version",
        "content",
        "created_by",
        "attendees_count",
        "acknowledged_count",
    )
    output_serializer_class = BriefingSerializer
    input_serializer_class = BriefingInputSerializer
    filterset_class = BriefingFilter
    ordering_fields = ("given_on", "id")
    ordering = ("-given_on", "-id")
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return Briefing.objects.annotate(
            attendees_count=Count("attendees"),
            acknowledged_count=Count(
                "attendees", filter=Q(attendees__acknowledged_at__isnull=False)
            ),
        )

    def perform_create(self, data):
        return briefing_services.briefing_record(actor=self.request.user, **data)

    def retrieve(self, request, pk=None, format=None):
        row = self.row_for(pk)
        row["attendees"] = attendee_rows(
            request.user, BriefingAttendee.objects.filter(briefing_id=row["id"])
        )
        return Response(row)

    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None, format=None):
        # The briefing among those one may see (404 otherwise), then one's own row of it.
        briefing = self.get_object()
        serializer = AcknowledgeSerializer(
            data=request.data, context=self.get_serializer_context(), briefing_id=briefing.pk
        )
        serializer.is_valid(raise_exception=True)
        attendee = briefing_services.briefing_acknowledge(
            actor=request.user, attendee=serializer.validated_data["attendee"]
        )
        [row] = attendee_rows(request.user, BriefingAttendee.objects.filter(pk=attendee.pk))
        return Response(row)
