"""Downloads of the stored PDFs of the cycle (¶40): the debrief report of a mission (the full
report for the station, or an agency's copy with the station's summary and its own findings)
and the non-compliance report sent to the agencies and the HLCM. Both are rendered once by
a Celery task; until then the page says the document is being prepared."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accountability.core import scoping
from accountability.core.pdfs import stored_pdf_response
from inspections.models import Escalation, MissionReport


def being_prepared(request, *, title: str, back_url: str, back_label: str):
    """The document's row exists but its task has not rendered it yet: 202, try again."""
    response = render(
        request,
        "inspections/finding_pdf_pending.html",
        {"title": title, "back_url": back_url, "back_label": back_label},
        status=202,
    )
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _pick(reports: list[MissionReport], user) -> MissionReport:
    """The full report when the user may see it, else the copy of the user's own agency,
    else the first agency copy it may see (an HQ focal point sees its agency's only)."""
    for wanted in (
        lambda r: r.organization_id is None,
        lambda r: r.organization_id == user.organization_id,
        lambda r: True,
    ):
        for report in reports:
            if wanted(report):
                return report
    raise Http404


class MissionReportPdfView(LoginRequiredMixin, View):
    """The debrief report of mission ``pk`` the user may see (``scoping`` of MissionReport).

    Queries: session, user, the grants, the visible reports of the mission (at most one per
    agency with findings, and the full one) with the mission and the agency."""

    def get(self, request, pk):
        reports = list(
            scoping.visible_to(request.user, MissionReport)
            .filter(mission_id=pk)
            .select_related("mission", "organization")
            .order_by("organization__code", "pk")
        )
        report = _pick(reports, request.user)
        mission = report.mission
        if not report.sha256:
            return being_prepared(
                request,
                title=_("The report of %(ref)s is being prepared") % {"ref": mission.reference},
                back_url=reverse("inspections:mission-detail", args=[mission.pk]),
                back_label=mission.reference,
            )
        suffix = f"-{report.organization.code}" if report.organization_id else ""
        return stored_pdf_response(
            request,
            report.pdf,
            report.sha256,
            f"inspection-report-{mission.reference}{suffix}.pdf",
        )


class EscalationPdfView(LoginRequiredMixin, View):
    """The non-compliance report (¶40) to whoever may see the report (``scoping`` of
    Escalation: the station's leaders, the agencies concerned, UNSECOORD). It is the
    document those recipients receive by mail, so it is served as rendered.

    Queries: session, user, the grants, the report with its mission."""

    def get(self, request, pk):
        escalation = scoping.get_for_user(
            request.user, Escalation, pk, queryset=Escalation.objects.select_related("mission")
        )
        if not escalation.sha256:
            return being_prepared(
                request,
                title=_("The non-compliance report of %(ref)s is being prepared")
                % {"ref": escalation.mission.reference},
                back_url=reverse("inspections:escalation-detail", args=[escalation.pk]),
                back_label=_("Non-compliance report"),
            )
        return stored_pdf_response(
            request,
            escalation.pdf,
            escalation.sha256,
            f"non-compliance-{escalation.mission.reference}.pdf",
        )
