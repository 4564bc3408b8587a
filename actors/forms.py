"""Forms of the web interface. They parse and validate input; the services write.

Model forms are used for their labels, widgets and field validation only: views never call
``form.save()``, they hand ``cleaned_data`` to the ``actors.services`` functions.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors import models as m
from actors import rules as actor_rules


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]


def _any(choices):
    return [("", _("Any")), *choices]


# --- Filters of the list pages ----------------------------------------------------------------


class FilterForm(forms.Form):
    """GET filters; every field optional. Choice querysets are reference data (one query each)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


def _country_field():
    return forms.ModelChoiceField(
        queryset=m.Country.objects.all(), required=False, label=_("Country"), empty_label=_("Any")
    )


def _station_field():
    return forms.ModelChoiceField(
        queryset=m.DutyStation.objects.select_related("country"),
        required=False,
        label=_("Duty station"),
        empty_label=_("Any"),
    )


def _organization_field():
    return forms.ModelChoiceField(
        queryset=m.Organization.objects.all(),
        required=False,
        label=_("Organization"),
        empty_label=_("Any"),
    )


class OrganizationFilterForm(FilterForm):
    kind = forms.ChoiceField(
        choices=_any(m.OrganizationKind.choices), required=False, label=_("Kind")
    )
    active = forms.ChoiceField(choices=YES_NO, required=False, label=_("Active"))


class DutyStationFilterForm(FilterForm):
    country = _country_field()
    security_phase = forms.TypedChoiceField(
        choices=_any(m.SecurityPhase.choices),
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Security phase"),
    )


class AreaFilterForm(FilterForm):
    country = _country_field()


class WardenZoneFilterForm(FilterForm):
    duty_station = _station_field()


class PersonFilterForm(FilterForm):
    organization = _organization_field()
    duty_station = _station_field()
    category = forms.ChoiceField(
        choices=_any(m.PersonCategory.choices), required=False, label=_("Category")
    )
    active = forms.ChoiceField(choices=YES_NO, required=False, label=_("Active"))


class DependantFilterForm(FilterForm):
    organization = _organization_field()
    relationship = forms.ChoiceField(
        choices=_any(m.Relationship.choices), required=False, label=_("Relationship")
    )


class UserFilterForm(FilterForm):
    organization = _organization_field()
    active = forms.ChoiceField(choices=YES_NO, required=False, label=_("Active"))


# --- Reference data (superusers) ---------------------------------------------------------------


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = m.Organization
        fields = ["code", "name", "kind", "mou_signed_on", "is_active"]
        widgets = {"mou_signed_on": DateInput()}


class CountryForm(forms.ModelForm):
    class Meta:
        model = m.Country
        fields = ["iso_code", "name"]


# --- Structure -----------------------------------------------------------------------------------


class DutyStationForm(forms.ModelForm):
    class Meta:
        model = m.DutyStation
        fields = ["country", "name", "is_capital", "area", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = m.Area.objects.select_related("country")
        if self.instance.pk:
            self.fields["area"].queryset = self.fields["area"].queryset.filter(
                country_id=self.instance.country_id
            )
            del self.fields["country"]


class PhaseChangeForm(forms.ModelForm):
    class Meta:
        model = m.SecurityPhaseChange
        fields = ["phase", "effective_from", "reason"]
        widgets = {"effective_from": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}


class AreaForm(forms.ModelForm):
    class Meta:
        model = m.Area
        fields = ["country", "name", "description"]
        labels = {"country": _("Country")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["country"]
        elif user is not None and not user.is_superuser:
            # Areas are added by those who hold structure rights over the whole country.
            self.fields["country"].queryset = m.Country.objects.filter(
                pk__in=sorted(scoping.grants(user).ids("country", "change_structure"))
            )


class WardenZoneForm(forms.ModelForm):
    class Meta:
        model = m.WardenZone
        fields = ["duty_station", "name", "description"]
        labels = {"duty_station": _("Duty station")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["duty_station"]
        elif user is not None:
            self.fields["duty_station"].queryset = scoping.editable_by(
                user, m.DutyStation, m.DutyStation.objects.select_related("country")
            )


# --- People --------------------------------------------------------------------------------------

PERSON_FIELDS = [
    "family_name",
    "given_names",
    "index_number",
    "category",
    "contract_type",
    "grade",
    "email",
    "phone",
    "radio_call_sign",
    "residential_address",
]


class PersonCreateForm(forms.ModelForm):
    class Meta:
        model = m.Person
        fields = ["organization", "duty_station", *PERSON_FIELDS]
        widgets = {"residential_address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty_station"].queryset = m.DutyStation.objects.select_related("country")
        self.fields["organization"].queryset = m.Organization.objects.filter(is_active=True)
        if user is not None and not self.is_bound:
            self.initial.setdefault("organization", user.organization_id)


class PersonEditForm(forms.ModelForm):
    class Meta:
        model = m.Person
        fields = ["duty_station", *PERSON_FIELDS, "residential_zone", "is_active"]
        widgets = {"residential_address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, contact_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty_station"].queryset = m.DutyStation.objects.select_related("country")
        self.fields["residential_zone"].queryset = m.WardenZone.objects.select_related(
            "duty_station"
        ).filter(duty_station_id=self.instance.duty_station_id)
        if contact_only:
            # One's own record: the staff list's fields are shown, kept as they are.
            for name, field in self.fields.items():
                field.disabled = name not in actor_rules.PERSON_SELF_FIELDS


class DependantForm(forms.ModelForm):
    class Meta:
        model = m.Dependant
        fields = [
            "family_name",
            "given_names",
            "relationship",
            "birth_date",
            "residential_address",
            "lives_at_duty_station",
        ]
        widgets = {
            "birth_date": DateInput(),
            "residential_address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, show_private=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_private:
            for name in actor_rules.DEPENDANT_PRIVATE_FIELDS:
                del self.fields[name]


# --- Users ----------------------------------------------------------------------------------


class UserCreateForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=m.Organization.objects.all(), label=_("Organization")
    )
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to create a login that cannot sign in yet."),
    )
    person_index_number = forms.CharField(
        label=_("Link to the person with index number"), max_length=30, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser:
            # An HQ focal point manages its own organization's logins only.
            self.fields["organization"].queryset = m.Organization.objects.filter(
                pk__in=sorted(scoping.grants(user).ids("organization", "manage_users"))
            )
        if not self.is_bound:
            self.initial.setdefault("organization", user.organization_id)


class UserEditForm(forms.Form):
    email = forms.EmailField(label=_("Email"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False)
