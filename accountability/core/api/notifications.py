"""/api/v1/notifications/: the signed-in user's own notices, and marking one read."""

from __future__ import annotations

from typing import Any

import django_filters as df
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accountability.core.api.base import ListModelMixin, ScopedViewSet
from accountability.core.models import Notification
from accountability.core.notifications import notification_read


class NotificationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    key = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationFilter(df.FilterSet):  # type: ignore[misc]  # django-filter has no types
    unread = df.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        field_name="read_at",
        lookup_expr="isnull",
        label="Only unread (true) or only read (false)",
    )

    class Meta:
        model = Notification
        fields = ["unread"]


@extend_schema_view(
    list=extend_schema(summary="Your notifications, newest first"),
    read=extend_schema(
        request=None,
        responses={200: NotificationSerializer},
        summary="Mark one of your notifications read",
    ),
)
class NotificationViewSet(ListModelMixin, ScopedViewSet):
    model = Notification
    output_fields = ("id", "key", "subject", "body", "url", "created_at", "read_at")
    output_serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering_fields = ("id",)
    ordering = ("-id",)
    change_actions = frozenset({"read"})

    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: Any = None, format: Any = None) -> Response:
        notification = notification_read(user=request.user, notification=self.get_object())
        return Response(self.row_for(notification.pk))


router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
urlpatterns = router.urls
