"""/api/v1/ endpoints of the SMT's meetings and action items (¶16(b)).

Reads through accountability.core.scoping (whoever sees the station's structure), writes
through meetings.services (the station's SMT members, DO and FSCO). Lists are one
``values()`` query per page after authentication and the user's grants; the detail adds one
query for the attendees and one for the action items (meetings/tests/test_meetings.py).
"""

from __future__ import annotations

import django_filters as df
from django.db.models import Count, F, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import (
    CreateModelMixin,
    ListModelMixin,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    split_fields,
)
from actors import models as m
from meetings import services as meetings
from meetings.models import ActionItem, SmtMeeting

# --- Serializers (input, and output for the schema) ------------------------------------------


def attendee_field(**kwargs):
    """An attendee or owner: anyone in the station's security structure may be named, even of
    another organization whose staff list the user does not keep; the service checks who."""
    return serializers.PrimaryKeyRelatedField(
        queryset=m.Person.objects.filter(is_active=True), **kwargs
    )


class MeetingInputSerializer(serializers.Serializer):
    duty_station = ScopedPrimaryKeyRelatedField(m.DutyStation)
    held_on = serializers.DateField()
    agenda = serializers.CharField(max_length=10000)
    decisions = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    attendees = attendee_field(many=True, required=False)


class ActionItemInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)
    owner = attendee_field()
    due_on = serializers.DateField()


class ActionItemDoneSerializer(serializers.Serializer):
    done_on = serializers.DateField(required=False, allow_null=True)


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    organization = serializers.IntegerField()
    held_on = serializers.DateField()
    agenda = serializers.CharField()
    decisions = serializers.CharField()
    recorded_by = serializers.IntegerField()
    action_items_count = serializers.IntegerField()
    action_items_open = serializers.IntegerField()


class ActionItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField()
    description = serializers.CharField()
    owner = serializers.IntegerField()
    owner_family_name = serializers.CharField()
    owner_given_names = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)


ACTION_ITEM_FIELDS = (
    "id",
    "meeting",
    "description",
    "owner",
    ("owner_family_name", "owner__family_name"),
    ("owner_given_names", "owner__given_names"),
    "due_on",
    "done_on",
)


class MeetingFilter(df.FilterSet):
    duty_station = df.NumberFilter(field_name="duty_station_id", label="Duty station id")
    held_after = df.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = df.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = SmtMeeting
        fields = ["duty_station", "held_after", "held_before"]


# --- Views -------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="SMT meetings you may see (¶16(b)); ?duty_station= filters"),
    retrieve=extend_schema(summary="One SMT meeting with its attendees and action items"),
    create=extend_schema(
        request=MeetingInputSerializer,
        responses={201: MeetingSerializer},
        summary="Record an SMT meeting (the station's SMT members, DO and FSCO)",
    ),
    action_items=extend_schema(
        request=ActionItemInputSerializer,
        responses={201: ActionItemSerializer},
        summary="Add an action item with its owner and due date",
    ),
)
class SmtMeetingViewSet(CreateModelMixin, ListModelMixin, ScopedViewSet):
    model = SmtMeeting
    output_fields = (
        "id",
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "organization",
        "held_on",
        "agenda",
        "decisions",
        "recorded_by",
        "action_items_count",
        "action_items_open",
    )
    output_serializer_class = MeetingSerializer
    input_serializer_class = MeetingInputSerializer
    filterset_class = MeetingFilter
    ordering_fields = ("held_on", "id")
    ordering = ("-held_on", "-id")
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return SmtMeeting.objects.annotate(
            action_items_count=Count("action_items"),
            action_items_open=Count("action_items", filter=Q(action_items__done_on__isnull=True)),
        )

    def perform_create(self, data):
        return meetings.meeting_record(actor=self.request.user, **data)

    def retrieve(self, request, pk=None, format=None):
        row = self.row_for(pk)
        attending = SmtMeeting.attendees.through.objects.filter(smtmeeting_id=row["id"])
        row["attendees"] = list(
            m.Person.objects.filter(pk__in=attending.values("person_id"))
            .order_by("family_name", "id")
            .values("id", "family_name", "given_names", organization_code=F("organization__code"))
        )
        row["action_items"] = list(
            action_item_rows(request.user).filter(meeting_id=row["id"]).order_by("due_on", "id")
        )
        return Response(row)

    @action(detail=True, methods=["post"], url_path="action-items")
    def action_items(self, request, pk=None, format=None):
        meeting = scoping.get_for_user(request.user, SmtMeeting, pk, for_change=True)
        data = self.validated(ActionItemInputSerializer)
        item = meetings.action_item_add(actor=request.user, meeting=meeting, **data)
        return Response(_action_item_row(request.user, item.pk), status=status.HTTP_201_CREATED)


def action_item_rows(user):
    names, renames = split_fields(ACTION_ITEM_FIELDS)
    return scoping.visible_to(user, ActionItem).values(*names, **renames)


def _action_item_row(user, pk) -> dict:
    return action_item_rows(user).get(pk=pk)


@extend_schema_view(
    done=extend_schema(
        request=ActionItemDoneSerializer,
        responses={200: ActionItemSerializer},
        summary="Mark an action item done",
    )
)
class ActionItemViewSet(ScopedViewSet):
    model = ActionItem
    output_fields = ACTION_ITEM_FIELDS
    output_serializer_class = ActionItemSerializer
    filter_backends: list = []
    http_method_names = ["post", "options"]

    @action(detail=True, methods=["post"])
    def done(self, request, pk=None, format=None):
        item = self.get_object()
        data = self.validated(ActionItemDoneSerializer)
        meetings.action_item_done(actor=request.user, item=item, done_on=data.get("done_on"))
        return Response(self.row_for(item.pk))
