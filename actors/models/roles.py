from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.models import BaseModel


class ScopeKind(models.TextChoices):
    """What an appointment applies to."""

    ORGANIZATION = "organization", _("Organization")
    COUNTRY = "country", _("Country")
    DUTY_STATION = "duty_station", _("Duty station")
    AREA = "area", _("Area")
    ZONE = "zone", _("Warden zone")


class Role(BaseModel):
    """A role of the framework (section III of A/57/365), loaded as data by a migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    accountable_to = models.CharField(_("accountable to"), max_length=200)
    paragraphs = models.CharField(_("paragraphs"), max_length=120)
    scope_kinds = ArrayField(
        models.CharField(max_length=20, choices=ScopeKind.choices),
        default=list,
        blank=True,
        verbose_name=_("scope kinds"),
        help_text=_("What an appointment to the role may apply to; empty: not appointed."),
    )
    # Only UNSECOORD holds these roles, on the UNSECOORD organization itself.
    unsecoord_only = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name

    @property
    def is_appointable(self) -> bool:
        return bool(self.scope_kinds)
