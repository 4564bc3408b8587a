"""The actors API: thin views that parse, scope and call a service.

Every queryset comes from accountability.core.scoping through the base classes; every write
goes through actors.services. Query counts per request are constant (asserted in
actors/tests/test_api_queries.py): lists are one ``values()`` query after authentication.
"""

from __future__ import annotations

from django.db.models import Case, F, Value, When
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from accountability.core import history, scoping
from accountability.core.api.base import (
    CreateModelMixin,
    ReadOnlyScopedViewSet,
    ServiceErrorsMixin,
    UpdateModelMixin,
)
from accountability.core.api.pagination import FixedCursorPagination
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from actors import models as m
from actors.services import geography, people, reference, users

from . import filters
from . import serializers as s

# --- Authentication -----------------------------------------------------------------------


@extend_schema(
    tags=["auth"],
    request=AuthTokenSerializer,
    responses={200: s.TokenSerializer},
    summary="Exchange a username and password for an API token",
)
class TokenView(ObtainAuthToken):
    """``POST {username, password}`` → ``{"token": …}``; send it as ``Authorization: Token …``."""

    # No session: a browser already signed in must not need a CSRF token to get one.
    authentication_classes = ()
    renderer_classes = (JSONRenderer,)
    # ObtainAuthToken names DRF's JSON parser, which answers deep nesting with a 500.
    parser_classes = (FormParser, MultiPartParser, JSONParser)


# --- Reference data -------------------------------------------------------------------------


class OrganizationViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """The tenants. Everyone signed in reads them; superusers add and change them."""

    model = m.Organization
    output_fields = ("id", "code", "name", "kind", "mou_signed_on", "is_active")
    output_serializer_class = s.OrganizationSerializer
    input_serializer_class = s.OrganizationInputSerializer
    update_serializer_class = s.OrganizationUpdateSerializer
    filterset_class = filters.OrganizationFilter
    search_fields = ("code", "name")
    ordering_fields = ("code", "id")
    ordering = ("code", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, data):
        return reference.organization_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        # The code is the tenant's permanent key: the update serializer does not offer it.
        return geography.structure_update(actor=self.request.user, obj=obj, **data)


class CountryViewSet(ReadOnlyScopedViewSet):
    model = m.Country
    output_fields = ("id", "iso_code", "name")
    output_serializer_class = s.CountrySerializer
    filterset_class = filters.CountryFilter
    search_fields = ("name", "iso_code")
    ordering_fields = ("name", "iso_code", "id")
    ordering = ("name", "id")


class RoleViewSet(ReadOnlyScopedViewSet):
    model = m.Role
    output_fields = (
        "id",
        "code",
        "name",
        "name_zh",
        "accountable_to",
        "paragraphs",
        "scope_kinds",
        "unsecoord_only",
        "sort_order",
    )
    output_serializer_class = s.RoleSerializer
    filterset_class = filters.RoleFilter
    ordering_fields = ("sort_order", "code", "id")
    ordering = ("sort_order", "id")


class ResponsibilityViewSet(ReadOnlyScopedViewSet):
    """The lettered duties of A/57/365 by role (``?role=designated_official``)."""

    model = m.Responsibility
    output_fields = (
        "id",
        "role",
        ("role_code", "role__code"),
        "source",
        "paragraph",
        "letter",
        "text_zh",
        "text_en",
    )
    output_serializer_class = s.ResponsibilitySerializer
    filterset_class = filters.ResponsibilityFilter
    search_fields = ("text_en", "text_zh")
    ordering_fields = ("paragraph", "id")
    # Loaded in the document's order, so id order is reading order.
    ordering = ("id",)

    def shape(self, row):
        letter = f"({row['letter']})" if row["letter"] else ""
        prefix = "annex " if row["source"] == "annex" else ""
        row["reference"] = f"{prefix}¶{row['paragraph']}{letter}"
        return row


class CompetencyViewSet(ReadOnlyScopedViewSet):
    """The core competencies of ¶24 by role."""

    model = m.Competency
    output_fields = (
        "id",
        "role",
        ("role_code", "role__code"),
        "paragraph_letter",
        "position",
        "name_zh",
        "name_en",
    )
    output_serializer_class = s.CompetencySerializer
    filterset_class = filters.CompetencyFilter
    ordering_fields = ("position", "id")
    ordering = ("id",)


# --- Geography ----------------------------------------------------------------------------


