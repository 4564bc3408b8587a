from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel

from .scope_permissions import ORGANIZATION_PERMISSIONS


class OrganizationKind(models.TextChoices):
    AGENCY = "agency", _("Specialized agency")
    FUND = "fund", _("Fund")
    PROGRAMME = "programme", _("Programme")
    UNSECOORD = "unsecoord", _("UNSECOORD (system-wide oversight)")
    # ¶8(l): intergovernmental and non-governmental partners that signed the security MOU.
    PARTNER_IGO = "partner_igo", _("Partner IGO under a security MOU")
    PARTNER_NGO = "partner_ngo", _("Partner NGO under a security MOU")


@track()
class Organization(BaseModel):
    """The tenant: an agency, fund or programme, UNSECOORD, or an MOU partner."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    mou_signed_on = models.DateField(
        _("security MOU signed on"),
        null=True,
        blank=True,
        help_text=_("Partners only: the memorandum of understanding of ¶8(l)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = ORGANIZATION_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                name="organization_mou_only_for_partners",
                condition=models.Q(mou_signed_on__isnull=True)
                | models.Q(kind__in=["partner_igo", "partner_ngo"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code.upper()} – {self.name}"

    @property
    def is_unsecoord(self) -> bool:
        return self.kind == OrganizationKind.UNSECOORD
