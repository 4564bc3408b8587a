"""/api/v1/ endpoints of the appointments outside the ASC/warden workflow
(appointments.services.designations).

- ``POST interim-designated-officials/``: the DO recommends a DO ad interim (¶8(b));
  ``…/{id}/approve/`` and ``…/{id}/reject/``: UNSECOORD decides.
- ``POST security-officers/{id}/clear/`` and ``…/refuse/``: UNSECOORD clears an agency
  security officer before deployment (annex ¶12).
- ``POST focal-points/``: a country representative names its Country Security Focal Point
  (annex ¶24).
- ``POST smt-deputies/``: a deputy sits in on the SMT for an absent representative (annex ¶22).

Objects are looked up among those the user may see (404 otherwise); every rule is in
appointments.services.designations, whose ValidationErrors become 400s naming the field. Each
answers with the
appointment's row, as ``/api/v1/appointments/{id}/`` does.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import ScopedPrimaryKeyRelatedField, ScopedViewSet
from actors import models as m
from appointments.api import serializers as appointment_serializers
from appointments.api.appointments import AppointmentViewSet
from appointments.models import Appointment
from appointments.services import designations

# --- Input ------------------------------------------------------------------------------------


class InterimInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(m.Person)
    country = ScopedPrimaryKeyRelatedField(m.Country)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)


class DecisionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class FocalPointInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(m.Person)
    scope_kind = serializers.ChoiceField(
        choices=[(m.ScopeKind.COUNTRY, "country"), (m.ScopeKind.DUTY_STATION, "duty_station")]
    )
    scope_id = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)


class SmtDeputyInputSerializer(serializers.Serializer):
    representative_appointment = ScopedPrimaryKeyRelatedField(Appointment)
    deputy = ScopedPrimaryKeyRelatedField(m.Person)
    start_date = serializers.DateField()
    end_date = serializers.DateField()


# --- Views -------------------------------------------------------------------------------------


class _AppointmentWrites(ScopedViewSet):
    """POST-only endpoints answering with the appointment's row."""

    model = Appointment
    output_fields = AppointmentViewSet.output_fields
    output_serializer_class = appointment_serializers.AppointmentSerializer
    filter_backends: list = []
    http_method_names = ["post", "options"]
    # The kind of appointment each endpoint acts on; another one answers 404.
    kind: dict = {}

    def base_queryset(self):
        return Appointment.objects.filter(**self.kind)

    def answer(self, appointment, code=status.HTTP_200_OK):
        return Response(self.row_for(appointment.pk), status=code)


@extend_schema_view(
    create=extend_schema(
        request=InterimInputSerializer,
        responses={201: appointment_serializers.AppointmentSerializer},
        summary="Recommend a DO ad interim to UNSECOORD (¶8(b))",
    ),
    approve=extend_schema(
        request=None,
        responses={200: appointment_serializers.AppointmentSerializer},
        summary="UNSECOORD approves a DO ad interim (¶8(b))",
    ),
    reject=extend_schema(
        request=DecisionReasonSerializer,
        responses={200: appointment_serializers.AppointmentSerializer},
        summary="UNSECOORD rejects a DO ad interim, with a reason",
    ),
)
class InterimDesignatedOfficialViewSet(_AppointmentWrites):
    kind = {"role__code": designations.DO, "is_ad_interim": True}

    def create(self, request, *args, **kwargs):
        data = self.validated(InterimInputSerializer)
        appointment = designations.do_interim_recommend(actor=request.user, **data)
        return self.answer(appointment, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None, format=None):
        appointment = self.get_object()
        designations.do_interim_approve(actor=request.user, appointment=appointment)
        return self.answer(appointment)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None, format=None):
        appointment = self.get_object()
        data = self.validated(DecisionReasonSerializer)
        designations.do_interim_reject(actor=request.user, appointment=appointment, **data)
        return self.answer(appointment)


@extend_schema_view(
    clear=extend_schema(
        request=None,
        responses={200: appointment_serializers.AppointmentSerializer},
        summary="UNSECOORD clears an agency security officer before deployment (annex ¶12)",
    ),
    refuse=extend_schema(
        request=DecisionReasonSerializer,
        responses={200: appointment_serializers.AppointmentSerializer},
        summary="UNSECOORD refuses an agency security officer, with a reason",
    ),
)
class SecurityOfficerViewSet(_AppointmentWrites):
    kind = {"role__code": designations.ASO}

    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None, format=None):
        appointment = self.get_object()
        designations.aso_clear(actor=request.user, appointment=appointment)
        return self.answer(appointment)

    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None, format=None):
        appointment = self.get_object()
        data = self.validated(DecisionReasonSerializer)
        designations.aso_refuse(actor=request.user, appointment=appointment, **data)
        return self.answer(appointment)


FOCAL_POINT_SCOPES = {m.ScopeKind.COUNTRY: m.Country, m.ScopeKind.DUTY_STATION: m.DutyStation}


@extend_schema_view(
    create=extend_schema(
        request=FocalPointInputSerializer,
        responses={201: appointment_serializers.AppointmentSerializer},
        summary="Name the Country Security Focal Point (annex ¶24)",
    )
)
class FocalPointViewSet(_AppointmentWrites):
    kind = {"role__code": designations.CFP}

    def create(self, request, *args, **kwargs):
        data = self.validated(FocalPointInputSerializer)
        model = FOCAL_POINT_SCOPES[data.pop("scope_kind")]
        scope = scoping.visible_to(request.user, model).filter(pk=data.pop("scope_id")).first()
        if scope is None:
            raise exceptions.ValidationError({"scope_id": [_("No such country or duty station.")]})
        appointment = designations.focal_point_name(actor=request.user, scope=scope, **data)
        return self.answer(appointment, status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(
        request=SmtDeputyInputSerializer,
        responses={201: appointment_serializers.AppointmentSerializer},
        summary="A deputy sits in on the SMT for an absent representative (annex ¶22)",
    )
)
class SmtDeputyViewSet(_AppointmentWrites):
    kind = {"role__code": "smt"}

    def create(self, request, *args, **kwargs):
        data = self.validated(SmtDeputyInputSerializer)
        appointment = designations.smt_deputy_sit_in(actor=request.user, **data)
        return self.answer(appointment, status.HTTP_201_CREATED)
