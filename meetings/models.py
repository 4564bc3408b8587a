"""The SMT's meetings and their action items (¶16(b))."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


@track()
class SmtMeeting(BaseModel):
    """A meeting of a duty station's Security Management Team (¶16(b))."""

    organization = models.ForeignKey(
        "actors.Organization",
        models.PROTECT,
        related_name="+",
        help_text=_("The organization of whoever recorded the meeting."),
    )
    duty_station = models.ForeignKey(
        "actors.DutyStation", models.PROTECT, related_name="smt_meetings"
    )
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField("actors.Person", related_name="+", blank=True)
    agenda = models.TextField(_("agenda"))
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("SMT meeting")
        verbose_name_plural = _("SMT meetings")


@track()
class ActionItem(BaseModel):
    meeting = models.ForeignKey(SmtMeeting, models.CASCADE, related_name="action_items")
    description = models.TextField(_("action"))
    owner = models.ForeignKey("actors.Person", models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
