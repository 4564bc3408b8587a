"""Input and output serializers of the structure API (nominations, approval queue,
consultations, vacancies, notifications). Output serializers document the ``values()`` rows
the views build; no serializer walks a list row by row."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actors import models as m
from actors.api.serializers import AppointmentSerializer
from structure import rules as appointment_rules
from structure.models import Answer
from structure.selectors import MISSING, VACANCY_KINDS

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


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


__all__ = ["AppointmentSerializer"]
