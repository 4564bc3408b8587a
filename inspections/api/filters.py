"""Query filters of the inspection API.

Ids are plain number filters on the foreign key column, as in actors.api.filters: no query to
validate them, and since filtering happens inside the scoped queryset another tenant's id
simply matches nothing. Choices are checked: an unknown status is a 400 naming the filter.
"""

from __future__ import annotations

import django_filters as df
from django.db.models import Exists, OuterRef
from django.utils import timezone

from actors.api.filters import _bool, _id
from inspections import models as ins
from inspections.selectors import overdue_q


class MissionFilter(df.FilterSet):
    duty_station = _id("duty_station_id", "Duty station id")
    country = _id("duty_station__country_id", "Country id")
    status = df.ChoiceFilter(choices=ins.MissionStatus.choices)

    class Meta:
        model = ins.Mission
        fields = ["duty_station", "country", "status"]


class ChecklistItemFilter(df.FilterSet):
    mission = _id("mission_id", "Mission id")
    role = df.CharFilter(field_name="role__code", label="Role code (designated_official, …)")
    organization = _id("organization_id", "Agency (organization) id")
    person = _id("person_id", "Accountable person id")
    result = df.ChoiceFilter(choices=ins.ItemResult.choices)
    recorded = _bool(method="filter_recorded", label="Whether a result is recorded")

    class Meta:
        model = ins.ChecklistItem
        fields = ["mission", "role", "organization", "person", "result", "recorded"]

    def filter_recorded(self, queryset, name, value: bool):
        return queryset.exclude(result="") if value else queryset.filter(result="")


class FindingFilter(df.FilterSet):
    duty_station = _id("mission__duty_station_id", "Duty station id")
    agency = _id("organization_id", "Agency (organization) id")
    organization = _id("organization_id", "Agency (organization) id, as agency")
    mission = _id("mission_id", "Mission id")
    person = _id("accountable_person_id", "Accountable person id")
    status = df.ChoiceFilter(choices=ins.FindingStatus.choices)
    severity = df.ChoiceFilter(choices=ins.Severity.choices)
    overdue = _bool(
        method="filter_overdue",
        label="Past the date to rectify by and still awaiting action (¶40)",
    )

    class Meta:
        model = ins.Finding
        fields = [
            "duty_station",
            "agency",
            "organization",
            "mission",
            "person",
            "status",
            "severity",
            "overdue",
        ]

    def filter_overdue(self, queryset, name, value: bool):
        late = overdue_q(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class RectificationFilter(df.FilterSet):
    finding = _id("finding_id", "Finding id")
    mission = _id("finding__mission_id", "Mission id")
    organization = _id("organization_id", "Agency (organization) id")
    decision = df.ChoiceFilter(choices=ins.RectificationDecision.choices)

    class Meta:
        model = ins.Rectification
        fields = ["finding", "mission", "organization", "decision"]


class EvidenceFilter(df.FilterSet):
    checklist_item = _id("checklist_item_id", "Checklist item id")
    rectification = _id("rectification_id", "Rectification id")

    class Meta:
        model = ins.Evidence
        fields = ["checklist_item", "rectification"]


class FollowUpVisitFilter(df.FilterSet):
    mission = _id("mission_id", "Mission id")
    duty_station = _id("mission__duty_station_id", "Duty station id")
    completed = _bool(field_name="completed_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = ins.FollowUpVisit
        fields = ["mission", "duty_station", "completed"]


class EscalationFilter(df.FilterSet):
    duty_station = _id("duty_station_id", "Duty station id")
    mission = _id("mission_id", "Mission id")
    agency = df.NumberFilter(method="filter_agency", label="An agency concerned (organization id)")
    open = _bool(field_name="closed_at", lookup_expr="isnull", label="Still open (true/false)")

    class Meta:
        model = ins.Escalation
        fields = ["duty_station", "mission", "agency", "open"]

    def filter_agency(self, queryset, name, value: int):
        entries = ins.EscalationFinding.objects.filter(
            escalation_id=OuterRef("pk"), organization_id=value
        )
        return queryset.filter(Exists(entries))
