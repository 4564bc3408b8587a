"""Findings and their rectification (A/57/365 ¶40): the list of the findings a user may see
with its CSV/XLSX exports, the finding's page with the inspectors' evidence and every
rectification report, the form by which a responsible actor reports the rectification, the
mission team's verification, and the evidence files served through the scoping rules.

Who sees and does what comes from ``accountability.core.scoping`` alone: a finding the user
may not see answers 404, as does a form the user may not use."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accountability.core import scoping
from accountability.core.exports import export_queries, list_export
from accountability.core.views import paginate
from inspections import selectors
from inspections.forms import DecisionForm, FindingFilterForm, RectificationForm
from inspections.models import (
    Evidence,
    Finding,
    FindingStatus,
    ItemResult,
    Rectification,
    RectificationDecision,
    Severity,
)
from inspections.models.findings import AWAITING_ACTION
from inspections.services.evidence import evidence_response
from inspections.services.findings import may_rectify, rectification_decide, rectification_report

from .common import service_errors

# Most urgent first; the mission and the item's position keep the order stable.
ORDER = ("deadline", "mission__reference", "checklist_item__position", "pk")
LIST_RELATED = (
    "mission__duty_station__country",
    "organization",
    "role",
    "accountable_person",
    "checklist_item",
)
DETAIL_RELATED = (*LIST_RELATED, "mission__lead_inspector", "checklist_item__recorded_by")


def finding_detail_url(finding_or_pk) -> str:
    return reverse("inspections:finding-detail", args=[getattr(finding_or_pk, "pk", finding_or_pk)])


# --- The list and its exports --------------------------------------------------------------

EXPORT_FIELDS = (
    "mission__reference",
    "mission__duty_station__country__name",
    "mission__duty_station__name",
    "checklist_item__reference",
    "checklist_item__text_en",
    "role__name",
    "organization__code",
    "accountable_person__family_name",
    "accountable_person__given_names",
    "checklist_item__result",
    "severity",
    "recommendation",
    "deadline",
    "is_overdue",
    "status",
    "closed_at",
)


def export_headings() -> list[str]:
    return [
        _("Mission"),
        _("Country"),
        _("Duty station"),
        _("Paragraph"),
        _("Duty"),
        _("Role"),
        _("Agency"),
        _("Family name"),
        _("Given names"),
        _("Result"),
        _("Severity"),
        _("Recommendation"),
        _("Rectify by"),
        _("Overdue"),
        _("Status"),
        _("Closed at"),
    ]


def _export_cells(row: dict) -> list:
    labels = {
        "severity": dict(Severity.choices),
        "status": dict(FindingStatus.choices),
        "checklist_item__result": dict(ItemResult.choices),
    }
    cells = []
    for field in EXPORT_FIELDS:
        value = row[field]
        if field in labels:
            value = str(labels[field].get(value, value))
        elif field == "organization__code":
            value = (value or "").upper()
        elif field == "is_overdue":
            value = _("yes") if value else _("no")
        elif field == "closed_at" and value is not None:
            # Spreadsheets know no time zones: the time is written in local time.
            value = timezone.localtime(value).replace(tzinfo=None)
        cells.append(value)
    return cells


class FindingListView(LoginRequiredMixin, View):
    """The findings the user may see (``selectors.findings_for``), filtered by station,
    agency, status and overdue, most urgent first.

    Queries (page): session, user, the grants, COUNT, the page with mission, station,
    country, agency, role, accountable person and checklist item, the base template's two,
    and the filter form's two choice lists (stations, agencies): 9. Export: session, user,
    the grants and one SELECT."""

    def get(self, request):
        user = request.user
        today = timezone.localdate()
        form = FindingFilterForm(request.GET or None)
        findings = selectors.findings_for(user, today=today, **form.filters())
        file_format = request.GET.get("format")
        if file_format is not None:
            rows = findings.order_by(*ORDER).values(*EXPORT_FIELDS).iterator(chunk_size=2000)
            return list_export(
                form,
                export_headings(),
                map(_export_cells, rows),
                file_format=file_format,
                stem=f"inspection-findings-{today.isoformat()}",
                sheet=_("Inspection findings"),
            )
        return render(
            request,
            "inspections/finding_list.html",
            {
                "title": _("Inspection findings"),
                "form": form,
                "exports": export_queries(request.GET),
                "today": today,
                **paginate(request, findings.select_related(*LIST_RELATED).order_by(*ORDER)),
            },
        )


# --- One finding ---------------------------------------------------------------------------


def visible_finding(request, pk) -> Finding:
    """The finding with ``is_overdue``, or 404 alike for "missing" and "not yours"."""
    finding = (
        selectors.findings_for(request.user).select_related(*DETAIL_RELATED).filter(pk=pk).first()
    )
    if finding is None:
        raise Http404
    return finding


def finding_page(
    request, finding: Finding, *, rectify_form=None, decide_form=None, status: int = 200
):
    """The finding's page. Queries after the finding: the evidence of its checklist item and
    of its rectification reports (one), the reports (one), "may report the rectification"
    (one EXISTS), and with a report awaiting verification "may verify it" (one EXISTS)."""
    user = request.user
    evidence = list(
        scoping.visible_to(user, Evidence)
        .filter(Q(checklist_item_id=finding.checklist_item_id) | Q(rectification__finding=finding))
        .order_by("created_at", "pk")
    )
    rectifications = list(
        scoping.visible_to(user, Rectification)
        .filter(finding=finding)
        .select_related("reported_by", "decided_by")
        .order_by("-reported_at", "-pk")
    )
    for rectification in rectifications:
        rectification.files = [e for e in evidence if e.rectification_id == rectification.pk]
    pending = next((r for r in rectifications if r.decision == RectificationDecision.PENDING), None)
    can_rectify = may_rectify(user, finding)
    can_decide = pending is not None and scoping.can_change(user, pending)
    return render(
        request,
        "inspections/finding_detail.html",
        {
            "title": _("Finding %(ref)s, %(mission)s")
            % {"ref": finding.checklist_item.reference, "mission": finding.mission.reference},
            "finding": finding,
            "mission": finding.mission,
            "item": finding.checklist_item,
            "item_evidence": [e for e in evidence if e.checklist_item_id is not None],
            "rectifications": rectifications,
            "pending": pending,
            "rectify_form": (rectify_form or RectificationForm()) if can_rectify else None,
            "decide_form": (decide_form or DecisionForm()) if can_decide else None,
        },
        status=status,
    )


class FindingDetailView(LoginRequiredMixin, View):
    """Queries: session, user, the grants, the finding with its mission, station, country,
    lead inspector, agency, role, accountable person and checklist item, the evidence, the
    rectification reports, "may report", the base template's two; "may verify" when a report
    awaits verification."""

    def get(self, request, pk):
        return finding_page(request, visible_finding(request, pk))


class RectificationReportView(LoginRequiredMixin, View):
    """POST: a responsible actor (``inspections.rules.findings_rectifiable_q``) reports that the
    finding was put right, with evidence; it then awaits the team's verification (¶40)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        finding = visible_finding(request, pk)
        if finding.status not in AWAITING_ACTION:
            # A second submission, or a report made meanwhile by someone else: nothing to do.
            messages.info(request, _("This finding is not awaiting a rectification report."))
            return HttpResponseRedirect(finding_detail_url(finding))
        if not may_rectify(request.user, finding):
            raise Http404
        form = RectificationForm(request.POST, request.FILES)
        if form.is_valid():
            with service_errors(form, aliases={"file": "files"}):
                rectification_report(
                    user=request.user,
                    finding=finding,
                    description=form.cleaned_data["description"],
                    files=form.cleaned_data["files"],
                )
            if not form.errors:
                messages.success(
                    request,
                    _("The rectification is reported. The inspection team will verify it."),
                )
                return HttpResponseRedirect(finding_detail_url(finding))
        return finding_page(request, finding, rectify_form=form, status=400)


