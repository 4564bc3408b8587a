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

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accountability.core import scoping
from accountability.core.exports import export_queries, list_export
from accountability.core.views import paginate
from actors.models import Person
from inspections import rules as inspection_rules

from .. import selectors
from ..forms import DebriefForm, MissionEditForm, MissionFilterForm, MissionPlanForm
from ..models import ChecklistItem, Escalation, Mission, MissionReport, MissionStatus
from ..models.missions import REPORTED
from ..services.missions import (
    debrief_problems,
    mission_announce,
    mission_debrief,
    mission_plan,
    mission_update,
)
from .common import service_errors

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
    return [
        row["reference"],
        row["duty_station__name"],
        row["duty_station__country__name"],
        row["starts_on"],
        row["ends_on"],
        str(statuses.get(row["status"], row["status"])),
        f"{row['lead_inspector__family_name']}, {row['lead_inspector__given_names']}",
        row["compliance_score"],
    ]


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
            rows = missions.values(*EXPORT_FIELDS).iterator(chunk_size=2000)
            return list_export(
                form,
                _export_headings(),
                map(_export_cells, rows),
                file_format=file_format,
                stem=f"inspection-missions-{timezone.localdate().isoformat()}",
                sheet=_("Inspection missions"),
            )
        return render(
            request,
            "inspections/mission_list.html",
            {
                "title": _("Inspection missions"),
                "form": form,
                "exports": export_queries(request.GET),
                "may_plan": inspection_rules.may_plan_inspections(user),
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
        if request.user.is_authenticated and not inspection_rules.may_plan_inspections(
            request.user
        ):
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
            with service_errors(form):
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
            if not form.errors:
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
            with service_errors(form):
                mission_update(user=request.user, mission=mission, **changes)
            if not form.errors:
                messages.success(request, _("The mission's plan is saved."))
                return HttpResponseRedirect(detail_url(mission))
        return _render_form(request, form, title=self.title(mission), mission=mission, status=400)


# --- The mission page ---------------------------------------------------------------------------


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
            "summary": selectors.station_summary(mission, today),
            "groups": selectors.checklist_groups(user, mission, items),
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
            with service_errors(form):
                mission_debrief(
                    user=request.user, mission=mission, summary=form.cleaned_data["summary"]
                )
            if not form.errors:
                messages.success(
                    request,
                    _(
                        "Debriefed. The report goes to the DO and the SMT, and a copy to the HQ "
                        "focal point of each agency with findings (¶40)."
                    ),
                )
                return HttpResponseRedirect(detail_url(mission))
        return render_detail(request, mission, debrief_form=form, status=400)
