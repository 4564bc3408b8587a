"""Forms of the findings, rectification, follow-up and non-compliance pages (¶40).

They parse what was typed; the services in ``inspections.services`` decide every write, and
their ``ValidationError`` field dicts land on the fields named here."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actors.models import DutyStation, Organization

from .evidence import evidence_file_type
from .models import FindingStatus, FollowUpResult

# A rectification report carries a few photographs or documents, not an archive.
MAX_FILES = 10


class StationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.country.name} — {obj.name}"


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
