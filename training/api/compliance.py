"""/api/v1/compliance/training/: training compliance aggregated by organization and duty
station, counts and percentages by status (issue 4; ¶27, ¶32: who holds the certificates).

Over the requirements the user may see, through training.selectors.compliance: three queries
whatever the data (the token, the user's grants, one GROUP BY on the requirement view). The
totals are summed from the groups, without another query.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability.core.api.base import ServiceErrorsMixin
from training import selectors
from training.models import RequirementStatus

from .filters import RequirementQuerySerializer

GROUPINGS = tuple(selectors.GROUPINGS)  # organization, duty_station


class GroupByField(serializers.CharField):
    """``organization``, ``duty_station`` or both, comma-separated (in that order or not)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if (
            not parts
            or any(part not in GROUPINGS for part in parts)
            or len(set(parts)) < len(parts)
        ):
            raise serializers.ValidationError(
                _("Group by organization, duty_station or organization,duty_station.")
            )
        return tuple(parts)


class ComplianceQuerySerializer(RequirementQuerySerializer):
    group_by = GroupByField(
        required=False,
        default=GROUPINGS,
        help_text=gettext_lazy("organization, duty_station or organization,duty_station"),
    )


def _counts_fields() -> dict:
    fields = {"total": serializers.IntegerField()}
    for status in RequirementStatus:
        fields[status.value] = serializers.IntegerField()
        fields[f"{status.value}_percent"] = serializers.FloatField()
    return fields


ComplianceCountsSerializer = type(
    "ComplianceCountsSerializer", (serializers.Serializer,), _counts_fields()
)


class ComplianceGroupSerializer(ComplianceCountsSerializer):
    organization = serializers.IntegerField(
        required=False, help_text=gettext_lazy("With group_by organization.")
    )
    organization_label = serializers.CharField(required=False)
    duty_station = serializers.IntegerField(
        required=False, help_text=gettext_lazy("With group_by duty_station.")
    )
    duty_station_label = serializers.CharField(required=False)


class ComplianceSerializer(serializers.Serializer):
    today = serializers.DateField()
    group_by = serializers.ListField(child=serializers.CharField())
    totals = ComplianceCountsSerializer()
    results = ComplianceGroupSerializer(many=True)


def totals(groups: list[dict]) -> dict:
    """The groups summed, with percentages of the whole."""
    total = sum(group["total"] for group in groups)
    result: dict = {"total": total}
    for status in RequirementStatus:
        count = sum(group[status.value] for group in groups)
        result[status.value] = count
        result[f"{status.value}_percent"] = round(100 * count / total, 1) if total else 0.0
    return result


class TrainingComplianceView(ServiceErrorsMixin, APIView):
    """Counts by status per organization and/or duty station (``?format=csv`` for a sheet).

    A plain view, not a viewset: the answer is one object (totals and groups), not a page.
    """

    @extend_schema(
        tags=["compliance"],
        parameters=[ComplianceQuerySerializer],
        responses={200: ComplianceSerializer},
        summary="Training compliance by organization and duty station: counts and percentages",
    )
    def get(self, request, format=None):
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        group_by = filters.pop("group_by")
        today = timezone.localdate()
        groups = selectors.compliance(request.user, today=today, group_by=group_by, **filters)
        return Response(
            {
                "today": today,
                "group_by": list(group_by),
                "totals": totals(groups),
                "results": groups,
            }
        )