class RectificationDecideView(LoginRequiredMixin, View):
    """POST: the mission team verifies a reported rectification or sends it back with a
    reason; anyone else gets 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        rectification = scoping.get_for_user(
            request.user,
            Rectification,
            pk,
            for_change=True,
            queryset=Rectification.objects.select_related("finding"),
        )
        form = DecisionForm(request.POST)
        if form.is_valid():
            with service_errors(form):
                rectification_decide(
                    user=request.user,
                    rectification=rectification,
                    accepted=form.accepted,
                    note=form.cleaned_data["note"],
                )
            if not form.errors:
                messages.success(
                    request,
                    _("The finding is verified rectified.")
                    if form.accepted
                    else _("The rectification is not accepted; the finding is open again."),
                )
                return HttpResponseRedirect(finding_detail_url(rectification.finding_id))
        finding = visible_finding(request, rectification.finding_id)
        return finding_page(request, finding, decide_form=form, status=400)


# --- Evidence files ------------------------------------------------------------------------


class EvidenceFileView(LoginRequiredMixin, View):
    """The stored file of an evidence row the user may see (its checklist item or its
    rectification report, ``scoping``), 404 otherwise. Always a download, with the type
    checked from the bytes at upload, never rendered inline by a sniffing browser."""

    def get(self, request, pk):
        evidence = scoping.get_for_user(request.user, Evidence, pk)
        return evidence_response(evidence)
