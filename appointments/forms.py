"""Forms of the appointment workflow pages (¶17, ¶19, ¶24). They parse input; the services in
``appointments.services.workflow`` decide and write, and their field errors land back on these
forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors import models as m
from actors.forms import DateInput, FilterForm, _any, _organization_field
from appointments.models import Answer, Appointment, AppointmentStatus
from appointments.services.workflow import WORKFLOW_ROLES

COMPETENCY_PREFIX = "competency_"


def competency_name(competency) -> str:
    return competency.name_zh if (get_language() or "").startswith("zh") else competency.name_en


# --- Appointments ---------------------------------------------------------------------------


class AppointmentForm(forms.Form):
    """Appoint one person; the scope choices are the places the person's rules allow."""

    role = forms.ModelChoiceField(queryset=m.Role.objects.exclude(scope_kinds=[]), label=_("Role"))
    scope = forms.ChoiceField(label=_("Scope"))
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    is_ad_interim = forms.BooleanField(
        label=_("Designated Official ad interim (¶8(b))"), required=False
    )

    SCOPE_MODELS = {
        "organization": m.Organization,
        "country": m.Country,
        "duty_station": m.DutyStation,
        "area": m.Area,
        "zone": m.WardenZone,
    }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        station = person.duty_station
        organizations = m.Organization.objects.filter(
            pk=person.organization_id
        ) | m.Organization.objects.filter(kind=m.OrganizationKind.UNSECOORD)
        groups = [
            (_("Organization"), [(f"organization:{o.pk}", str(o)) for o in organizations]),
            # Regional FSCOs serve other countries and stations (¶9): offer them all.
            (_("Country"), [(f"country:{c.pk}", str(c)) for c in m.Country.objects.all()]),
            (
                _("Duty station"),
                [
                    (f"duty_station:{s.pk}", str(s))
                    for s in m.DutyStation.objects.select_related("country")
                ],
            ),
            (
                _("Area"),
                [
                    (f"area:{a.pk}", str(a))
                    for a in m.Area.objects.select_related("country").filter(
                        country_id=station.country_id
                    )
                ],
            ),
            (
                _("Warden zone"),
                [
                    (f"zone:{z.pk}", str(z))
                    for z in m.WardenZone.objects.select_related("duty_station").filter(
                        duty_station_id=station.pk
                    )
                ],
            ),
        ]
        self.fields["scope"].choices = [("", "---------"), *[(g, c) for g, c in groups if c]]
        if not self.is_bound:
            self.initial.setdefault("scope", f"duty_station:{station.pk}")

    def clean_scope(self):
        kind, _sep, pk = self.cleaned_data["scope"].partition(":")
        model = self.SCOPE_MODELS.get(kind)
        try:
            return model.objects.get(pk=int(pk))
        except (AttributeError, ValueError, model.DoesNotExist):
            raise forms.ValidationError(_("Choose a valid scope.")) from None


class AppointmentEndForm(forms.Form):
    revoke = forms.BooleanField(
        label=_("Revoke (rather than end normally)"),
        required=False,
        help_text=_("A revocation needs a reason."),
    )
    on = forms.DateField(label=_("Ended on"), required=False, widget=DateInput())
    end_reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppointmentFilterForm(FilterForm):
    role = forms.ModelChoiceField(
        queryset=m.Role.objects.exclude(scope_kinds=[]),
        required=False,
        label=_("Role"),
        empty_label=_("Any"),
    )
    status = forms.ChoiceField(
        choices=_any(AppointmentStatus.choices), required=False, label=_("Status")
    )
    organization = _organization_field()


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


# --- Appointments outside the ASC/warden workflow (appointments.services.designations)
# ---------------------------


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
        queryset=Appointment.objects.none(),
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
