"""/api/v1/appointments/: who holds which role where, created and ended by those who appoint
(``appointments.services.appointments``), and the steps of the ASC and warden workflow (¶17,
¶19; ``appointments.services.workflow``), each looked up among the appointments the user may
see (404 otherwise)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import CreateModelMixin, ReadOnlyScopedViewSet
from actors import models as m
from appointments.models import Appointment
from appointments.models.appointments import SCOPE_FIELDS
from appointments.services import appointments as appointment_services
from appointments.services import workflow

from . import filters
from . import serializers as s

SCOPE_MODELS = {
    m.ScopeKind.ORGANIZATION: m.Organization,
    m.ScopeKind.COUNTRY: m.Country,
    m.ScopeKind.DUTY_STATION: m.DutyStation,
    m.ScopeKind.AREA: m.Area,
    m.ScopeKind.ZONE: m.WardenZone,
}


def _step(summary: str, request=None):
    return extend_schema(request=request, responses={200: s.AppointmentSerializer}, summary=summary)


@extend_schema_view(
    end=extend_schema(
        request=s.AppointmentEndSerializer,
        responses={200: s.AppointmentSerializer},
        summary="End (or, with revoke, revoke) an appointment; its rights go at once",
    ),
    submit=_step("Submit a nomination: the SMT of the duty station is consulted"),
    consult=_step(
        "Record your view as an SMT member: support, object (with reasons) or no view",
        s.ConsultationAnswerSerializer,
    ),
    release=_step(
        "Record the employing agency's release: hours per week or a percentage",
        s.ReleaseSerializer,
    ),
    approve=_step("Approve the nomination (the DO of the duty station)", s.ReasonSerializer),
    reject=_step(
        "Reject the nomination with a reason (the DO of the duty station)", s.ReasonSerializer
    ),
    revoke=_step(
        "Revoke a pending or active ASC or warden with a reason (the DO)", s.ReasonSerializer
    ),
    withdraw=_step("Withdraw a nomination (the nominator or the DO)", s.ReasonSerializer),
    letter=extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The written appointment letter (PDF), once rendered",
    ),
    available_actions=extend_schema(
        responses={200: s.AppointmentActionsSerializer},
        summary="The workflow actions you may take on this appointment now (¶17, ¶19)",
    ),
)
class AppointmentViewSet(CreateModelMixin, ReadOnlyScopedViewSet):
    model = Appointment
    output_fields = (
        "id",
        "organization",
        "person",
        ("person_family_name", "person__family_name"),
        ("person_given_names", "person__given_names"),
        "role",
        ("role_code", "role__code"),
        "scope_kind",
        ("scope_id", Coalesce(*(F(f"{field}_id") for field in SCOPE_FIELDS.values()))),
        "is_ad_interim",
        "start_date",
        "end_date",
        "status",
        "appointed_by",
        "ended_on",
        "end_reason",
        "is_alternate",
        "nominated_by",
        "consultation_ends_on",
        "release_hours_per_week",
        "release_percent",
        "released_by",
        "decided_by",
        "decided_at",
        "decision_reason",
    )
    output_serializer_class = s.AppointmentSerializer
    input_serializer_class = s.AppointmentInputSerializer
    filterset_class = filters.AppointmentFilter
    search_fields = ("person__family_name", "person__given_names")
    ordering_fields = ("id",)
    ordering = ("-id",)
    change_actions = frozenset({"end"})

    def perform_create(self, data):
        kind = data.pop("scope_kind")
        scope_id = data.pop("scope_id")
        scope = scoping.visible_to(self.request.user, SCOPE_MODELS[kind]).filter(pk=scope_id)
        scope = scope.first()
        if scope is None:
            raise exceptions.ValidationError({"scope_id": [_("No such scope object.")]})
        return appointment_services.appointment_create(actor=self.request.user, scope=scope, **data)

    @action(detail=True, methods=["post"])
    def end(self, request, pk=None, format=None):
        appointment = self.get_object()
        data = self.validated(s.AppointmentEndSerializer)
        appointment_services.appointment_end(
            actor=request.user,
            appointment=appointment,
            reason=data["reason"],
            revoke=data["revoke"],
            on=data.get("on"),
        )
        return Response(self.row_for(appointment.pk))

    # --- The ASC and warden workflow (¶17, ¶19) ----------------------------------------------
    # Each step looks the appointment up among those the user may SEE (404 otherwise) and
    # leaves every rule to appointments.services.workflow: an illegal step is a 400 naming
    # ``status``,
    # a step the user may not take a 400 naming the service's field (``decision``, …).

    def _step(self, service, serializer_class=None, **fixed):
        appointment = self.get_object()
        data = self.validated(serializer_class) if serializer_class else {}
        service(actor=self.request.user, appointment=appointment, **data, **fixed)
        return Response(self.row_for(appointment.pk))

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None, format=None):
        return self._step(workflow.nomination_submit)

    @action(detail=True, methods=["post"])
    def consult(self, request, pk=None, format=None):
        return self._step(workflow.consultation_answer, s.ConsultationAnswerSerializer)

    @action(detail=True, methods=["post"])
    def release(self, request, pk=None, format=None):
        return self._step(workflow.release_record, s.ReleaseSerializer)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None, format=None):
        return self._step(workflow.appointment_decide, s.ReasonSerializer, approve=True)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None, format=None):
        return self._step(workflow.appointment_decide, s.ReasonSerializer, approve=False)

    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None, format=None):
        return self._step(workflow.appointment_revoke, s.ReasonSerializer)

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, format=None):
        return self._step(workflow.nomination_withdraw, s.ReasonSerializer)

    @action(detail=True, methods=["get"], url_path="actions", filter_backends=[])
    def available_actions(self, request, pk=None, format=None):
        # The same answer the appointment page's action forms follow; empty for roles outside
        # the workflow and for whoever may take no step now.
        appointment = scoping.get_for_user(
            request.user,
            Appointment,
            pk,
            queryset=Appointment.objects.select_related(
                "role", "person__duty_station", "scope_zone__duty_station", "scope_area"
            ),
        )
        actions = workflow.available_actions(user=request.user, appointment=appointment)
        return Response(
            {"id": appointment.pk, "actions": [a for a in workflow.ACTIONS if a in actions]}
        )

    @action(detail=True, methods=["get"], filter_backends=[])
    def letter(self, request, pk=None, format=None):
        # letter_for answers 404 alike for "not yours", "no letter" and "not rendered yet".
        from appointments.letters import letter_for

        letter = letter_for(request.user, pk)
        return FileResponse(
            letter.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"appointment-letter-{letter.verification_code}.pdf",
        )
