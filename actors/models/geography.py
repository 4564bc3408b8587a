from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from accountability.core.audit import track
from accountability.core.models import BaseModel

from .scope_permissions import SCOPE_PERMISSIONS


class SecurityPhase(models.IntegerChoices):
    """The security phases of the time (annex ¶26 speaks of "phase three")."""

    NONE = 0, _("No phase in effect")
    I = 1, _("Phase I – precautionary")  # noqa: E741
    II = 2, _("Phase II – restricted movement")
    III = 3, _("Phase III – relocation")
    IV = 4, _("Phase IV – programme suspension")
    V = 5, _("Phase V – evacuation")


@track()
class Country(BaseModel):
    iso_code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        permissions = SCOPE_PERMISSIONS

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.iso_code = (self.iso_code or "").upper()
        if len(self.iso_code) != 2 or not self.iso_code.isalpha():
            raise ValidationError({"iso_code": _("Use the two-letter ISO 3166 code.")})


@track()
class Area(BaseModel):
    """Part of a larger country away from the capital, with an Area Security Coordinator (¶17)."""

    country = models.ForeignKey(Country, models.PROTECT, related_name="areas")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        permissions = SCOPE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="area_unique_name_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


@track()
class DutyStation(BaseModel):
    country = models.ForeignKey(Country, models.PROTECT, related_name="duty_stations")
    name = models.CharField(_("name"), max_length=120)
    is_capital = models.BooleanField(_("capital"), default=False)
    area = models.ForeignKey(
        Area,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duty_stations",
        help_text=_("The area away from the capital that this station belongs to (¶17)."),
    )
    time_zone = TimeZoneField(_("time zone"), default="UTC")
    security_phase = models.PositiveSmallIntegerField(
        _("security phase"), choices=SecurityPhase.choices, default=SecurityPhase.NONE
    )
    security_phase_since = models.DateField(_("phase in effect since"), null=True, blank=True)

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("duty station")
        verbose_name_plural = _("duty stations")
        permissions = SCOPE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="duty_station_unique_name_per_country"
            ),
            # Areas lie away from the capital (¶17): a capital station belongs to none.
            models.CheckConstraint(
                name="duty_station_capital_has_no_area",
                condition=models.Q(is_capital=False) | models.Q(area__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.country}"

    def clean(self):
        if self.area_id and self.country_id and self.area.country_id != self.country_id:
            raise ValidationError({"area": _("The area must lie in the station's country.")})
        if self.area_id and self.is_capital:
            raise ValidationError({"area": _("A capital belongs to no area (¶17).")})


@track()
class SecurityPhaseChange(BaseModel):
    """The dated history of a duty station's security phase."""

    duty_station = models.ForeignKey(DutyStation, models.CASCADE, related_name="phase_changes")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=SecurityPhase.choices)
    effective_from = models.DateField(_("effective from"))
    reason = models.TextField(_("reason"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("security phase change")
        verbose_name_plural = _("security phase changes")
        indexes = [models.Index(fields=["duty_station", "-effective_from"])]

    def __str__(self) -> str:
        return f"{self.duty_station}: {self.get_phase_display()} from {self.effective_from}"


@track()
class WardenZone(BaseModel):
    """A predetermined part of a large city with a warden and alternates (¶19)."""

    duty_station = models.ForeignKey(DutyStation, models.PROTECT, related_name="zones")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["duty_station__name", "name"]
        verbose_name = _("warden zone")
        verbose_name_plural = _("warden zones")
        permissions = SCOPE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(
                fields=["duty_station", "name"], name="zone_unique_name_per_station"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.duty_station.name})"
