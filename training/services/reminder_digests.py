"""Sending the training digests planned by training/services/reminders.py: one email per
recipient, kind and period, listing every item it covers.

Each digest is claimed with a conditional UPDATE of ``sent_at`` in the same transaction as
its send: a crash before the commit leaves it unsent for the rerun, and a rerun (or a second
worker) finds it claimed and sends nothing. What it lists is decided now, not when it was
planned: the recipient's rights as they are now (grants are read afresh outside requests),
the recipient's appointments as they are now, and each item's current status, so that an
item completed since the scan is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accountability.core import scoping
from accountability.core.notifications import mail_address, notify
from actors.models import Person, ScopeKind
from appointments.models import Appointment, AppointmentStatus
from training.models import (
    CourseKind,
    DigestKind,
    ReminderDigest,
    ReminderKind,
    RequirementStatus,
    TrainingReminder,
    TrainingRequirement,
)
from training.requirements import LATE, REMINDED, with_status
from training.services.reminders import HQ_FOCAL_POINT, MANAGER_ROLES, PERSONAL_KINDS

ITEM_KINDS = {
    DigestKind.PERSONAL: PERSONAL_KINDS,
    DigestKind.MANAGER: (ReminderKind.MANAGER,),
    DigestKind.ESCALATION: (ReminderKind.ESCALATION,),
}
# The statuses an item must still have when the digest goes out.
STILL_DUE = {DigestKind.PERSONAL: REMINDED, DigestKind.MANAGER: LATE, DigestKind.ESCALATION: LATE}


@dataclasses.dataclass(frozen=True)
class Item:
    person: Person
    dependant: object  # actors.Dependant or None
    rule: object  # training.TrainingRule
    status: str
    deadline: dt.date
    days_late: int


# --- What a digest lists ---------------------------------------------------------------------


def _people_q(digest: ReminderDigest) -> Q:
    """The people whose items the digest's recipient is told about, from its appointments
    as they are now (literal ids: a few scope objects, so that the planner uses the indexes)."""
    if digest.kind == DigestKind.PERSONAL:
        return Q(person_id=digest.recipient_id)
    active = Appointment.objects.filter(
        person_id=digest.recipient_id, status=AppointmentStatus.ACTIVE
    )
    parts = []
    if digest.kind == DigestKind.MANAGER:
        # Their own organization's people at their station or in their country (¶15, annex ¶24).
        scopes = active.filter(role__code__in=MANAGER_ROLES).values_list(
            "organization_id", "scope_duty_station_id", "scope_country_id"
        )
        for organization, station, country in scopes:
            if station:
                parts.append(
                    Q(person__organization_id=organization, person__duty_station_id=station)
                )
            if country:
                parts.append(
                    Q(
                        person__organization_id=organization,
                        person__duty_station__country_id=country,
                    )
                )
    else:
        # The HQ focal point: its organization's people anywhere (annex ¶26).
        organizations = active.filter(
            role__code=HQ_FOCAL_POINT, scope_kind=ScopeKind.ORGANIZATION
        ).values_list("scope_organization_id", flat=True)
        parts = [Q(person__organization_id__in=sorted(organizations))] if organizations else []
    result = Q(pk__in=[])  # nobody, unless an appointment covers them
    for part in parts:
        result |= part
    return result


def digest_items(digest: ReminderDigest, *, today: dt.date) -> list[Item]:
    """The digest's items the recipient may see now and that are still due, ordered by
    person and rule. The same few queries whatever the number of items."""
    recipient = digest.recipient
    reminders = TrainingReminder.objects.filter(
        _people_q(digest), period=digest.period, kind__in=ITEM_KINDS[digest.kind]
    )
    if recipient.user_id is not None:
        # Rights as they are now: a revoked appointment or a deactivated login sees nothing.
        visible = scoping.visible_to(recipient.user, Person).values("pk")
        reminders = reminders.filter(person_id__in=visible)
    reminders = list(
        reminders.select_related("person", "rule", "dependant").order_by(
            "person__family_name", "person__given_names", "person_id", "rule__code", "dependant_id"
        )
    )
    if not reminders:
        return []
    current = {
        (row["person_id"], row["rule_id"], row["dependant_id"]): row
        for row in with_status(
            TrainingRequirement.objects.filter(
                person_id__in=sorted({r.person_id for r in reminders}),
                rule_id__in=sorted({r.rule_id for r in reminders}),
            ),
            today,
        )
        .order_by()
        .values("person_id", "rule_id", "dependant_id", "status", "deadline", "days_late")
    }
    items, seen = [], set()
    for reminder in reminders:
        key = (reminder.person_id, reminder.rule_id, reminder.dependant_id)
        row = current.get(key)
        # One line per requirement, even if it was reminded of under two statuses today.
        if key in seen or row is None or row["status"] not in STILL_DUE[digest.kind]:
            continue
        seen.add(key)
        items.append(
            Item(
                person=reminder.person,
                dependant=reminder.dependant,
                rule=reminder.rule,
                status=row["status"],
                deadline=row["deadline"],
                days_late=row["days_late"],
            )
        )
    return items


# --- The message -----------------------------------------------------------------------------


def _when(item: Item) -> str:
    date = item.deadline.isoformat()
    text = {
        RequirementStatus.DUE_SOON: _("due by %(date)s"),
        RequirementStatus.OVERDUE: _("was due by %(date)s"),
        RequirementStatus.EXPIRED: _("valid until %(date)s"),
    }[RequirementStatus(item.status)] % {"date": date}
    if item.days_late > 0:
        text += ", " + ngettext("%(days)d day late", "%(days)d days late", item.days_late) % {
            "days": item.days_late
        }
    return text


def _line(item: Item, *, personal: bool) -> str:
    if personal:
        who = (
            _("your dependant %(name)s") % {"name": item.dependant} if item.dependant else _("you")
        )
    else:
        who = str(item.person)
        if item.dependant:
            who += " " + _("(dependant %(name)s)") % {"name": item.dependant}
    return (
        f"- {who}: {item.rule.name} [{CourseKind(item.rule.course_kind).label}, "
        f"{item.rule.paragraph}] – {RequirementStatus(item.status).label}, {_when(item)}"
    )


def _page(name: str, path: str) -> str:
    # The training pages may not be routed in every deployment step yet; fall back to their
    # agreed paths.
    try:
        return reverse(name)
    except NoReverseMatch:
        return path


def message(digest: ReminderDigest, items: list[Item]) -> tuple[str, str, str]:
    """(subject, body, url) in the active language."""
    count = len(items)
    lines = "\n".join(_line(item, personal=digest.kind == DigestKind.PERSONAL) for item in items)
    if digest.kind == DigestKind.PERSONAL:
        subject = ngettext(
            "Security training: %(count)d item needs your attention",
            "Security training: %(count)d items need your attention",
            count,
        ) % {"count": count}
        intro = _(
            "Security and stress-management training is mandatory for all personnel and "
            "eligible dependants (A/57/365 ¶25, ¶32). These requirements are due soon, "
            "overdue or expired:"
        )
        outro = _("Take the test or upload a certificate from the My training page.")
        url = _page("training:my-training", "/training/")
    elif digest.kind == DigestKind.MANAGER:
        subject = ngettext(
            "%(count)d overdue security training item of your personnel",
            "%(count)d overdue security training items of your personnel",
            count,
        ) % {"count": count}
        intro = _(
            "You ensure that your organization's personnel and their eligible dependants at "
            "your duty station hold their security training certificates (A/57/365 ¶15, ¶32; "
            "annex ¶24). These requirements are overdue or expired:"
        )
        outro = _("The training requirements page lists them with filters and exports.")
        url = _page("training:requirements", "/training/requirements/")
    else:
        days = settings.TRAINING_ESCALATION_DAYS
        subject = ngettext(
            "Escalation: %(count)d security training item late more than %(days)d days",
            "Escalation: %(count)d security training items late more than %(days)d days",
            count,
        ) % {"count": count, "days": days}
        intro = _(
            "As HQ focal point you keep your organization's training records (A/57/365 annex "
            "¶26). These requirements of your personnel have been overdue or expired for more "
            "than %(days)d days:"
        ) % {"days": days}
        outro = _("The training requirements page lists them with filters and exports.")
        url = _page("training:requirements", "/training/requirements/")
    return subject, f"{intro}\n\n{lines}\n\n{outro}", url


# --- Sending ---------------------------------------------------------------------------------


def _deliver(digest: ReminderDigest, subject: str, body: str, url: str) -> bool:
    recipient = digest.recipient
    if recipient.user_id is not None and recipient.user.is_active:
        # The in-app inbox shows the same; the email leaves after commit from
        # core.send_notification_email.
        notice = notify(
            user=recipient.user,
            key=f"training-digest:{digest.kind}:{digest.period}",
            subject=subject,
            body=body,
            url=url,
        )
        return notice is not None
    # No active login: by email alone, to where the person's mail goes.
    address = mail_address(person=recipient)
    if not address or not recipient.is_active:
        return False
    link = f"{settings.SITE_URL.rstrip('/')}{url}"
    send_mail(subject, f"{body}\n\n{link}", None, [address])
    return True


def digest_send(*, digest_id: int, today: dt.date) -> bool:
    """Send one digest unless it was sent; returns whether a message went out."""
    with transaction.atomic():
        # Another run or worker that got there first wins; a crash before the commit undoes
        # the claim, and the rerun sends it.
        claimed = ReminderDigest.objects.filter(pk=digest_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            return False
        digest = ReminderDigest.objects.select_related("recipient__user").get(pk=digest_id)
        with translation.override(digest.recipient.language):
            items = digest_items(digest, today=today)
            ReminderDigest.objects.filter(pk=digest_id).update(items=len(items))
            if not items:
                return False
            return _deliver(digest, *message(digest, items))


def digests_send(digest_ids, *, today: dt.date) -> int:
    """Send each digest in turn (each in its own transaction); returns how many went out."""
    return sum(digest_send(digest_id=pk, today=today) for pk in digest_ids)
