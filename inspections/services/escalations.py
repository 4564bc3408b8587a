"""The non-compliance report (¶40): findings not rectified after the follow-up visit are
reported to the agencies concerned and to the HLCM, and the duty station stays flagged
non-compliant until every one of them is verified rectified."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Organization

from .. import notices
from ..models import Escalation, EscalationDelivery, EscalationFinding, Finding, FollowUpVisit
from ..models.findings import UNRESOLVED


def escalation_open(*, visit: FollowUpVisit, findings: list[Finding]) -> Escalation:
    """Write the report once per mission (a second call returns the first), with one
    delivery per agency concerned and one to the HLCM; the task renders and sends it."""
    mission = visit.mission
    escalation, created = Escalation.objects.get_or_create(
        mission=mission,
        defaults={
            "organization_id": mission.organization_id,
            "duty_station_id": mission.duty_station_id,
        },
    )
    if not created:
        return escalation
    EscalationFinding.objects.bulk_create(
        EscalationFinding(escalation=escalation, finding=f, organization_id=f.organization_id)
        for f in findings
    )
    agency_ids = sorted({f.organization_id for f in findings})
    codes = Organization.objects.filter(pk__in=agency_ids).values_list("code", flat=True)
    EscalationDelivery.objects.bulk_create(
        [EscalationDelivery(escalation=escalation, recipient=code) for code in codes]
        + [EscalationDelivery(escalation=escalation, recipient=EscalationDelivery.HLCM)]
    )
    from ..tasks import send_escalation

    transaction.on_commit(lambda: send_escalation.delay(escalation.pk))
    return escalation


def _addresses(delivery: EscalationDelivery) -> tuple[list[str], list]:
    """The recipients as they are at sending time: the agency's HQ focal points (rights
    rechecked now), or the HLCM's configured addresses."""
    if delivery.recipient == EscalationDelivery.HLCM:
        return list(settings.INSPECTION_HLCM_EMAILS), []
    organization = Organization.objects.get(code=delivery.recipient)
    users = list(notices.hq_focal_points([organization.pk]))
    return sorted({u.email for u in users if u.email}), users


def escalation_send(*, escalation: Escalation) -> int:
    """Render the report once and send each delivery once; returns how many went out.

    Each delivery is claimed by a conditional UPDATE in the transaction that sends it: a
    task redelivered or run twice sends nothing twice, and one killed halfway sends the rest
    when it runs again."""
    from .reports import escalation_render

    escalation_render(escalation)
    escalation.refresh_from_db()
    pdf = escalation.pdf.open("rb").read()
    escalation.pdf.close()
    station = escalation.duty_station
    subject = _("Non-compliance of %(station)s with the field security rules") % {
        "station": station
    }
    body = _(
        "Deficiencies found by inspection %(ref)s at %(station)s were not rectified by the "
        "follow-up visit. Under A/57/365 ¶40 this report informs you that the duty station "
        "does not comply with the United Nations rules and procedures for field security "
        "management. The report is attached."
    ) % {"ref": escalation.mission.reference, "station": station}
    sent = 0
    for delivery_id in escalation.deliveries.filter(sent_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            claimed = EscalationDelivery.objects.filter(
                pk=delivery_id, sent_at__isnull=True
            ).update(sent_at=timezone.now())
            if not claimed:
                continue  # another worker got there first
            delivery = EscalationDelivery.objects.get(pk=delivery_id)
            addresses, users = _addresses(delivery)
            delivery.addresses = addresses
            delivery.save(update_fields=["addresses"])
            if addresses:
                message = EmailMessage(subject=subject, body=body, to=addresses)
                message.attach(
                    f"non-compliance-{escalation.mission.reference}.pdf", pdf, "application/pdf"
                )
                message.send()
            notices.tell(
                users,
                key=f"escalation:{escalation.pk}",
                subject=subject,
                body=body,
                url=notices.mission_url(escalation.mission),
            )
            sent += 1
    return sent


def escalations_close_if_done(*, finding: Finding) -> int:
    """Close the open escalations of ``finding`` whose findings are all rectified; the
    station's non-compliance flag lifts with the last one (¶40)."""
    closed = 0
    for escalation in Escalation.objects.select_for_update(of=("self",)).filter(
        findings=finding, closed_at__isnull=True
    ):
        if escalation.findings.filter(status__in=UNRESOLVED).exists():
            continue
        escalation.closed_at = timezone.now()
        escalation.save(update_fields=["closed_at", "updated_at"])
        closed += 1
        users = list(notices.station_leaders(escalation.duty_station)) + list(
            notices.hq_focal_points(escalation.entries.values("organization_id"))
        )
        subject = _("%(station)s: non-compliance closed") % {"station": escalation.duty_station}
        body = _("Every finding of inspection %(ref)s reported to the HLCM is now rectified.") % {
            "ref": escalation.mission.reference
        }
        transaction.on_commit(
            lambda users=users, subject=subject, body=body, e=escalation: notices.tell(
                users,
                key=f"escalation:{e.pk}:closed",
                subject=subject,
                body=body,
                url=notices.mission_url(e.mission),
            )
        )
    return closed
