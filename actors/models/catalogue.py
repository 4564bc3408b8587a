from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    REPORT = "report", _("Accountability framework")
    ANNEX = "annex", _("Annex: general security policy statement")


class Responsibility(models.Model):
    """One lettered duty of the framework, verbatim from A/57/365 (loaded by a migration)."""

    role = models.ForeignKey("actors.Role", models.PROTECT, related_name="responsibilities")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    paragraph = models.PositiveSmallIntegerField(_("paragraph"))
    letter = models.CharField(_("letter"), max_length=2, blank=True)
    text_zh = models.TextField(_("text (Chinese, verbatim)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["source", "paragraph", "letter"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "source", "paragraph", "letter"],
                name="responsibility_unique_reference",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        letter = f"({self.letter})" if self.letter else ""
        prefix = "annex " if self.source == Source.ANNEX else ""
        return f"{prefix}¶{self.paragraph}{letter}"


class Competency(models.Model):
    """A core competency a role's holder must show (¶24), loaded by a migration."""

    role = models.ForeignKey("actors.Role", models.PROTECT, related_name="competencies")
    paragraph_letter = models.CharField(_("¶24 item"), max_length=2)
    position = models.PositiveSmallIntegerField()
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        ordering = ["role__sort_order", "position"]
        verbose_name = _("core competency")
        verbose_name_plural = _("core competencies")
        constraints = [
            models.UniqueConstraint(fields=["role", "position"], name="competency_unique_position")
        ]

    def __str__(self) -> str:
        return self.name_en