@extend_schema_view(
    phase=extend_schema(
        request=s.PhaseChangeInputSerializer,
        responses={201: s.SecurityPhaseChangeSerializer},
        summary="Record a security phase change",
    ),
    phases=extend_schema(
        responses={200: s.SecurityPhaseChangePageSerializer},
        summary="The dated history of the station's security phase",
        filters=False,
    ),
)
class DutyStationViewSet(UpdateModelMixin, ReadOnlyScopedViewSet):
    model = m.DutyStation
    output_fields = (
        "id",
        "name",
        "country",
        ("country_name", "country__name"),
        "is_capital",
        "area",
        "time_zone",
        "security_phase",
        "security_phase_since",
    )
    output_serializer_class = s.DutyStationSerializer
    update_serializer_class = s.DutyStationUpdateSerializer
    filterset_class = filters.DutyStationFilter
    search_fields = ("name",)
    ordering_fields = ("name", "id")
    ordering = ("name", "id")
    change_actions = frozenset({"update", "partial_update", "phase"})
    http_method_names = ["get", "post", "patch", "head", "options"]
    phase_fields = ("id", "duty_station", "phase", "effective_from", "reason", "declared_by")

    def shape(self, row):
        row["time_zone"] = str(row["time_zone"])
        return row

    def perform_update(self, obj, data):
        return geography.structure_update(actor=self.request.user, obj=obj, **data)

    @action(detail=True, methods=["post"])
    def phase(self, request, pk=None, format=None):
        station = self.get_object()
        data = self.validated(s.PhaseChangeInputSerializer)
        change = geography.duty_station_set_phase(actor=request.user, duty_station=station, **data)
        row = (
            m.SecurityPhaseChange.objects.filter(pk=change.pk)
            .values(*self.phase_fields, "created_at")
            .get()
        )
        return Response(row, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"], filter_backends=[])
    def phases(self, request, pk=None, format=None):
        station_id = self.row_for(pk)["id"]
        changes = scoping.visible_to(request.user, m.SecurityPhaseChange).filter(
            duty_station_id=station_id
        )
        paginator = FixedCursorPagination()
        paginator.ordering = ("-effective_from", "-id")
        page = paginator.paginate_queryset(
            changes.values(*self.phase_fields, "created_at"), request, view=self
        )
        return paginator.get_paginated_response(page)


class AreaViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """Parts of a country away from the capital, each with an ASC (¶17)."""

    model = m.Area
    output_fields = ("id", "country", ("country_name", "country__name"), "name", "description")
    output_serializer_class = s.AreaSerializer
    input_serializer_class = s.AreaInputSerializer
    update_serializer_class = s.AreaUpdateSerializer
    filterset_class = filters.AreaFilter
    search_fields = ("name",)
    ordering_fields = ("name", "id")
    ordering = ("name", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, data):
        return geography.area_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        return geography.structure_update(actor=self.request.user, obj=obj, **data)


class WardenZoneViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """Parts of a city, each with a warden (¶19)."""

    model = m.WardenZone
    output_fields = (
        "id",
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "name",
        "description",
    )
    output_serializer_class = s.WardenZoneSerializer
    input_serializer_class = s.WardenZoneInputSerializer
    update_serializer_class = s.AreaUpdateSerializer
    filterset_class = filters.WardenZoneFilter
    search_fields = ("name",)
    ordering_fields = ("name", "id")
    ordering = ("name", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, data):
        return geography.warden_zone_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        return geography.structure_update(actor=self.request.user, obj=obj, **data)


# --- People ---------------------------------------------------------------------------------


class PersonViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """Personnel (¶21, annex ¶7). The hot list: one ``values()`` query per page."""

    model = m.Person
    output_fields = (
        "id",
        "organization",
        ("organization_code", "organization__code"),
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "family_name",
        "given_names",
        "index_number",
        "category",
        "contract_type",
        "grade",
        "email",
        "phone",
        "radio_call_sign",
        "residential_address",
        "residential_zone",
        "arrived_on",
        "language",
        "user",
        "is_active",
        "updated_at",
    )
    output_serializer_class = s.PersonSerializer
    input_serializer_class = s.PersonInputSerializer
    update_serializer_class = s.PersonUpdateSerializer
    filterset_class = filters.PersonFilter
    search_fields = ("family_name", "given_names", "index_number")
    # Person is indexed on (organization, family_name, id) and
    # (duty_station, organization, family_name, id): the page is an index range scan.
    ordering_fields = ("family_name", "id")
    ordering = ("family_name", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, data):
        return people.person_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        return people.person_update(actor=self.request.user, person=obj, **data)


class DependantViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """Eligible dependants of personnel.

    Birth dates and residential addresses are sent only where ``actors.rules.dependant_details_q``
    allows, computed in the same query (no query per row): to the staff member, and to
    holders of ``view_dependant_details`` over the household, that is HQ focal points and
    Executive Heads, DOs, FSCOs, FSCAs, country representatives and country focal points,
    agency security officers, Area Security Coordinators and wardens. SMT members, UNSECOORD
    inspectors and everyone else get null.
    """

    model = m.Dependant
    output_fields = (
        "id",
        "person",
        "organization",
        "family_name",
        "given_names",
        "relationship",
        "shown_birth_date",
        "shown_residential_address",
        "lives_at_duty_station",
    )
    output_serializer_class = s.DependantSerializer
    input_serializer_class = s.DependantInputSerializer
    update_serializer_class = s.DependantUpdateSerializer
    filterset_class = filters.DependantFilter
    search_fields = ("family_name", "given_names")
    ordering_fields = ("id",)
    ordering = ("id",)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self):
        # The rule the audit trail applies to these fields too (scoping.private_fields_q).
        allowed = scoping.private_fields_q(self.request.user, m.Dependant)
        return m.Dependant.objects.annotate(
            **{
                f"shown_{name}": Case(When(allowed, then=F(name)), default=Value(None))
                for name in scoping.private_fields(m.Dependant)
            }
        )

    def shape(self, row):
        row["birth_date"] = row.pop("shown_birth_date")
        row["residential_address"] = row.pop("shown_residential_address")
        return row

    def perform_create(self, data):
        return people.dependant_create(actor=self.request.user, **data)

    def perform_update(self, obj, data):
        return people.dependant_update(actor=self.request.user, dependant=obj, **data)

    @extend_schema(responses={204: OpenApiResponse(description="Deleted")})
    def destroy(self, request, *args, **kwargs):
        people.dependant_delete(actor=request.user, dependant=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Logins ---------------------------------------------------------------------------------


class UserViewSet(CreateModelMixin, UpdateModelMixin, ReadOnlyScopedViewSet):
    """Logins. An HQ focal point manages its organization's; everyone sees their own."""

    model = m.User
    output_fields = (
        "id",
        "username",
        "email",
        "first_name",
        "last_name",
        "organization",
        "person",
        "is_active",
        "last_login",
    )
    output_serializer_class = s.UserSerializer
    input_serializer_class = s.UserInputSerializer
    update_serializer_class = s.UserUpdateSerializer
    filterset_class = filters.UserFilter
    search_fields = ("username", "email", "first_name", "last_name")
    ordering_fields = ("username", "id")
    ordering = ("username", "id")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, data):
        data.setdefault("organization", self.request.user.organization)
        is_active = data.pop("is_active", True)
        user = users.user_create(actor=self.request.user, **data)
        if not is_active:
            user = users.user_update(actor=self.request.user, user=user, is_active=False)
        return user

    def perform_update(self, obj, data):
        if "person" in data:
            users.user_link_person(actor=self.request.user, user=obj, person=data.pop("person"))
        if data:
            obj = users.user_update(actor=self.request.user, user=obj, **data)
        return obj


# --- Audit trail ----------------------------------------------------------------------------


class AuditEventView(ServiceErrorsMixin, APIView):
    """Changes to the objects you may see, newest first (insert, update, delete, with values
    before and after). Page on with ``next``: the same query with ``before`` and
    ``before_event`` set to the last event's time and id."""

    @extend_schema(
        tags=["audit-events"],
        parameters=[s.AuditEventQuerySerializer],
        responses={200: s.AuditEventPageSerializer},
    )
    def get(self, request):
        query = s.AuditEventQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        limit = params["page_size"]
        entries = history.visible_history(
            request.user,
            key=params.get("model"),
            object_id=params.get("object_id"),
            before=params.get("before"),
            since=params.get("since"),
            limit=limit,
            before_event=params.get("before_event"),
        )
        next_url = None
        if len(entries) == limit:
            next_url = replace_query_param(
                request.build_absolute_uri(), "before", entries[-1].at.isoformat()
            )
            next_url = replace_query_param(next_url, "before_event", entries[-1].id)
        return Response({"results": [e.as_dict() for e in entries], "next": next_url})
