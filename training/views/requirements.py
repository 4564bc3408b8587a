"""The station and organization view (¶27, ¶32, annex ¶26): who is not trained or not briefed,
for the FSCO and DO at their stations, the country representative and its focal point for
their agency's people, the HQ focal point for its agency worldwide and UNSECOORD for all —
each sees exactly the people ``scoping`` lets them see. Filters by status, course, role,
organization and duty station; counts by status; CSV and XLSX exports of the filtered rows."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accountability.core.exports import export_queries, list_export
from accountability.core.views import paginate
from training import selectors
from training.forms import RequirementFilterForm
from training.models import RequirementStatus
from training.requirements import status_q
from training.views import exports
from training.views.common import training_nav

ORDER = ("person__family_name", "person__given_names", "person_id", "rule_id", "dependant_id")


def _counts(queryset, today) -> list[dict]:
    """Counts by status of the rows matching every filter but the status: one aggregate."""
    totals = queryset.order_by().aggregate(
        total=Count("pk"),
        **{
            status.value: Count("pk", filter=status_q(status, today))
            for status in RequirementStatus
        },
    )
    return [
        {"status": status.value, "label": status.label, "count": totals[status.value]}
        for status in RequirementStatus
    ] + [{"status": "", "label": _("All"), "count": totals["total"]}]


class RequirementsView(LoginRequiredMixin, View):
    """Queries (page): session, user, the grants, the counts by status, COUNT, the page with
    person, dependant, organization, station, rule and role, the base template's two and the
    filter form's three choice lists. Export: session, user, the grants and one SELECT."""

    def get(self, request):
        user = request.user
        today = timezone.localdate()
        form = RequirementFilterForm(request.GET or None)
        filters = form.filters()
        status = form.chosen_status()
        rows = selectors.requirement_rows(
            user, today=today, statuses=(status,) if status else (), **filters
        )
        file_format = request.GET.get("format")
        if file_format is not None:
            values = rows.order_by(*ORDER).values(*exports.FIELDS).iterator(chunk_size=2000)
            return list_export(
                form,
                exports.headings(),
                map(exports.cells, values),
                file_format=file_format,
                stem=f"training-requirements-{today.isoformat()}",
                sheet=_("Training requirements"),
            )
        page_rows = rows.select_related(
            "person", "dependant", "organization", "duty_station", "rule", "role"
        ).order_by(*ORDER)
        # The status counts link to the page with every filter but the status.
        params = request.GET.copy()
        for name in ("page", "format", "status"):
            params.pop(name, None)
        return render(
            request,
            "training/requirements.html",
            {
                "title": _("Training requirements"),
                "form": form,
                "status": status or "",
                "counts": _counts(selectors.requirement_rows(user, today=today, **filters), today),
                "without_status": params.urlencode(),
                "exports": export_queries(request.GET),
                **paginate(request, page_rows),
                **training_nav(user),
            },
        )
