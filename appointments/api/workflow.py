"""/api/v1/ endpoints of the appointment workflow (¶17, ¶19) and the structure's vacancies.

Thin views on the base classes of accountability.core.api.base: reads start from
accountability.core.scoping (through appointments.selectors), writes call
appointments.services.workflow.
Query counts are constant (appointments/tests/test_api_workflow.py,
test_vacancies.py).
"""

from __future__ import annotations

import django_filters as df
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability.core import scoping
from accountability.core.api.base import (
    ListModelMixin,
    ScopedViewSet,
    ServiceErrorsMixin,
)
from actors import models as m
from appointments import selectors
from appointments.api import serializers as s
from appointments.api.appointments import AppointmentViewSet
from appointments.models import Appointment, Consultation
from appointments.services import workflow

SCOPES = {m.ScopeKind.AREA: m.Area, m.ScopeKind.ZONE: m.WardenZone}


@extend_schema_view(
    create=extend_schema(
        request=s.NominationInputSerializer,
        responses={201: s.AppointmentSerializer},
        summary="Nominate an Area Security Coordinator or (alternate) warden (¶17, ¶19, ¶24)",
    )
)
class NominationViewSet(ScopedViewSet):
    """``POST`` only: the nomination is an appointment in draft, read back at
    ``/api/v1/appointments/{id}/`` and moved on with its actions (submit, consult, …)."""

    model = Appointment
    output_fields = AppointmentViewSet.output_fields
    output_serializer_class = s.AppointmentSerializer
    input_serializer_class = s.NominationInputSerializer
    filter_backends: list = []
    http_method_names = ["post", "options"]

    def create(self, request, *args, **kwargs):
        data = self.validated(s.NominationInputSerializer)
        scope = (
            scoping.visible_to(request.user, SCOPES[data["scope_kind"]])
            .filter(pk=data["scope_id"])
            .first()
        )
        if scope is None:
            raise exceptions.ValidationError({"scope_id": [_("No such area or zone.")]})
        appointment = workflow.nomination_create(
            actor=request.user,
            person=data["person"],
            role=data["role"],
            scope=scope,
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            is_alternate=data["is_alternate"],
            statements={
                item["competency"]: item["statement"] for item in data.get("statements", [])
            },
        )
        return Response(self.row_for(appointment.pk), status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        responses={200: s.ApprovalQueueItemSerializer(many=True)},
        summary="Nominations in SMT consultation on which you decide as Designated Official",
    )
)
class ApprovalQueueViewSet(ListModelMixin, ScopedViewSet):
    """The DO's approval queue: oldest consultation deadline first, with the SMT's answers
    counted, the agency's release and the competency statements, in one query per page."""

    model = Appointment
    output_fields = (
        "id",
        "person",
        ("person_family_name", "person__family_name"),
        ("person_given_names", "person__given_names"),
        ("organization_code", "organization__code"),
        ("role_code", "role__code"),
        "scope_kind",
        ("scope_id", Coalesce(F("scope_zone_id"), F("scope_area_id"))),
        ("scope_name", Coalesce(F("scope_zone__name"), F("scope_area__name"))),
        "is_alternate",
        "start_date",
        "end_date",
        "nominated_by",
        "submitted_at",
        "consultation_ends_on",
        "n_support",
        "n_object",
        "n_no_view",
        "n_pending",
        "consultation_closed",
        "released",
        "release_hours_per_week",
        "release_percent",
        "released_by",
        "statements",
        "decidable_now",
    )
    output_serializer_class = s.ApprovalQueueItemSerializer
    filter_backends: list = []
    ordering = ("consultation_ends_on", "id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Appointment.objects.none()
        return selectors.approval_queue(self.request.user)

    def shape(self, row):
        row["consultation"] = {
            "support": row.pop("n_support"),
            "object": row.pop("n_object"),
            "no_view": row.pop("n_no_view"),
            "pending": row.pop("n_pending"),
            "ends_on": row.pop("consultation_ends_on"),
            "closed": row.pop("consultation_closed"),
        }
        row["release"] = {
            "released": row.pop("released"),
            "hours_per_week": row.pop("release_hours_per_week"),
            "percent": row.pop("release_percent"),
            "released_by": row.pop("released_by"),
        }
        return row


class ConsultationFilter(df.FilterSet):
    appointment = df.NumberFilter(field_name="appointment_id", label="Appointment id")

    class Meta:
        model = Consultation
        fields = ["appointment"]


@extend_schema_view(
    list=extend_schema(summary="SMT members' answers on the nominations you may see (¶17, ¶19)")
)
class ConsultationViewSet(ListModelMixin, ScopedViewSet):
    model = Consultation
    output_fields = (
        "id",
        "appointment",
        "member",
        ("member_family_name", "member__family_name"),
        ("member_given_names", "member__given_names"),
        ("member_organization_code", "member__organization__code"),
        "answer",
        "reasons",
        "answered_at",
    )
    output_serializer_class = s.ConsultationSerializer
    filterset_class = ConsultationFilter
    ordering_fields = ("id",)
    ordering = ("id",)


class VacancyView(ServiceErrorsMixin, APIView):
    """Areas without an Area Security Coordinator, zones without a warden or an alternate,
    duty stations without a Designated Official or an FSCO, within what you may see.

    One row per missing post, ordered by country, kind and name; not paginated (one row per
    post of the structure you oversee), ``{"count", "results"}``; ``?format=csv`` for a
    spreadsheet."""

    @extend_schema(
        tags=["vacancies"],
        responses={200: s.VacancyListSerializer},
        summary="Vacant security posts of the structure you may see (¶8, ¶10, ¶17, ¶19)",
    )
    def get(self, request, format=None):
        rows = selectors.vacancies(request.user)
        return Response({"count": len(rows), "results": rows})
