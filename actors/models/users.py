from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track


# Password hashes and login times stay out of the audit trail.
@track(exclude=["password", "last_login"])
class User(AbstractUser):
    """A login. It belongs to exactly one organization; its rights come from appointments."""

    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="users", verbose_name=_("organization")
    )

    REQUIRED_FIELDS = ["email", "organization"]
    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
