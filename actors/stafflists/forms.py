"""Forms of the staff-list pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import DutyStation, Organization


class StationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.country.name} — {obj.name}"


class ListChoiceForm(forms.Form):
    """Which list: shared reference data, so every organization and station may be chosen;
    whether the user keeps the chosen list is checked afterwards (404 otherwise)."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.order_by("code")
    )
    duty_station = StationChoiceField(
        label=_("Duty station"),
        queryset=DutyStation.objects.select_related("country").order_by("country__name", "name"),
    )


class ImportForm(ListChoiceForm):
    file = forms.FileField(
        label=_("Staff list file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (write nothing)"),
        required=False,
    )
