"""/api/v1/training-sessions/: in-person sessions, their participants and attendance (annex
¶26: the HQ focal point keeps the attendance records; ¶30, ¶31: the FSCO trains).

Whoever runs training at the station (FSCO, FSCA), the agency's HQ focal point and UNSECOORD
create sessions; they and the trainer list participants and mark attendance, which records
each attendee's completion (training.services.sessions). Both steps look the session up
through ``editable_by``: anyone else gets 404. A list costs three queries (the token, the
user's grants, the page); a detail four (and the participants).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from actors.models import Dependant, DutyStation, Organization, Person
from training.models import SessionParticipant, TrainingSession
from training.services import sessions as session_services

from .common import OfferedCourseField, PersonColumnsSerializer, person_columns
from .filters import TrainingSessionFilter

PARTICIPANT_FIELDS = ("id", "session", "organization", *person_columns(), "attended")


class ParticipantSerializer(PersonColumnsSerializer):
    id = serializers.IntegerField()
    session = serializers.IntegerField()
    organization = serializers.IntegerField()
    attended = serializers.BooleanField(allow_null=True)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    course = serializers.IntegerField()
    course_code = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    trainer = serializers.IntegerField()
    trainer_family_name = serializers.CharField()
    trainer_given_names = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    notes = serializers.CharField()
    attendance_marked_at = serializers.DateTimeField(allow_null=True)
    participants_count = serializers.IntegerField()
    attended_count = serializers.IntegerField()


class SessionDetailSerializer(SessionSerializer):
    participants = ParticipantSerializer(many=True)


class AttendanceResultSerializer(SessionDetailSerializer):
    records_created = serializers.IntegerField()


class SessionInputSerializer(serializers.Serializer):
    course = OfferedCourseField(help_text=gettext_lazy("An in-person course."))
    duty_station = Scoped(DutyStation)
    trainer = Scoped(Person)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    organization = Scoped(
        Organization,
        required=False,
        help_text=gettext_lazy("The organization running it; defaults to yours."),
    )


class ParticipantsInputSerializer(serializers.Serializer):
    people = Scoped(Person, many=True, required=False)
    dependants = Scoped(Dependant, many=True, required=False)

    def validate(self, attrs):
        if not attrs.get("people") and not attrs.get("dependants"):
            raise serializers.ValidationError({"people": [_("List who takes part.")]})
        return attrs


class AttendanceInputSerializer(serializers.Serializer):
    attended = serializers.DictField(
        child=serializers.BooleanField(),
        allow_empty=False,
        help_text=gettext_lazy("{participant id: attended (true or false)}"),
    )

    def validate_attended(self, value):
        try:
            return {int(pk): present for pk, present in value.items()}
        except (TypeError, ValueError):
            raise serializers.ValidationError(_("Use participant ids as keys.")) from None


def participant_rows(user, session_id) -> list[dict]:
    """The participants of a session that ``user`` may see (one query)."""
    names, renames = split_fields(PARTICIPANT_FIELDS)
    return list(
        scoping.visible_to(user, SessionParticipant)
        .filter(session_id=session_id)
        .order_by("id")
        .values(*names, **renames)
    )


@extend_schema_view(
    list=extend_schema(summary="In-person training sessions you may see (annex ¶26)"),
    retrieve=extend_schema(
        responses={200: SessionDetailSerializer},
        summary="One session with the participants you may see",
    ),
    create=extend_schema(
        request=SessionInputSerializer,
        responses={201: SessionSerializer},
        summary="Plan a session (the FSCO or FSCA of the station, the HQ focal point)",
    ),
    participants=extend_schema(
        request=ParticipantsInputSerializer,
        responses={200: SessionDetailSerializer},
        summary="Enrol people and dependants",
    ),
    attendance=extend_schema(
        request=AttendanceInputSerializer,
        responses={200: AttendanceResultSerializer},
        summary="Mark attendance: each attendee's completion is recorded",
    ),
)
class TrainingSessionViewSet(CreateModelMixin, ReadOnlyScopedViewSet):
    model = TrainingSession
    output_fields = (
        "id",
        "organization",
        ("organization_code", "organization__code"),
        "course",
        ("course_code", "course__code"),
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "trainer",
        ("trainer_family_name", "trainer__family_name"),
        ("trainer_given_names", "trainer__given_names"),
        "held_on",
        "place",
        "notes",
        "attendance_marked_at",
        "participants_count",
        "attended_count",
    )
    output_serializer_class = SessionSerializer
    input_serializer_class = SessionInputSerializer
    filterset_class = TrainingSessionFilter
    ordering_fields = ("held_on", "id")
    ordering = ("-held_on", "-id")
    change_actions = frozenset({"participants", "attendance"})
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return TrainingSession.objects.annotate(
            participants_count=Count("participants"),
            attended_count=Count("participants", filter=Q(participants__attended=True)),
        )

    def perform_create(self, data):
        return session_services.session_create(actor=self.request.user, **data)

    def detail_row(self, pk) -> dict:
        row = self.row_for(pk)
        row["participants"] = participant_rows(self.request.user, row["id"])
        return row

    def retrieve(self, request, pk=None, format=None):
        return Response(self.detail_row(pk))

    @action(detail=True, methods=["post"])
    def participants(self, request, pk=None, format=None):
        session = self.get_object()
        data = self.validated(ParticipantsInputSerializer)
        session_services.session_participants_add(actor=request.user, session=session, **data)
        return Response(self.detail_row(session.pk))

    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None, format=None):
        session = self.get_object()
        data = self.validated(AttendanceInputSerializer)
        made = session_services.session_attendance_mark(
            actor=request.user, session=session, attended=data["attended"]
        )
        return Response({**self.detail_row(session.pk), "records_created": made})
