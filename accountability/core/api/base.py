"""Base classes of every /api/v1/ endpoint.

Tenancy is resolved here once, so that no endpoint can forget it:
- every queryset starts from ``scoping.visible_to`` (reads) or ``scoping.editable_by``
  (writes), and object lookups go through ``scoping.get_for_user``, which answers the same 404
  for "missing" and "not yours" (never 403);
- ids sent in a body resolve through ``ScopedPrimaryKeyRelatedField``, which only knows the
  rows the user may see: another tenant's id is "does not exist", a 400 naming the field;
- services raise django's ``ValidationError`` with a field dict; it becomes the same 400 body
  (drf-standardized-errors) as a serializer error, naming each field.

Lists serialize lean: a view declares ``output_fields`` (names, or ``(name, lookup)`` pairs),
rows come from ``values()`` in one query and are shaped by a plain function, never by a
ModelSerializer per row (DRF #6328). The detail of an object is the same ``values()`` row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_standardized_errors.openapi import AutoSchema
from rest_framework import exceptions, filters, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accountability.core import scoping


def to_drf_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError as DRF's, with ``__all__`` as ``non_field_errors``."""
    if hasattr(exc, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return exceptions.ValidationError(detail)


# The mixins below are mixed into views; to the type checker they are those views.
if TYPE_CHECKING:
    _APIViewBase = APIView
else:
    _APIViewBase = object


class ServiceErrorsMixin(_APIViewBase):
    """Turns django ValidationErrors raised by services into 400 responses naming the field."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DjangoValidationError):
            exc = to_drf_validation_error(exc)
        return super().handle_exception(exc)


class QueryFilterBackend(DjangoFilterBackend):  # type: ignore[misc]  # django-filter: no types
    """django-filter, skipped when the request names none of the filter's parameters.

    Building and validating the filter form costs about a millisecond per request; a list
    asked for without filters (the common case of a client paging through) needs none of it.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = set(filterset_class.base_filters)
        if not names.intersection(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class StableOrderingFilter(filters.OrderingFilter):
    """``?ordering=`` that always ends with ``id``, so cursor pagination stays exact.

    Only the view's ``ordering_fields`` are accepted (indexed columns on large tables).
    """

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> list[str]:
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not ordering:
            return ordering
        last = ordering[-1]
        if last.lstrip("-") not in ("id", "pk"):
            ordering.append("-id" if last.startswith("-") else "id")
        return ordering


def split_fields(spec: Iterable[Any]) -> tuple[list[str], dict[str, Any]]:
    """``values()`` arguments for output fields: plain names, or ``(name, lookup)`` pairs
    where the lookup is a field path or an expression."""
    names: list[str] = []
    renames: dict[str, Any] = {}
    for item in spec:
        if isinstance(item, tuple):
            name, lookup = item
            renames[name] = F(lookup) if isinstance(lookup, str) else lookup
        else:
            names.append(item)
    return names, renames


class ScopedAutoSchema(AutoSchema):
    """Writes answer with the output row, not with the input serializer."""

    def get_response_serializers(self) -> Any:
        output = getattr(self.view, "output_serializer_class", None)
        if output is not None and getattr(self.view, "action", None) in (
            "create",
            "update",
            "partial_update",
        ):
            return output
        return super().get_response_serializers()


class ScopedViewSet(ServiceErrorsMixin, viewsets.GenericViewSet[Any]):
    """Reads through ``scoping.visible_to``, writes through ``scoping.editable_by``.

    Subclasses set ``model``, ``output_fields`` and ``ordering`` (indexed columns ending with
    ``id``), and may override ``base_queryset`` (annotations) and ``shape`` (per-row tweaks
    that cost no query).
    """

    schema = ScopedAutoSchema()
    model: type[Any]
    output_fields: tuple[Any, ...] = ("id",)
    # Actions that change the object: looked up through editable_by, so an object one may see
    # but not change answers 404 as well.
    change_actions: frozenset[str] = frozenset({"update", "partial_update", "destroy"})
    filter_backends = [QueryFilterBackend, StableOrderingFilter, filters.SearchFilter]
    ordering_fields: tuple[str, ...] = ("id",)
    ordering = ("id",)
    output_serializer_class: type[serializers.Serializer[Any]] | None = None
    input_serializer_class: type[serializers.Serializer[Any]] | None = None
    update_serializer_class: type[serializers.Serializer[Any]] | None = None

    # --- querysets -------------------------------------------------------------------------
    def base_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = self.model._default_manager.all()
        return queryset

    def is_change(self) -> bool:
        return self.action in self.change_actions

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            none: QuerySet[Any] = self.model._default_manager.none()
            return none
        scope = scoping.editable_by if self.is_change() else scoping.visible_to
        return scope(self.request.user, self.model, self.base_queryset())

    def get_object(self) -> Any:
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = scoping.get_for_user(
            self.request.user,
            self.model,
            lookup,
            for_change=self.is_change(),
            queryset=self.base_queryset(),
        )
        self.check_object_permissions(self.request, obj)
        return obj

    # --- output ------------------------------------------------------------------------------
    def rows(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        names, renames = split_fields(self.output_fields)
        return queryset.values(*names, **renames)

    def shape(self, row: dict[str, Any]) -> dict[str, Any]:
        return row

    def row_for(self, pk: Any) -> dict[str, Any]:
        """The output row of one object the user may see (one query; 404 otherwise)."""
        queryset = self.rows(
            scoping.visible_to(self.request.user, self.model, self.base_queryset())
        )
        try:
            return self.shape(queryset.get(pk=pk))
        except (self.model.DoesNotExist, ValueError, TypeError):
            raise exceptions.NotFound() from None

    # --- serializers (used for input validation and the schema) ----------------------------
    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action in ("update", "partial_update") and self.update_serializer_class:
            return self.update_serializer_class
        if self.action == "create" and self.input_serializer_class:
            return self.input_serializer_class
        return self.output_serializer_class or serializers.Serializer

    def validated(self, serializer_class: Any = None, *, partial: bool = False) -> dict[str, Any]:
        serializer_class = serializer_class or self.get_serializer_class()
        serializer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


if TYPE_CHECKING:
    _ScopedViewSetBase = ScopedViewSet
else:
    _ScopedViewSetBase = object


class ListModelMixin(_ScopedViewSetBase):
    """Lean list: one ``values()`` query per page, shaped without a serializer."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.rows(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(queryset)
        if page is None:  # pragma: no cover - every list is paginated
            return Response([self.shape(row) for row in queryset])
        return self.get_paginated_response([self.shape(row) for row in page])


class RetrieveModelMixin(_ScopedViewSetBase):
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.row_for(self.kwargs[self.lookup_url_kwarg or self.lookup_field]))


class CreateModelMixin(_ScopedViewSetBase):
    """Validate with the input serializer, write with ``perform_create`` (a service)."""

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.perform_create(self.validated())
        return Response(self.row_for(obj.pk), status=status.HTTP_201_CREATED)

    def perform_create(
        self, data: dict[str, Any]
    ) -> Any:  # pragma: no cover - every writer overrides it
        raise NotImplementedError


class UpdateModelMixin(_ScopedViewSetBase):
    """PATCH (and PUT) through ``perform_update`` (a service) on an object one may change."""

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        obj = self.get_object()
        data = self.validated(partial=partial)
        obj = self.perform_update(obj, data)
        return Response(self.row_for(obj.pk))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    def perform_update(
        self, obj: Any, data: dict[str, Any]
    ) -> Any:  # pragma: no cover - every writer overrides it
        raise NotImplementedError


class ReadOnlyScopedViewSet(ListModelMixin, RetrieveModelMixin, ScopedViewSet):
    pass


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """An id in a request body, resolved among the rows the user may see (or change).

    Another tenant's id fails exactly like a missing one: 400 "object does not exist".
    """

    def __init__(self, model: type[Model], *, for_change: bool = False, **kwargs: Any) -> None:
        self.model = model
        self.for_change = for_change
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        scope = scoping.editable_by if self.for_change else scoping.visible_to
        return scope(user, self.model)
