"""Forms of the training pages. Choices come from the scoping module (people and dependants
the user may see) or from shared reference data; the services decide on every write."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors.models import Dependant, DutyStation, Organization, Person, Role
from training.models import CourseKind, Delivery, RequirementStatus, TestAttempt
from training.selectors import offered_courses
from training.services.uploads import certificate_file_type

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code.upper()})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code.upper()})"


class DependantsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(dependant)s, dependant of %(person)s") % {
            "dependant": f"{obj.family_name}, {obj.given_names}",
            "person": f"{obj.person.family_name}, {obj.person.given_names}",
        }


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.localized_title}"


class StationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.country.name} — {obj.name}"


def stations():
    return DutyStation.objects.select_related("country").order_by("country__name", "name")


def station_people(user, station):
    """Active people of ``station`` the user may see."""
    return (
        scoping.visible_to(user, Person)
        .filter(duty_station=station, is_active=True)
        .select_related("organization")
        .order_by("family_name", "given_names", "id")
    )


def station_dependants(user, station):
    """Dependants living at ``station`` whose staff member the user may see."""
    return (
        scoping.visible_to(user, Dependant)
        .filter(person__duty_station=station, person__is_active=True, lives_at_duty_station=True)
        .select_related("person")
        .order_by("person__family_name", "family_name", "given_names", "id")
    )


def teachers(user, station):
    """Who may be named trainer or briefer: people of the station the user sees, and the user."""
    return (
        scoping.visible_to(user, Person)
        .filter(Q(duty_station=station) | Q(user_id=user.pk), is_active=True)
        .select_related("organization")
        .order_by("family_name", "given_names", "id")
    )


# --- The computer-generated test (¶32) ---------------------------------------------------------


def _shuffled(attempt: TestAttempt, choices) -> list:
    # The bank lists the right answer first; each attempt shows the choices in an order of its
    # own, stable across reloads of the page (a digest of the attempt and the choice).
    def key(choice):
        return hashlib.sha256(f"{attempt.pk}:{choice.pk}".encode()).hexdigest()

    return sorted(choices, key=key)


class AnswerSheetForm(forms.Form):
    """One radio group per drawn question. Only choice ids and texts reach the page, never
    which one is correct."""

    def __init__(self, *args, attempt: TestAttempt, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=_("%(number)s. %(question)s") % {"number": number, "question": question.text},
                choices=[
                    (choice.pk, choice.text)
                    for choice in _shuffled(attempt, question.choices.all())
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question.")},
            )

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}


# --- Completions obtained elsewhere ---------------------------------------------------------


class UploadForm(forms.Form):
    course = CourseChoiceField(label=_("Course"), queryset=None)
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    dependant = forms.ModelChoiceField(
        label=_("For a dependant"),
        queryset=None,
        required=False,
        empty_label=_("— myself —"),
        help_text=_("Leave empty for your own certificate."),
    )
    evidence = forms.FileField(
        label=_("Certificate file (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        error_messages={"required": _("Attach the certificate (PDF, PNG or JPEG).")},
    )
    external_reference = forms.CharField(
        label=_("Certificate number"), max_length=100, required=False
    )

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        # An arrival briefing is acknowledged in the app, never uploaded (¶33).
        self.fields["course"].queryset = (
            offered_courses(user).exclude(kind=CourseKind.ARRIVAL_BRIEFING).order_by("code")
        )
        self.fields["dependant"].queryset = person.dependants.order_by(
            "family_name", "given_names", "id"
        )

    def clean(self):
        data = super().clean()
        evidence = data.get("evidence")
        if evidence is not None:
            try:
                certificate_file_type(evidence, field="evidence")
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the certificate is not accepted.")},
    )


# --- The station and organization view -----------------------------------------------------


class RequirementFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *RequirementStatus.choices],
    )
    course_kind = forms.ChoiceField(
        label=_("Course"), required=False, choices=[("", _("All courses")), *CourseKind.choices]
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        required=False,
        queryset=Role.objects.order_by("name"),
        empty_label=_("All roles"),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        required=False,
        queryset=Organization.objects.order_by("code"),
        empty_label=_("All organizations"),
    )
    duty_station = StationChoiceField(
        label=_("Duty station"),
        required=False,
        queryset=stations(),
        empty_label=_("All duty stations"),
    )

    def filters(self) -> dict:
        """The selector's filters (ids and codes), without the status."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "course_kind": data.get("course_kind") or None,
            "role": getattr(data.get("role"), "pk", None),
            "organization": getattr(data.get("organization"), "pk", None),
            "duty_station": getattr(data.get("duty_station"), "pk", None),
        }

    def chosen_status(self) -> str | None:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("status") or None


# --- Sessions and briefings ----------------------------------------------------------------------


class StationForm(forms.Form):
    """First step of scheduling a session or recording a briefing: where."""

    duty_station = StationChoiceField(label=_("Duty station"), queryset=stations())


class SessionForm(forms.Form):
    course = CourseChoiceField(label=_("Course"), queryset=None)
    trainer = PersonChoiceField(label=_("Trainer"), queryset=None)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            offered_courses(user)
            .filter(delivery=Delivery.IN_PERSON)
            .exclude(kind=CourseKind.ARRIVAL_BRIEFING)
            .order_by("code")
        )
        self.fields["trainer"].queryset = teachers(user, station)


class ParticipantsForm(forms.Form):
    people = PeopleChoiceField(
        label=_("Staff members"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dependants = DependantsChoiceField(
        label=_("Eligible dependants"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, session, enrolled_people, enrolled_dependants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = station_people(user, session.duty_station).exclude(
            pk__in=enrolled_people
        )
        self.fields["dependants"].queryset = station_dependants(user, session.duty_station).exclude(
            pk__in=enrolled_dependants
        )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("people") and not data.get("dependants"):
            raise ValidationError(_("Choose at least one staff member or dependant."))
        return data


class BriefingForm(forms.Form):
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    given_by = PersonChoiceField(label=_("Given by"), queryset=None)
    version = forms.CharField(
        label=_("Briefing version"),
        max_length=40,
        help_text=_("The version of the station's briefing material that was presented."),
    )
    content = forms.CharField(label=_("What was covered"), widget=forms.Textarea(attrs={"rows": 5}))
    people = PeopleChoiceField(
        label=_("Staff members briefed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dependants = DependantsChoiceField(
        label=_("Dependants briefed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = teachers(user, station)
        self.fields["people"].queryset = station_people(user, station)
        self.fields["dependants"].queryset = station_dependants(user, station)
