"""Input and output serializers of the structure API (nominations, approval queue,
consultations, vacancies, notifications). Output serializers document the ``values()`` rows
the views build; no serializer walks a list row by row."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from actors import models as m
from appointments import rules as appointment_rules
from appointments.models import Answer, AppointmentStatus
from appointments.selectors import MISSING, VACANCY_KINDS

# --- Appointments ---------------------------------------------------------------------------


class AppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    person = serializers.IntegerField()
    person_family_name = serializers.CharField()
    person_given_names = serializers.CharField()
    role = serializers.IntegerField()
    role_code = serializers.CharField()
    scope_kind = serializers.ChoiceField(choices=m.ScopeKind.choices)
    scope_id = serializers.IntegerField()
    is_ad_interim = serializers.BooleanField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=AppointmentStatus.choices)
    appointed_by = serializers.IntegerField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField()
    # The ASC and warden workflow (¶17, ¶19; appointments.services.workflow).
    is_alternate = serializers.BooleanField()
    nominated_by = serializers.IntegerField(allow_null=True)
    consultation_ends_on = serializers.DateField(allow_null=True)
    release_hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    release_percent = serializers.IntegerField(allow_null=True)
    released_by = serializers.IntegerField(allow_null=True)
    decided_by = serializers.IntegerField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()


class AppointmentInputSerializer(serializers.Serializer):
    person = Scoped(m.Person)
    role = serializers.SlugRelatedField(slug_field="code", queryset=m.Role.objects.all())
    scope_kind = serializers.ChoiceField(choices=m.ScopeKind.choices)
    scope_id = serializers.IntegerField(min_value=1)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    is_ad_interim = serializers.BooleanField(required=False, default=False)


class AppointmentEndSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    revoke = serializers.BooleanField(required=False, default=False)
    on = serializers.DateField(required=False, allow_null=True)


class ConsultationAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=[("support", _("Supports")), ("object", _("Objects")), ("no_view", _("No view"))]
    )
    reasons = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=_("Required with an objection.")
    )


class ReleaseSerializer(serializers.Serializer):
    """Either hours per week or a percentage of working time (¶17, ¶19)."""

    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True, coerce_to_string=False
    )
    percent = serializers.IntegerField(required=False, allow_null=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class AppointmentActionsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    actions = serializers.ListField(
        child=serializers.ChoiceField(
            choices=[
                ("submit", "submit"),
                ("consult", "consult"),
                ("release", "release"),
                ("approve", "approve"),
                ("reject", "reject"),
                ("revoke", "revoke"),
                ("withdraw", "withdraw"),
            ]
        ),
        help_text=_(
            "The workflow actions you may take on this appointment now, each a POST to "
            "/api/v1/appointments/{id}/<action>/. The appointment's dossier may still be "
            "refused by the action, naming the field (statements, consultation, release)."
        ),
    )


# --- Nominations -----------------------------------------------------------------------------


class StatementInputSerializer(serializers.Serializer):
    competency = serializers.IntegerField(min_value=1, help_text=_("A competency id of the role."))
    statement = serializers.CharField(allow_blank=True)


class NominablePersonField(serializers.PrimaryKeyRelatedField):
    """The nominee: anyone the user may nominate, of any agency (rules.nominable_people)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", m.Person.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        from accountability.core import scoping

        user = self.context["request"].user
        # People one may see too, so that a user who may not nominate hears why from the
        # service (the scope) rather than "no such person".
        return appointment_rules.nominable_people(user) | scoping.visible_to(user, m.Person)


class NominationInputSerializer(serializers.Serializer):
    person = NominablePersonField()
    role = serializers.SlugRelatedField(
        slug_field="code",
        queryset=m.Role.objects.all(),
        help_text=_("area_coordinator or warden"),
    )
    scope_kind = serializers.ChoiceField(
        choices=[(m.ScopeKind.AREA, _("Area")), (m.ScopeKind.ZONE, _("Warden zone"))]
    )
    scope_id = serializers.IntegerField(min_value=1)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    is_alternate = serializers.BooleanField(required=False, default=False)
    statements = StatementInputSerializer(
        many=True,
        required=False,
        help_text=_("How the nominee meets each core competency of the role (¶24(d))."),
    )

    def validate_statements(self, value):
        ids = [item["competency"] for item in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Each competency once."))
        return value


# --- The approval queue ----------------------------------------------------------------------


class ConsultationSummarySerializer(serializers.Serializer):
    support = serializers.IntegerField()
    object = serializers.IntegerField()
    no_view = serializers.IntegerField()
    pending = serializers.IntegerField()
    ends_on = serializers.DateField(allow_null=True)
    closed = serializers.BooleanField()


class ReleaseStatusSerializer(serializers.Serializer):
    released = serializers.BooleanField()
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    percent = serializers.IntegerField(allow_null=True)
    released_by = serializers.IntegerField(allow_null=True)


class StatementSerializer(serializers.Serializer):
    competency = serializers.IntegerField()
    name = serializers.CharField()
    statement = serializers.CharField()


class ApprovalQueueItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    person_family_name = serializers.CharField()
    person_given_names = serializers.CharField()
    organization_code = serializers.CharField()
    role_code = serializers.CharField()
    scope_kind = serializers.ChoiceField(choices=m.ScopeKind.choices)
    scope_id = serializers.IntegerField()
    scope_name = serializers.CharField()
    is_alternate = serializers.BooleanField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    nominated_by = serializers.IntegerField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    consultation = ConsultationSummarySerializer()
    release = ReleaseStatusSerializer()
    statements = StatementSerializer(many=True)
    decidable_now = serializers.BooleanField(
        help_text=_("The consultation has closed and the agency released the time: approve now.")
    )


# --- Consultations, vacancies, notifications -------------------------------------------------


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    appointment = serializers.IntegerField()
    member = serializers.IntegerField()
    member_family_name = serializers.CharField()
    member_given_names = serializers.CharField()
    member_organization_code = serializers.CharField()
    answer = serializers.ChoiceField(choices=Answer.choices)
    reasons = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class VacancySerializer(serializers.Serializer):
    # A CharField, not a ChoiceField: "kind" already names other enums in the schema.
    kind = serializers.CharField(help_text=" | ".join(VACANCY_KINDS))
    id = serializers.IntegerField(help_text=_("Id of the area, zone or duty station."))
    name = serializers.CharField()
    country = serializers.IntegerField()
    country_name = serializers.CharField()
    duty_station = serializers.IntegerField(
        allow_null=True, help_text=_("The zone's city or the station itself; null for an area.")
    )
    duty_station_name = serializers.CharField(allow_null=True)
    missing = serializers.ChoiceField(choices=[(k, k) for k in MISSING])


class VacancyListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = VacancySerializer(many=True)
