"""Forms of the appointment workflow pages (¶17, ¶19, ¶24). They parse input; the services in
``structure.workflow`` decide and write, and their field errors land back on these forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors import models as m
from actors.forms import DateInput
from structure.models import Answer
from structure.workflow import WORKFLOW_ROLES

COMPETENCY_PREFIX = "competency_"


def competency_name(competency) -> str:
    return competency.name_zh if (get_language() or "").startswith("zh") else competency.name_en


class NominationForm(forms.Form):
    """Nominate an area coordinator or a (alternate) warden over ``scope``; one textarea per
    core competency of the role (¶24(d))."""

    person = forms.ModelChoiceField(queryset=m.Person.objects.none(), label=_("Nominee"))
    role = forms.ModelChoiceField(queryset=m.Role.objects.none(), label=_("Role"), empty_label=None)
    is_alternate = forms.BooleanField(
        required=False,
        label=_("Alternate warden"),
        help_text=_("Each zone has one warden and at least one alternate (¶19)."),
    )
    start_date = forms.DateField(label=_("Proposed start date"), widget=DateInput())
    end_date = forms.DateField(label=_("Proposed end date"), required=False, widget=DateInput())

    def __init__(self, data=None, *, user, scope):
        super().__init__(data)
        if isinstance(scope, m.WardenZone):
            people = m.Person.objects.filter(duty_station_id=scope.duty_station_id)
            kind = m.ScopeKind.ZONE
        else:
            people = m.Person.objects.filter(duty_station__area_id=scope.pk)
            kind = m.ScopeKind.AREA
            del self.fields["is_alternate"]
        self.fields["person"].queryset = scoping.visible_to(
            user, m.Person, people.filter(is_active=True).select_related("organization")
        ).order_by("family_name", "given_names", "pk")
        self.fields["person"].label_from_instance = lambda p: f"{p} ({p.organization.code.upper()})"
        roles = m.Role.objects.filter(code__in=WORKFLOW_ROLES, scope_kinds__contains=[kind])
        self.fields["role"].queryset = roles
        self.fields["role"].label_from_instance = lambda r: r.name
        self.competencies = list(
            m.Competency.objects.filter(role__in=roles).order_by("role_id", "position")
        )
        for competency in self.competencies:
            self.fields[f"{COMPETENCY_PREFIX}{competency.pk}"] = forms.CharField(
                label=_("¶24(%(letter)s) %(name)s: how the nominee meets it")
                % {"letter": competency.paragraph_letter, "name": competency_name(competency)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Needed before the nomination goes to the SMT."),
            )

    def statements(self) -> dict[int, str]:
        role = self.cleaned_data["role"]
        return {
            c.pk: self.cleaned_data.get(f"{COMPETENCY_PREFIX}{c.pk}", "")
            for c in self.competencies
            if c.role_id == role.pk
        }


class ConsultationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your view"),
        choices=[(a.value, a.label) for a in Answer if a != Answer.PENDING],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required with an objection."),
    )


class ReleaseForm(forms.Form):
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        decimal_places=1,
    )
    percent = forms.IntegerField(
        label=_("Percent of working time"), required=False, min_value=1, max_value=100
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a rejection."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea({"rows": 2}))


# --- Appointments outside the ASC/warden workflow (structure.other) ---------------------------


def _people_choices(field, queryset, user) -> None:
    field.queryset = scoping.visible_to(
        user, m.Person, queryset.filter(is_active=True).select_related("organization")
    ).order_by("family_name", "given_names", "pk")
    field.label_from_instance = lambda p: f"{p} ({p.organization.code.upper()})"


class InterimRecommendationForm(forms.Form):
    """The DO recommends a DO ad interim (¶8(b)): anyone of any agency at the country's duty
    stations whom the DO can see."""

    person = forms.ModelChoiceField(queryset=m.Person.objects.none(), label=_("Candidate"))
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())

    def __init__(self, data=None, *, user, country):
        super().__init__(data)
        people = m.Person.objects.filter(duty_station__country_id=country.pk).exclude(
            user_id=user.pk
        )
        _people_choices(self.fields["person"], people, user)


class FocalPointForm(forms.Form):
    """The country representative names one of its own organization's staff as the Country
    Security Focal Point (annex ¶24), for the duty station or, when it represents the whole
    country, for the country."""

    person = forms.ModelChoiceField(queryset=m.Person.objects.none(), label=_("Focal point"))
    scope = forms.ChoiceField(label=_("For"))
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())

    def __init__(self, data=None, *, user, station, whole_country: bool):
        super().__init__(data)
        place = (
            Q(duty_station__country_id=station.country_id)
            if whole_country
            else Q(duty_station_id=station.pk)
        )
        people = m.Person.objects.filter(place, organization_id=user.organization_id)
        _people_choices(self.fields["person"], people, user)
        choices = [("duty_station", station.name)]
        if whole_country:
            choices.append(("country", station.country.name))
        self.fields["scope"].choices = choices


class SmtDeputyForm(forms.Form):
    """A deputy of the representative's own organization sits in on the SMT while it is
    absent (annex ¶22)."""

    representative_appointment = forms.ModelChoiceField(
        queryset=m.Appointment.objects.none(),
        label=_("Your SMT seat"),
        empty_label=None,
    )
    deputy = forms.ModelChoiceField(queryset=m.Person.objects.none(), label=_("Deputy"))
    start_date = forms.DateField(label=_("Start of the absence"), widget=DateInput())
    end_date = forms.DateField(label=_("End of the absence"), widget=DateInput())

    def __init__(self, data=None, *, user, station, seats):
        super().__init__(data)
        self.fields["representative_appointment"].queryset = seats
        self.fields["representative_appointment"].label_from_instance = lambda a: (
            f"{a.role.name} — {a.scope}"
        )
        people = m.Person.objects.filter(
            organization_id=user.organization_id, duty_station_id=station.pk
        ).exclude(user_id=user.pk)
        _people_choices(self.fields["deputy"], people, user)
