"""Forms of the mission and recording pages (¶39, ¶40), and of the findings, rectification,
follow-up and non-compliance pages (¶40).

They parse what was typed; the services in ``inspections.services`` decide every write, and
their ``ValidationError`` field dicts land on the fields named here (the same names the
services use: ``team``, ``ends_on``, ``result``, ``severity``, ``recommendation``,
``deadline``, ``client_saved_at``, ``file``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors.models import DutyStation, Organization, Person
from appointments.models import Appointment, AppointmentStatus

from .models import FindingStatus, FollowUpResult, ItemResult, MissionStatus, Severity
from .services.evidence import evidence_file_type
from .services.missions import INSPECTOR_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A mission samples a handful of staff for the personnel items (¶22), not the whole station.
MAX_SAMPLE = 50
# A rectification report carries a few photographs or documents, not an archive.
MAX_FILES = 10


class StationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.country.name} — {obj.name}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code.upper()})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code.upper()})"


def stations():
    return DutyStation.objects.select_related("country").order_by("country__name", "name")


def inspectors(user):
    """People who may be on a team: an active UNSECOORD inspector (or UNSECOORD)
    appointment (¶39), among the people the planner sees."""
    active = Appointment.objects.filter(
        person_id=OuterRef("pk"),
        role__code__in=INSPECTOR_ROLES,
        status=AppointmentStatus.ACTIVE,
    )
    return (
        scoping.visible_to(user, Person)
        .filter(Exists(active), is_active=True)
        .select_related("organization")
        .order_by("family_name", "given_names", "id")
    )


class MissionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MissionStatus.choices],
    )
    duty_station = StationChoiceField(
        label=_("Duty station"),
        required=False,
        queryset=stations(),
        empty_label=_("All duty stations"),
    )

    def filtered(self, queryset):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("duty_station") is not None:
            queryset = queryset.filter(duty_station=data["duty_station"])
        return queryset


class MissionPlanForm(forms.Form):
    """A new mission (¶39): where, when, who inspects, and why."""

    duty_station = StationChoiceField(label=_("Duty station"), queryset=stations())
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    lead_inspector = PersonChoiceField(label=_("Lead inspector"), queryset=None)
    team = PeopleChoiceField(
        label=_("Other inspectors on the team"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    personnel_sample_size = forms.IntegerField(
        label=_("Staff members sampled"),
        min_value=0,
        max_value=MAX_SAMPLE,
        initial=5,
        help_text=_("How many of the station's personnel the checklist samples for ¶22."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_inspector"].queryset = inspectors(user)
        self.fields["team"].queryset = inspectors(user)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The mission cannot end before it starts."))
        return data


class MissionEditForm(forms.Form):
    """Dates and objectives until the debrief; the team and the sample only while the
    mission is planned (the checklist is generated from them at the announcement, ¶39)."""

    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    team = PeopleChoiceField(
        label=_("Other inspectors on the team"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    personnel_sample_size = forms.IntegerField(
        label=_("Staff members sampled"), min_value=0, max_value=MAX_SAMPLE
    )

    def __init__(self, *args, user, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_editable = mission.status == MissionStatus.PLANNED
        if self.team_editable:
            self.fields["team"].queryset = inspectors(user).exclude(pk=mission.lead_inspector_id)
        else:
            del self.fields["team"]
            del self.fields["personnel_sample_size"]


class DebriefForm(forms.Form):
    summary = forms.CharField(
        label=_("Debrief summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the team told the DO and the SMT (¶40)."),
    )


class ItemRecordForm(forms.Form):
    """One checklist item as entered on the recording page, with its finding's fields when
    the result is a deficiency (¶40). Sent whole by the page's script at every change, with
    the time of the change on the device; sent by a plain form post without the script."""

    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("Not recorded")), *ItemResult.choices]
    )
    notes = forms.CharField(label=_("Notes"), required=False, strip=False, max_length=10000)
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=Severity.choices)
    recommendation = forms.CharField(label=_("Recommendation"), required=False, max_length=10000)
    deadline = forms.DateField(label=_("Rectify by"), required=False, widget=DATE)
    # Sent by the script only: whether the inspector set the date (else it follows the
    # severity). A plain form post leaves it out and the service compares the dates.
    deadline_set_by_hand = forms.NullBooleanField(label=_("Date set by hand"), required=False)
    client_saved_at = forms.DateTimeField(label=_("Saved on the device at"), required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        error_messages={"required": _("Attach a file (PDF, PNG or JPEG).")},
    )


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code.upper()} — {obj.name}"


class FindingFilterForm(forms.Form):
    """Filters of the findings list; stations and agencies are shared reference data."""

    OVERDUE = (("", _("Overdue or not")), ("yes", _("Overdue only")), ("no", _("Not overdue")))

    station = StationChoiceField(
        label=_("Duty station"),
        required=False,
        queryset=DutyStation.objects.select_related("country").order_by("country__name", "name"),
        empty_label=_("All duty stations"),
    )
    agency = AgencyChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Organization.objects.order_by("code"),
        empty_label=_("All agencies"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *FindingStatus.choices],
    )
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=OVERDUE)

    def filters(self) -> dict:
        """The selector's keyword arguments (``inspections.selectors.findings_for``)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        overdue = data.get("overdue") or ""
        return {
            "station": getattr(data.get("station"), "pk", None),
            "agency": getattr(data.get("agency"), "pk", None),
            "status": data.get("status") or None,
            "overdue": {"yes": True, "no": False}.get(overdue),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several evidence files in one input; each is checked by its own bytes (PDF, PNG or
    JPEG, within ``INSPECTION_EVIDENCE_MAX_BYTES``) before the service stores any."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,image/*"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_FILES}, code="too_many"
            )
        cleaned = [super(EvidenceFilesField, self).clean(upload, initial) for upload in uploads]
        errors = []
        for upload in cleaned:
            try:
                evidence_file_type(upload, field="files")
            except ValidationError as exc:
                errors.extend(
                    _("%(name)s: %(error)s") % {"name": upload.name, "error": message}
                    for message in exc.message_dict["files"]
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class RectificationForm(forms.Form):
    """The responsible actor's report that the finding was put right (¶40)."""

    description = forms.CharField(
        label=_("What was done"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what was done.")},
    )
    files = EvidenceFilesField(
        label=_("Evidence (PDF, PNG or JPEG)"),
        required=False,
        help_text=_("Photographs or documents showing the rectification; several may be chosen."),
    )


class DecisionForm(forms.Form):
    """The mission team's verification of a reported rectification."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=((ACCEPT, _("Verified: the finding is rectified")), (REJECT, _("Not accepted"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the rectification is not accepted: say why."),
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == self.ACCEPT


class FollowUpCheckForm(forms.Form):
    """One open finding re-checked on the follow-up visit (¶40)."""

    finding = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Result"), choices=FollowUpResult.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpCompleteForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes on the visit"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StateFilterForm(forms.Form):
    """Open or closed: follow-up visits (completed or not) and non-compliance reports."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=(("", _("All")), ("open", _("Open")), ("closed", _("Closed"))),
    )

    def chosen(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("state") or ""
