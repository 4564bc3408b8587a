from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel
from actors.models.roles import ScopeKind

SCOPE_FIELDS = {
    ScopeKind.ORGANIZATION: "scope_organization",
    ScopeKind.COUNTRY: "scope_country",
    ScopeKind.DUTY_STATION: "scope_duty_station",
    ScopeKind.AREA: "scope_area",
    ScopeKind.ZONE: "scope_zone",
}


class AppointmentStatus(models.TextChoices):
    # Rights follow ACTIVE alone. Area coordinators and wardens pass through DRAFT and
    # CONSULTATION first (¶17, ¶19); the transitions are in appointments.services.workflow.
    DRAFT = "draft", _("Nominated, not yet submitted")
    CONSULTATION = "consultation", _("In consultation with the SMT")
    REJECTED = "rejected", _("Rejected")
    PENDING = "pending", _("Approved, not yet started")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    REVOKED = "revoked", _("Revoked")


def _exactly_one_scope():
    conditions = []
    for kind, field in SCOPE_FIELDS.items():
        q = models.Q(scope_kind=kind, **{f"{field}__isnull": False})
        for other in SCOPE_FIELDS.values():
            if other != field:
                q &= models.Q(**{f"{other}__isnull": True})
        conditions.append(q)
    result = conditions[0]
    for q in conditions[1:]:
        result |= q
    return result


@track()
class Appointment(BaseModel):
    """A person holding a role over a scope for a period. Rights follow ACTIVE appointments."""

    # The appointee's organization: appointments are that tenant's rows.
    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        "actors.Person", models.PROTECT, related_name="appointments", verbose_name=_("person")
    )
    role = models.ForeignKey(
        "actors.Role", models.PROTECT, related_name="appointments", verbose_name=_("role")
    )
    scope_kind = models.CharField(_("scope kind"), max_length=20, choices=ScopeKind.choices)
    scope_organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, null=True, blank=True, related_name="+"
    )
    scope_country = models.ForeignKey(
        "actors.Country", models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    scope_duty_station = models.ForeignKey(
        "actors.DutyStation", models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    scope_area = models.ForeignKey(
        "actors.Area", models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    scope_zone = models.ForeignKey(
        "actors.WardenZone", models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    is_ad_interim = models.BooleanField(
        _("ad interim"), default=False, help_text=_("A DO ad interim, recommended per ¶8(b).")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PENDING,
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    is_alternate = models.BooleanField(
        _("alternate"), default=False, help_text=_("An alternate warden of the zone (¶19).")
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    submitted_at = models.DateTimeField(_("submitted for consultation at"), null=True, blank=True)
    consultation_ends_on = models.DateField(_("consultation ends on"), null=True, blank=True)
    # The employing agency's release: the working time allotted to the role (¶17, ¶19).
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    release_hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    release_percent = models.PositiveSmallIntegerField(_("percent of time"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                name="appointment_exactly_one_scope", condition=_exactly_one_scope()
            ),
            models.CheckConstraint(
                name="appointment_release_hours_or_percent",
                condition=models.Q(release_hours_per_week__isnull=True)
                | models.Q(release_percent__isnull=True),
            ),
            models.CheckConstraint(
                name="appointment_release_percent_range",
                condition=models.Q(release_percent__isnull=True)
                | models.Q(release_percent__gte=1, release_percent__lte=100),
            ),
            models.CheckConstraint(
                name="appointment_end_after_start",
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["status", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.role} ({self.scope})"

    @property
    def scope(self):
        return getattr(self, SCOPE_FIELDS[ScopeKind(self.scope_kind)])

    @property
    def scope_field(self) -> str:
        return SCOPE_FIELDS[ScopeKind(self.scope_kind)]
