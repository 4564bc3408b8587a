"""Template tags of the workflow pages: the header's notices badge and workflow links. What
appointments show on the pages of actors comes through the core's panels (appointments.panels)."""

from __future__ import annotations

from django import template
from django.db.models import Count, Q

from actors import models as m
from actors import rules as actor_rules

register = template.Library()


@register.simple_tag(takes_context=True)
def header_status(context) -> dict:
    """One query for the header: the unread notices, whether the user nominates or decides
    anywhere (then the approval queue is linked) and whether it is UNSECOORD (then its
    decisions page is linked). The rights come from scoping's lazy forms, annotated on this
    one query, so pages that never read the grants do not pay a second query for the link."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread": 0, "workflow": False, "unsecoord": False}
    unsecoord = actor_rules.holds_globally_exists(user, "appoint_anyone")
    rights = actor_rules.holds_on_some_station_q(user, "nominate", "decide_appointments")
    row = (
        m.User.objects.filter(pk=user.pk)
        .annotate(
            unread=Count("notifications", filter=Q(notifications__read_at__isnull=True)),
        )
        .annotate(acts=rights, unsecoord=unsecoord)
        .values("unread", "acts", "unsecoord")
        .first()
    ) or {"unread": 0, "acts": False, "unsecoord": False}
    return {
        "unread": row["unread"],
        "workflow": user.is_superuser or row["acts"],
        "unsecoord": user.is_superuser or row["unsecoord"],
    }
