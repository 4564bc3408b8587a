"""Inspection missions on the web (¶39, ¶40).

The list shows the missions ``scoping`` lets the user see (UNSECOORD and its inspectors: all;
the station's DO, FSCO and SMT: from the announcement; an agency with findings: from the
debrief), with CSV and XLSX exports. UNSECOORD plans missions; the team edits, announces
(which generates the checklist) and debriefs them. The mission page shows the station's
summary to whoever sees the mission and, of the checklist, only the items and findings the
user may see: an agency's HQ focal point its own agency's, the DO all of them as soon as they
are recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accountability.core import scoping
from accountability.core.exports import neutralize_formula
from actors.models import Person
from actors.views.base import apply_service_errors
from training.views.common import paginate

from .. import selectors
from ..forms import DebriefForm, MissionEditForm, MissionFilterForm, MissionPlanForm
from ..models import (
    ChecklistItem,
    Escalation,
    Evidence,
    Finding,
    ItemResult,
    Mission,
    MissionReport,
    MissionStatus,
)
from ..models.findings import UNRESOLVED
from ..models.missions import REPORTED
from ..scoring import score
from ..services.missions import (
    debrief_problems,
    mission_announce,
    mission_debrief,
    mission_plan,
    mission_update,
)

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The plan may change until the debrief; afterwards it is what was reported (¶40).
PLAN_EDITABLE = (MissionStatus.PLANNED, MissionStatus.ANNOUNCED, MissionStatus.IN_PROGRESS)


def detail_url(mission) -> str:
    return reverse("inspections:mission-detail", args=[mission.pk])


def mission_queryset(user):
    """Missions with what the mission page links to, read in the same query: whether the
    user may change it (the team), its follow-up visit (seen by whoever sees the mission), the
    non-compliance report and whether a debrief report exists that the user may download."""
    queryset = Mission.objects.select_related(
        "duty_station__country", "lead_inspector", "template"
    ).annotate(
        follow_up_pk=F("follow_up__pk"),
        escalation_pk=Subquery(
            scoping.visible_to(user, Escalation).filter(mission_id=OuterRef("pk")).values("pk")[:1]
        ),
        has_report=Exists(
            scoping.visible_to(user, MissionReport).filter(mission_id=OuterRef("pk"))
        ),
    )
    return scoping.annotate_editable(user, queryset)


def get_mission(request, pk, *, for_change: bool = False) -> Mission:
    """The mission, or 404 alike for "missing" and "not yours" (a planned mission is the
    team's and UNSECOORD's alone, ¶39)."""
    return scoping.get_for_user(
        request.user,
        Mission,
        pk,
        for_change=for_change,
        queryset=mission_queryset(request.user),
    )


# --- The list and its exports -------------------------------------------------------------------


def _export_headings() -> list[str]:
    return [
        _("Reference"),
        _("Duty station"),
        _("Country"),
        _("Starts on"),
        _("Ends on"),
        _("Status"),
        _("Lead inspector"),
        _("Compliance score (%)"),
    ]


EXPORT_FIELDS = (
    "reference",
    "duty_station__name",
    "duty_station__country__name",
    "starts_on",
    "ends_on",
    "status",
    "lead_inspector__family_name",
    "lead_inspector__given_names",
    "compliance_score",
)


def _export_cells(row: dict) -> list:
    statuses = dict(MissionStatus.choices)
    cells = [
        row["reference"],
        row["duty_station__name"],
        row["duty_station__country__name"],
        row["starts_on"],
        row["ends_on"],
        str(statuses.get(row["status"], row["status"])),
        f"{row['lead_inspector__family_name']}, {row['lead_inspector__given_names']}",
        row["compliance_score"] if row["compliance_score"] is not None else "",
    ]
    # Text typed by people goes through neutralize_formula (OWASP CSV injection); control
    # characters other than tab and newlines are invalid in XLSX.
    return [
        "".join(ch for ch in neutralize_formula(cell) if ch >= " " or ch in "\t\n\r")
        if isinstance(cell, str)
        else cell
        for cell in cells
    ]


def export_response(rows, file_format: str, today: dt.date) -> HttpResponse:
    """The missions as CSV (UTF-8 with a BOM, so that spreadsheets read it right) or XLSX,
    dates kept as dates."""
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Inspection missions")[:31])
        sheet.append(_export_headings())
        for row in rows:
            sheet.append(_export_cells(row))
        out = io.BytesIO()
        workbook.save(out)
        body, content_type = out.getvalue(), XLSX_TYPE
    else:
        text = io.StringIO()
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(_export_headings())
        for row in rows:
            writer.writerow(
                [
                    value.isoformat() if isinstance(value, dt.date) else value
                    for value in _export_cells(row)
                ]
            )
        body, content_type = text.getvalue().encode("utf-8"), CSV_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-missions-{today.isoformat()}.{file_format}"'
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _bad_request(text: str) -> HttpResponseBadRequest:
    # Plain text: the messages may quote what was typed in the query string.
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


class MissionListView(LoginRequiredMixin, View):
    """Queries (page): session, user, the grants, COUNT, the page with station, country and
    lead inspector, the base template's two and the station filter's choices. Export:
    session, user, the grants and one SELECT."""

    def get(self, request):
        user = request.user
        form = MissionFilterForm(request.GET or None)
        missions = form.filtered(selectors.missions_for(user)).order_by("-starts_on", "-id")
        file_format = request.GET.get("format")
        if file_format is not None:
            if file_format not in FORMATS:
                return _bad_request(_("The format must be csv or xlsx."))
            if form.is_bound and not form.is_valid():
                # A file holds what was asked for, never every mission in place of a bad filter.
                return _bad_request(
                    "\n".join(
                        f"{form.fields[name].label}: {' '.join(errors)}"
                        for name, errors in form.errors.items()
                    )
                )
            rows = missions.values(*EXPORT_FIELDS).iterator(chunk_size=2000)
            return export_response(rows, file_format, timezone.localdate())
        params = request.GET.copy()
        params.pop("page", None)
        exports = {}
        for extension in FORMATS:
            params["format"] = extension
            exports[extension] = params.urlencode()
        return render(
            request,
            "inspections/mission_list.html",
            {
                "title": _("Inspection missions"),
                "form": form,
                "exports": exports,
                "may_plan": scoping.may_plan_inspections(user),
                **paginate(request, missions),
            },
        )


# --- Planning and editing ---------------------------------------------------------------------


def _render_form(request, form, *, title, mission=None, status=200):
    return render(
        request,
        "inspections/mission_form.html",
        {"title": title, "form": form, "mission": mission},
        status=status,
    )


class MissionCreateView(LoginRequiredMixin, View):
    """UNSECOORD plans a mission (¶39); anyone else gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scoping.may_plan_inspections(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        own = Person.objects.filter(user_id=request.user.pk).values_list("pk", flat=True).first()
        form = MissionPlanForm(user=request.user, initial={"lead_inspector": own})
        return _render_form(request, form, title=_("Plan a mission"))

    def post(self, request):
        form = MissionPlanForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                mission = mission_plan(
                    user=request.user,
                    duty_station=data["duty_station"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    lead_inspector=data["lead_inspector"],
                    team=list(data["team"]),
                    objectives=data["objectives"],
                    personnel_sample_size=data["personnel_sample_size"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(
                    request,
                    _(
                        "Mission %(reference)s is planned. The station sees it once you "
                        "announce it (¶39)."
                    )
                    % {"reference": mission.reference},
                )
                return HttpResponseRedirect(detail_url(mission))
        return _render_form(request, form, title=_("Plan a mission"), status=400)


class MissionEditView(LoginRequiredMixin, View):
    """The team changes the plan: dates and objectives until the debrief, the team and the
    sample while the mission is planned. 404 for anyone not on the team."""

    def mission(self, request, pk):
        mission = get_mission(request, pk, for_change=True)
        if mission.status not in PLAN_EDITABLE:
            messages.info(request, _("The plan is fixed once the mission is debriefed."))
            return mission, HttpResponseRedirect(detail_url(mission))
        return mission, None

    def form(self, request, mission, data=None):
        initial = {
            "starts_on": mission.starts_on,
            "ends_on": mission.ends_on,
            "objectives": mission.objectives,
            "personnel_sample_size": mission.personnel_sample_size,
            "team": [
                member.person_id
                for member in mission.members.all()
                if member.person_id != mission.lead_inspector_id
            ],
        }
        return MissionEditForm(data, user=request.user, mission=mission, initial=initial)

    def title(self, mission) -> str:
        return _("Change mission %(reference)s") % {"reference": mission.reference}

    def get(self, request, pk):
        mission, redirect = self.mission(request, pk)
        if redirect:
            return redirect
        return _render_form(
            request, self.form(request, mission), title=self.title(mission), mission=mission
        )

    def post(self, request, pk):
        mission, redirect = self.mission(request, pk)
        if redirect:
            return redirect
        form = self.form(request, mission, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            changes = {
                "starts_on": data["starts_on"],
                "ends_on": data["ends_on"],
                "objectives": data["objectives"],
            }
            if form.team_editable:
                changes["team"] = list(data["team"])
                changes["personnel_sample_size"] = data["personnel_sample_size"]
            try:
                mission_update(user=request.user, mission=mission, **changes)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("The mission's plan is saved."))
                return HttpResponseRedirect(detail_url(mission))
        return _render_form(request, form, title=self.title(mission), mission=mission, status=400)


# --- The mission page ---------------------------------------------------------------------------


def _reads_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def item_text(item: ChecklistItem) -> str:
    """The duty in the reader's language: the checklist copies both texts of the catalogue."""
    return item.text_zh if _reads_chinese() and item.text_zh else item.text_en


def station_summary(mission: Mission, today: dt.date) -> dict:
    """What every reader of the mission sees (¶40: each agency's copy of the report carries
    the station's summary): the score, the items by result and the findings by agency,
    counted over the whole checklist, whatever the reader may see of it. Two queries."""
    rows = list(
        mission.checklist_items.annotate(
            weight_severity=Coalesce(F("finding__severity"), F("severity"))
        ).values_list("result", "weight_severity")
    )
    counts = Counter(result for result, _severity in rows)
    by_result = [
        {"result": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ItemResult.choices
    ]
    if counts.get(""):
        by_result.append({"result": "", "label": _("Not recorded yet"), "count": counts[""]})
    agencies = list(
        Finding.objects.filter(mission=mission)
        .values("organization_id", "organization__code", "organization__name")
        .annotate(
            total=Count("pk"),
            unresolved=Count("pk", filter=Q(status__in=UNRESOLVED)),
            overdue=Count("pk", filter=selectors.overdue_q(today)),
        )
        .order_by("organization__code")
    )
    fixed = mission.compliance_score is not None
    return {
        # Fixed at the debrief; before it, the score of what is recorded so far.
        "score": mission.compliance_score if fixed else score(rows),
        "score_provisional": not fixed,
        "items": len(rows),
        "by_result": by_result,
        "by_agency": agencies,
    }


def checklist_groups(user, mission: Mission, items) -> list[dict]:
    """``items`` (a queryset of the mission's items) grouped by accountable role and person,
    in checklist order, each with the finding and the evidence the user may see. Three
    queries whatever the number of items."""
    items = list(items.select_related("person", "role", "organization").order_by("position"))
    findings = {
        finding.checklist_item_id: finding
        for finding in scoping.visible_to(user, Finding).filter(mission=mission)
    }
    evidence: dict[int, list[Evidence]] = {}
    for attachment in (
        scoping.visible_to(user, Evidence)
        .filter(checklist_item__mission=mission)
        .order_by("created_at", "pk")
    ):
        evidence.setdefault(attachment.checklist_item_id, []).append(attachment)
    groups: list[dict] = []
    for item in items:
        item.text = item_text(item)
        item.shown_finding = findings.get(item.pk)
        item.evidence_files = evidence.get(item.pk, [])
        key = (item.role_id, item.person_id)
        if not groups or groups[-1]["key"] != key:
            groups.append(
                {
                    "key": key,
                    "role": item.role,
                    "role_name": item.role.name_zh
                    if _reads_chinese() and item.role.name_zh
                    else item.role.name,
                    "person": item.person,
                    "organization": item.organization,
                    "items": [],
                }
            )
        groups[-1]["items"].append(item)
    return groups


def render_detail(request, mission: Mission, *, debrief_form=None, status=200):
    """Queries: the mission (with its links and whether the user changes it), the team, the
    summary's two, the items, findings and evidence the user sees; for the team while it
    records, the two counts of what keeps it from the debrief."""
    user = request.user
    today = timezone.localdate()
    can_edit = bool(mission.can_edit)
    recording = mission.is_recording
    problems = debrief_problems(mission) if can_edit and recording else {}
    if can_edit and recording and debrief_form is None:
        debrief_form = DebriefForm()
    members = list(
        mission.members.select_related("person__organization").order_by(
            "person__family_name", "person__given_names", "pk"
        )
    )
    items = scoping.visible_to(user, ChecklistItem).filter(mission=mission)
    return render(
        request,
        "inspections/mission_detail.html",
        {
            "title": str(mission),
            "mission": mission,
            "members": members,
            "summary": station_summary(mission, today),
            "groups": checklist_groups(user, mission, items),
            "can_edit": can_edit,
            "may_edit_plan": can_edit and mission.status in PLAN_EDITABLE,
            "may_announce": can_edit and mission.status == MissionStatus.PLANNED,
            "may_record": can_edit and recording,
            "debrief_form": debrief_form if can_edit and recording else None,
            "debrief_problems": [text for texts in problems.values() for text in texts],
            "report_available": mission.has_report and mission.status in REPORTED,
            "today": today,
        },
        status=status,
    )


class MissionDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return render_detail(request, get_mission(request, pk))


class MissionAnnounceView(LoginRequiredMixin, View):
    """POST: the team announces the mission; its checklist is generated for the actors present
    and the DO and the SMT see it from now on (¶39)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        mission = get_mission(request, pk, for_change=True)
        try:
            mission = mission_announce(user=request.user, mission=mission)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        except PermissionDenied:
            raise Http404 from None
        else:
            count = mission.checklist_items.count()
            messages.success(
                request,
                ngettext(
                    "Announced: the checklist has %(count)s item. The DO and the SMT see it "
                    "now (¶39).",
                    "Announced: the checklist has %(count)s items. The DO and the SMT see it "
                    "now (¶39).",
                    count,
                )
                % {"count": count},
            )
        return HttpResponseRedirect(detail_url(mission))


class MissionDebriefView(LoginRequiredMixin, View):
    """POST: the team debriefs the DO and the SMT (¶40): the score is fixed and the reports
    are rendered. What keeps the mission from it is shown on the mission page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        mission = get_mission(request, pk, for_change=True)
        form = DebriefForm(request.POST)
        if form.is_valid():
            try:
                mission_debrief(
                    user=request.user, mission=mission, summary=form.cleaned_data["summary"]
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(
                    request,
                    _(
                        "Debriefed. The report goes to the DO and the SMT, and a copy to the HQ "
                        "focal point of each agency with findings (¶40)."
                    ),
                )
                return HttpResponseRedirect(detail_url(mission))
        return render_detail(request, mission, debrief_form=form, status=400)
