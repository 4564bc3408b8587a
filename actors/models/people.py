from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


class PersonCategory(models.TextChoices):
    # Annex ¶7: "personnel" means internationally and locally recruited staff alike.
    INTERNATIONAL = "international", _("Internationally recruited")
    LOCAL = "local", _("Locally recruited")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    TEMPORARY = "temporary", _("Temporary")
    CONSULTANT = "consultant", _("Consultant")
    VOLUNTEER = "volunteer", _("UN Volunteer")
    OTHER = "other", _("Other")


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other eligible dependant")


@track()
class Person(BaseModel):
    """A member of personnel, with or without a login (¶21, annex ¶7)."""

    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="people", verbose_name=_("organization")
    )
    duty_station = models.ForeignKey(
        "actors.DutyStation",
        models.PROTECT,
        related_name="people",
        verbose_name=_("duty station"),
    )
    family_name = models.CharField(_("family name"), max_length=100)
    given_names = models.CharField(_("given names"), max_length=150)
    index_number = models.CharField(
        _("index number"), max_length=30, help_text=_("The organization's staff index number.")
    )
    category = models.CharField(_("category"), max_length=20, choices=PersonCategory.choices)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    radio_call_sign = models.CharField(_("radio call sign"), max_length=30, blank=True)
    residential_address = models.TextField(_("residential address"), blank=True)
    residential_zone = models.ForeignKey(
        "actors.WardenZone",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("warden zone of residence"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Arrival-briefing and training due dates count from here (¶33); a move resets it.
    arrived_on = models.DateField(
        _("arrived at the duty station on"),
        default=timezone.localdate,
        help_text=_("Training due dates count from arrival (¶33)."),
    )
    language = models.CharField(
        _("language of letters"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Appointment letters are written in this language."),
    )

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("personnel")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "index_number"], name="person_unique_index_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["duty_station", "organization", "family_name", "id"]),
            models.Index(fields=["organization", "family_name", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    def clean(self):
        errors = {}
        if self.residential_zone_id and self.duty_station_id:
            if self.residential_zone.duty_station_id != self.duty_station_id:
                errors["residential_zone"] = _("The zone must be in the person's duty station.")
        if (
            self.user_id
            and self.organization_id
            and self.user.organization_id != self.organization_id
        ):
            errors["user"] = _("The login belongs to another organization.")
        if errors:
            raise ValidationError(errors)


@track()
class Dependant(BaseModel):
    """An eligible dependant of a member of personnel."""

    # Denormalised from the person so that every tenant row carries its organization.
    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="dependants", verbose_name=_("person")
    )
    family_name = models.CharField(_("family name"), max_length=100)
    given_names = models.CharField(_("given names"), max_length=150)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    residential_address = models.TextField(
        _("residential address"), blank=True, help_text=_("Leave empty when it is the person's.")
    )
    lives_at_duty_station = models.BooleanField(_("lives at the duty station"), default=True)

    class Meta:
        ordering = ["person_id", "family_name", "given_names", "id"]
        verbose_name = _("dependant")
        verbose_name_plural = _("dependants")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "family_name", "given_names"],
                name="dependant_unique_name_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}"

    def save(self, *args, **kwargs):
        if self.person_id and not self.organization_id:
            self.organization_id = self.person.organization_id
        super().save(*args, **kwargs)
