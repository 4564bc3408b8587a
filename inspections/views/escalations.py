"""Non-compliance reports (¶40): findings not rectified after the follow-up visit are reported
to the agencies concerned and to the HLCM, and the duty station stays flagged non-compliant
until every one of them is verified rectified. The report itself (its agencies and counts,
and its PDF) goes to each of its recipients; the findings in full stay scoped."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import paginate
from inspections import selectors
from inspections.forms import StateFilterForm
from inspections.models import Escalation, EscalationFinding
from inspections.models.findings import UNRESOLVED

from .common import by_state
from .findings import LIST_RELATED


def _agency_codes():
    """The agencies a report names, as one array per row (a subquery, not a query per row)."""
    return ArraySubquery(
        EscalationFinding.objects.filter(escalation_id=OuterRef("pk"))
        .order_by("organization__code")
        .values("organization__code")
        .distinct()
    )


class EscalationListView(LoginRequiredMixin, View):
    """The reports the user may see, open ones flagged. Queries: session, user, the grants,
    COUNT, the page with mission, station, country and the agencies (a subquery), the base
    template's two."""

    def get(self, request):
        form = StateFilterForm(request.GET or None)
        reports = scoping.visible_to(request.user, Escalation).select_related(
            "mission", "duty_station__country"
        )
        reports = (
            by_state(reports, form.chosen(), "closed_at")
            .annotate(agency_codes=_agency_codes())
            .order_by("-created_at", "-pk")
        )
        return render(
            request,
            "inspections/escalation_list.html",
            {
                "title": _("Non-compliance reports"),
                "form": form,
                **paginate(request, reports),
            },
        )


class EscalationDetailView(LoginRequiredMixin, View):
    """One report: the station (flagged non-compliant while the report is open), the
    mission and its follow-up visit, the agencies with their counts (the report's summary,
    which all its recipients receive), and the findings the user may see in full.

    Queries: session, user, the grants, the report with mission, lead inspector, follow-up
    visit, station and country, the agencies' counts, the findings, the base template's two."""

    def get(self, request, pk):
        user = request.user
        escalation = scoping.get_for_user(
            user,
            Escalation,
            pk,
            queryset=Escalation.objects.select_related(
                "mission__lead_inspector", "mission__follow_up", "duty_station__country"
            ),
        )
        agencies = list(
            escalation.entries.values("organization_id", "organization__code", "organization__name")
            .annotate(
                total=Count("pk"),
                open=Count("pk", filter=Q(finding__status__in=UNRESOLVED)),
            )
            .order_by("organization__code")
        )
        findings = list(
            selectors.findings_for(user)
            .filter(escalations=escalation)
            .select_related(*LIST_RELATED)
            .order_by("organization__code", "checklist_item__position", "pk")
        )
        return render(
            request,
            "inspections/escalation_detail.html",
            {
                "title": _("Non-compliance report: %(station)s")
                % {"station": escalation.duty_station.name},
                "escalation": escalation,
                "mission": escalation.mission,
                "visit": getattr(escalation.mission, "follow_up", None),
                "agencies": agencies,
                "reported_total": sum(row["total"] for row in agencies),
                "open_total": sum(row["open"] for row in agencies),
                "findings": findings,
            },
        )
