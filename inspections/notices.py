"""Who is told what, when a mission moves (¶39–¶40). Each notice is keyed, so a step or a
scan that runs twice tells no one twice (accountability.core.notifications)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from accountability.core.notifications import notify, notify_person
from actors import rules as actor_rules
from appointments.officials import designated_officials


# Paths: the email adds SITE_URL (accountability.core.tasks), the in-app notice links as is.
def mission_url(mission) -> str:
    return reverse("inspections:mission-detail", args=[mission.pk])


def finding_url(finding) -> str:
    return reverse("inspections:finding-detail", args=[finding.pk])


def station_leaders(station):
    """The DO, the FSCO and the SMT members of the station (¶39, ¶40)."""
    return actor_rules.station_holders(station, "view_inspections")


def designated_official_logins(station):
    """The active logins of the station's DO and any DO ad interim (¶8, ¶8(b)), as read from
    their appointments by ``appointments.officials``, the one definition the
    appointment workflow uses too. One query when read."""
    return get_user_model().objects.filter(
        is_active=True, person__in=designated_officials(station).values("pk")
    )


def hq_focal_points(organization_ids):
    return actor_rules.organization_holders(organization_ids, "view_org_findings")


def tell(users, *, key: str, subject: str, body: str, url: str) -> int:
    """Notify each login once per ``key``; how many were newly told."""
    return sum(
        notify(user=user, key=key, subject=subject, body=body, url=url) is not None
        for user in users
    )


def tell_persons(persons, *, key: str, subject: str, body: str, url: str) -> int:
    """As ``tell``, to persons: those without a login are told by email alone."""
    return sum(
        notify_person(person=person, key=key, subject=subject, body=body, url=url) is not None
        for person in persons
    )


def mission_announced(mission) -> int:
    return tell(
        station_leaders(mission.duty_station),
        key=f"inspection:{mission.pk}:announced",
        subject=_("Inspection mission %(ref)s to %(station)s announced")
        % {"ref": mission.reference, "station": mission.duty_station.name},
        body=_(
            "UNSECOORD will inspect %(station)s from %(start)s to %(end)s. The checklist of "
            "every actor present is open to you now (A/57/365 ¶39)."
        )
        % {
            "station": mission.duty_station.name,
            "start": mission.starts_on.isoformat(),
            "end": mission.ends_on.isoformat(),
        },
        url=mission_url(mission),
    )


def mission_debriefed(mission) -> int:
    """The DO and SMT get the report; each agency with findings its HQ focal points; each
    accountable person their own findings (¶40)."""
    from actors.models import Person

    from .models import Finding

    subject = _("Inspection %(ref)s: report and rectification dates") % {"ref": mission.reference}
    body = _(
        "The inspection of %(station)s was debriefed. Each finding must be rectified by the date "
        "it names (A/57/365 ¶40)."
    ) % {"station": mission.duty_station.name}
    key = f"inspection:{mission.pk}:debriefed"
    findings = Finding.objects.filter(mission=mission)
    agencies = findings.values("organization_id")
    accountable = Person.objects.filter(
        pk__in=findings.values("accountable_person_id")
    ).select_related("user")
    sent = tell(
        station_leaders(mission.duty_station),
        key=key,
        subject=subject,
        body=body,
        url=mission_url(mission),
    )
    sent += tell(
        hq_focal_points(agencies), key=key, subject=subject, body=body, url=mission_url(mission)
    )
    sent += tell_persons(
        accountable.order_by("pk"), key=key, subject=subject, body=body, url=mission_url(mission)
    )
    return sent
