"""Follow-up visits (¶40): scheduled once the last rectification date of a mission has
passed, they re-check every finding still open. The mission team records each one as
rectified or not, then completes the visit: what was rectified closes, and what remains is
reported to the agencies concerned and to the HLCM, the duty station being flagged
non-compliant until it is closed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import paginate
from inspections import selectors
from inspections.forms import FollowUpCheckForm, FollowUpCompleteForm, StateFilterForm
from inspections.models import (
    Escalation,
    Finding,
    FollowUpCheck,
    FollowUpResult,
    FollowUpVisit,
)
from inspections.models.findings import UNRESOLVED
from inspections.services.followups import follow_up_check_record, follow_up_complete

from .common import by_state, service_errors
from .findings import LIST_RELATED

VISIT_RELATED = ("mission__duty_station__country", "mission__lead_inspector", "completed_by")


def visit_url(visit) -> str:
    return reverse("inspections:follow-up-detail", args=[visit.pk])


class FollowUpListView(LoginRequiredMixin, View):
    """The visits of the missions the user sees, with how many of the findings it may see
    remain to re-check. Queries: session, user, the grants, COUNT, the page with mission,
    station and country and the count (a subquery), the base template's two."""

    def get(self, request):
        user = request.user
        form = StateFilterForm(request.GET or None)
        open_findings = (
            scoping.visible_to(user, Finding)
            .filter(mission_id=OuterRef("mission_id"), status__in=UNRESOLVED)
            .order_by()
            .values("mission_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        visits = scoping.visible_to(user, FollowUpVisit).select_related(
            "mission__duty_station__country"
        )
        visits = (
            by_state(visits, form.chosen(), "completed_at")
            .annotate(open_findings=Subquery(open_findings))
            .order_by("completed_at", "scheduled_for", "pk")
        )
        return render(
            request,
            "inspections/followup_list.html",
            {"title": _("Follow-up visits"), "form": form, **paginate(request, visits)},
        )


def _visible_visit(request, pk, *, for_change: bool = False) -> FollowUpVisit:
    return scoping.get_for_user(
        request.user,
        FollowUpVisit,
        pk,
        for_change=for_change,
        queryset=FollowUpVisit.objects.select_related(*VISIT_RELATED),
    )


def visit_page(
    request,
    visit: FollowUpVisit,
    *,
    bound_check: FollowUpCheckForm | None = None,
    complete_form: FollowUpCompleteForm | None = None,
    check_errors: list[str] | None = None,
    status: int = 200,
):
    """The visit's page. Queries after the visit: "may carry it out" (one EXISTS), the
    findings to re-check or re-checked that the user may see (one), their checks (one), and
    once completed its non-compliance report (one).
    """
    user = request.user
    is_team = scoping.can_change(user, visit)
    completed = visit.completed_at is not None
    checked = FollowUpCheck.objects.filter(visit_id=visit.pk, finding_id=OuterRef("pk"))
    findings = list(
        selectors.findings_for(user)
        .filter(mission_id=visit.mission_id)
        .filter(Q(status__in=UNRESOLVED) | Q(Exists(checked)))
        .select_related(*LIST_RELATED)
        .order_by("checklist_item__position", "pk")
    )
    checks = {
        check.finding_id: check
        for check in scoping.visible_to(user, FollowUpCheck)
        .filter(visit_id=visit.pk)
        .select_related("checked_by")
    }
    may_record = is_team and not completed
    for finding in findings:
        finding.check = checks.get(finding.pk)
        if not may_record:
            continue
        if bound_check is not None and bound_check.data.get("finding") == str(finding.pk):
            finding.form = bound_check
        else:
            initial = {"finding": finding.pk}
            if finding.check is not None:
                initial |= {"result": finding.check.result, "notes": finding.check.notes}
            finding.form = FollowUpCheckForm(initial=initial, auto_id=f"id_f{finding.pk}_%s")
    # What completing the visit will do (¶40), as the team sees every finding.
    not_rectified = [
        f for f in findings if f.check and f.check.result == FollowUpResult.NOT_RECTIFIED
    ]
    unchecked = [f for f in findings if f.check is None and f.status in UNRESOLVED]
    escalation = (
        scoping.visible_to(user, Escalation).filter(mission_id=visit.mission_id).first()
        if completed
        else None
    )
    return render(
        request,
        "inspections/followup_detail.html",
        {
            "title": _("Follow-up visit of %(ref)s") % {"ref": visit.mission.reference},
            "visit": visit,
            "mission": visit.mission,
            "findings": findings,
            "is_team": is_team,
            "may_record": may_record,
            "rectified_count": sum(
                1 for f in findings if f.check and f.check.result == FollowUpResult.RECTIFIED
            ),
            "not_rectified": not_rectified,
            "unchecked": unchecked,
            "agencies_reported": sorted({f.organization.code for f in not_rectified}),
            "complete_form": (complete_form or FollowUpCompleteForm()) if may_record else None,
            "escalation": escalation,
            "check_errors": check_errors or [],
        },
        status=status,
    )


class FollowUpDetailView(LoginRequiredMixin, View):
    """GET: the visit and its findings; the team records each one there (POST to
    ``follow-up-check``) and completes the visit (POST to ``follow-up-complete``)."""

    def get(self, request, pk):
        return visit_page(request, _visible_visit(request, pk))


class FollowUpCheckView(LoginRequiredMixin, View):
    """POST: the team records one open finding as rectified or not (changeable until the
    visit is completed); anyone else gets 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        visit = _visible_visit(request, pk, for_change=True)
        form = FollowUpCheckForm(request.POST, auto_id=f"id_f{request.POST.get('finding')}_%s")
        if form.is_valid():
            finding = scoping.get_for_user(request.user, Finding, form.cleaned_data["finding"])
            with service_errors(form):
                follow_up_check_record(
                    user=request.user,
                    visit=visit,
                    finding=finding,
                    result=form.cleaned_data["result"],
                    notes=form.cleaned_data["notes"],
                )
            if not form.errors:
                messages.success(
                    request,
                    _("%(ref)s recorded as %(result)s.")
                    % {
                        "ref": finding.checklist_item.reference,
                        "result": FollowUpResult(form.cleaned_data["result"]).label,
                    },
                )
                return HttpResponseRedirect(f"{visit_url(visit)}#finding-{finding.pk}")
        if not form.errors.get("finding") and form.data.get("finding", "").isdigit():
            return visit_page(request, visit, bound_check=form, status=400)
        # No row to show the errors on: say so above the findings.
        errors = [text for texts in form.errors.values() for text in texts]
        return visit_page(request, visit, check_errors=errors, status=400)


class FollowUpCompleteView(LoginRequiredMixin, View):
    """POST: the team completes the visit (every open finding checked); findings not
    rectified go to the agencies and the HLCM in a non-compliance report (¶40)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        visit = _visible_visit(request, pk, for_change=True)
        form = FollowUpCompleteForm(request.POST)
        if form.is_valid():
            with service_errors(form):
                visit = follow_up_complete(
                    user=request.user, visit=visit, notes=form.cleaned_data["notes"]
                )
            if not form.errors:
                if Escalation.objects.filter(mission_id=visit.mission_id).exists():
                    messages.warning(
                        request,
                        _(
                            "The visit is completed. The findings not rectified are reported to "
                            "the agencies concerned and to the HLCM, and the duty station is "
                            "flagged non-compliant until they are rectified (A/57/365 ¶40)."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "The visit is completed: every finding was rectified. The mission is "
                            "closed."
                        ),
                    )
                return HttpResponseRedirect(visit_url(visit))
        visit = _visible_visit(request, pk)
        return visit_page(request, visit, complete_form=form, status=400)
