"""/api/v1/compliance/inspections/: compliance over time per duty station (issue 5; ¶39–¶40):
the score of each reported inspection in date order (the trend), the open and overdue
findings by agency, and whether the station is flagged non-compliant.

Over the missions the user may see reported, through inspections.selectors.station_
compliance: four queries whatever the data (the token, the user's grants, the missions, the
findings counted by station and agency, the flags: the selector's three after the token).
``?format=csv`` and ``?format=xlsx`` give one flat row per station.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability.core.api.base import ServiceErrorsMixin
from actors.models import DutyStation
from inspections import selectors
from inspections.models import MissionStatus

from .common import NamedChoiceField


class ComplianceQuerySerializer(serializers.Serializer):
    duty_station = serializers.IntegerField(required=False, min_value=1)
    country = serializers.IntegerField(required=False, min_value=1)


class TrendPointSerializer(serializers.Serializer):
    mission = serializers.IntegerField()
    reference = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    status = NamedChoiceField(MissionStatus.choices, enum_name="MissionStatusEnum")
    score = serializers.FloatField(allow_null=True)


class AgencyCountsSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class StationComplianceSerializer(serializers.Serializer):
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    country = serializers.CharField(help_text=_("The country's name."))
    non_compliant = serializers.BooleanField(
        help_text=_("A non-compliance report of the station is open (¶40).")
    )
    latest_score = serializers.FloatField(allow_null=True)
    trend = TrendPointSerializer(many=True, help_text=_("Reported missions, oldest first."))
    by_agency = AgencyCountsSerializer(many=True)


class InspectionComplianceSerializer(serializers.Serializer):
    today = serializers.DateField()
    results = StationComplianceSerializer(many=True)


def flat(station: dict) -> dict:
    """One spreadsheet row per station: the trend and the agencies as text."""
    return {
        "duty_station": station["duty_station"],
        "duty_station_name": station["duty_station_name"],
        "country": station["country"],
        "non_compliant": station["non_compliant"],
        "latest_score": station["latest_score"],
        "missions": len(station["trend"]),
        "trend": "; ".join(
            f"{point['reference']} ({point['ends_on'].isoformat()}): "
            f"{'' if point['score'] is None else point['score']}"
            for point in station["trend"]
        ),
        "open": sum(agency["open"] for agency in station["by_agency"]),
        "overdue": sum(agency["overdue"] for agency in station["by_agency"]),
        "by_agency": "; ".join(
            f"{agency['code']}: {agency['open']} open, {agency['overdue']} overdue"
            for agency in station["by_agency"]
        ),
    }


class InspectionComplianceView(ServiceErrorsMixin, APIView):
    """The compliance of the stations whose reported missions the user sees."""

    @extend_schema(
        tags=["compliance"],
        parameters=[ComplianceQuerySerializer],
        responses={200: InspectionComplianceSerializer},
        summary="Inspection compliance by duty station: score trend, open and overdue findings",
    )
    def get(self, request, format=None):
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        stations = None
        if filters:
            # Stations are reference data; a lazy subquery, not a list of ids.
            stations = DutyStation.objects.filter(
                **{
                    name: value
                    for name, value in (
                        ("pk", filters.get("duty_station")),
                        ("country_id", filters.get("country")),
                    )
                    if value is not None
                }
            ).values("pk")
        today = timezone.localdate()
        results = selectors.station_compliance(request.user, stations=stations, today=today)
        if request.accepted_renderer.format in ("csv", "xlsx"):
            return Response([flat(station) for station in results])
        return Response({"today": today, "results": results})
