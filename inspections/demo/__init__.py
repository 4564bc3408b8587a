"""Inspections in the demo data (issue 5): missions at every stage of the cycle of ¶39–¶40.
``seed_inspections`` is registered with the seed_demo orchestrator (accountability/core/demo/)
from ``InspectionsConfig.ready()`` and runs after the actors', appointments' and training's
seeders.

The missions of data.SCENARIOS go through the inspections app's own services, as the people
who would act: the demo login ``inspector`` (a UNSECOORD inspector, ¶39) plans, announces,
records, debriefs, verifies and carries out the follow-up visits; the accountable people or
the station's Designated Official report the rectifications (¶40). The debrief reports and
the non-compliance report are rendered right after the step that writes them, as the task
would, so that they are there to download without a worker. Dates count from the seed's
``today``.

Rendering is most of the cost (some 30 PDFs at about 0.15 s of CPU each). Two shortcuts keep
the rest to about a second at any scale:
- the items found compliant (all but the gaps) are recorded in one UPDATE per mission: the
  service takes about 9 ms an item and a checklist has some 250 (measured at scale 0.01);
- the services stamp their steps with the current time, which is then moved back to the
  mission's own days (each UPDATE audited like any other).
The services' notices are written when the seed's transaction commits; those of steps more
than a month old are then filed as read and not mailed: they are history, not news.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from accountability.core.audit import audit_context
from accountability.core.demo import DemoRun
from accountability.core.demo.images import sample_png
from accountability.core.demo.pdf import sample_certificate_pdf
from accountability.core.models import Notification
from actors import models as m
from appointments.models import AppointmentStatus
from inspections import models as ins
from inspections.models.findings import UNRESOLVED
from inspections.services.findings import (
    finding_update,
    may_rectify,
    rectification_decide,
    rectification_report,
)
from inspections.services.followups import (
    follow_up_check_record,
    follow_up_complete,
    follow_up_schedule,
)
from inspections.services.missions import mission_announce, mission_debrief, mission_plan
from inspections.services.recording import checklist_item_record, evidence_add
from inspections.services.reports import escalation_render, mission_report_render

from . import data

__all__ = ["seed_inspections"]

S = ins.MissionStatus
# Notices of steps older than this are history: filed as read, not mailed.
NEWS_DAYS = 30


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _stamp(model, pk: int, **fields) -> None:
    model.objects.filter(pk=pk).update(**fields)


class _Seeder:
    def __init__(self, plan, inserted, *, today: dt.date):
        self.today = today
        self.users = inserted.users
        self.inspector = self.users["inspector"]
        self.lead = m.Person.objects.get(user=self.inspector)
        # A second inspector on every team, where the scale has one (none at small scales).
        self.team = list(
            m.Person.objects.filter(
                appointments__role__code="unsecoord_inspector",
                appointments__status=AppointmentStatus.ACTIVE,
            )
            .exclude(pk=self.lead.pk)
            .order_by("family_name", "given_names", "index_number")[:1]
        )
        self.team_ids = {self.lead.pk} | {p.pk for p in self.team}
        kenya, afghanistan = 0, 1

        def station(country: int, capital: bool) -> m.DutyStation:
            index = next(
                i
                for i, s in enumerate(plan.stations)
                if s.country == country and s.is_capital == capital
            )
            return inserted.stations[index]

        self.stations = {
            data.NAIROBI: station(kenya, True),
            data.MOMBASA: station(kenya, False),
            data.KABUL: station(afghanistan, True),
            data.KANDAHAR: station(afghanistan, False),
        }
        self.designated_official = {
            data.NAIROBI: self.users["do.kenya"],
            data.MOMBASA: self.users["do.kenya"],
            data.KABUL: self.users["do.afghanistan"],
            data.KANDAHAR: self.users["do.afghanistan"],
        }
        self.counts: Counter[str] = Counter()
        self.notices: list[tuple[str, dt.date]] = []  # (notification key, day of the step)

    # -- one mission ------------------------------------------------------------------------

    def run(self, scenario: data.Scenario) -> ins.Mission:
        start = self.today + _days(scenario.starts)
        end = start + _days(scenario.days - 1)
        mission = mission_plan(
            user=self.inspector,
            duty_station=self.stations[scenario.station],
            starts_on=start,
            ends_on=end,
            lead_inspector=self.lead,
            team=self.team,
            objectives=scenario.objectives,
        )
        self.counts["inspection_missions"] += 1
        planned_on = min(start - _days(data.PLANNED_DAYS_BEFORE), self.today - _days(3))
        _stamp(ins.Mission, mission.pk, created_at=_at(planned_on, 11))
        if scenario.stage == S.PLANNED:
            return mission
        mission = mission_announce(user=self.inspector, mission=mission)
        announced_on = min(start - _days(data.ANNOUNCED_DAYS_BEFORE), self.today - _days(2))
        _stamp(ins.Mission, mission.pk, announced_at=_at(announced_on, 10))
        self.notices.append((f"inspection:{mission.pk}:announced", announced_on))
        self.counts["checklist_items"] += mission.checklist_items.count()
        if scenario.stage == S.ANNOUNCED:
            return mission

        gaps = self._gaps(mission, scenario.gaps)
        in_progress = scenario.stage == S.IN_PROGRESS
        last_day = min(end, self.today) if in_progress else end
        self._record(mission, gaps, start=start, last_day=last_day, complete=not in_progress)
        _stamp(ins.Mission, mission.pk, started_at=_at(start, 8))
        if in_progress:
            return mission

        for item, gap in gaps:
            finding_update(
                user=self.inspector,
                finding=item.finding,
                recommendation=data.TEXTS[gap.reference][1],
                deadline=end + _days(gap.due),
            )
        mission = mission_debrief(user=self.inspector, mission=mission, summary=scenario.summary)
        _stamp(ins.Mission, mission.pk, debriefed_at=_at(end, 16))
        self.notices.append((f"inspection:{mission.pk}:debriefed", end))
        self.counts["findings"] += len(gaps)
        self._render_reports(mission)

        findings = {
            item.pk: (ins.Finding.objects.get(checklist_item=item), gap) for item, gap in gaps
        }
        for finding, gap in findings.values():
            self._rectify(scenario, finding, gap, debriefed=end)
        if scenario.stage == S.DEBRIEFED:
            return mission
        self._follow_up(scenario, mission, findings)
        return mission

    def _gaps(self, mission, gaps) -> list[tuple[ins.ChecklistItem, data.Gap]]:
        """The checklist items of each gap, in checklist order; none on the team itself."""
        items = list(
            mission.checklist_items.exclude(person_id__in=self.team_ids)
            .select_related("organization", "person")
            .order_by("position")
        )
        chosen: dict[int, tuple[ins.ChecklistItem, data.Gap]] = {}
        for gap in gaps:
            duty = [i for i in items if i.reference == gap.reference and i.pk not in chosen]
            for who in gap.who:
                if who == "*":
                    picked = duty
                elif who.startswith("org:"):
                    picked = [i for i in duty if i.organization.code == who[4:]][:1]
                elif who:
                    user = self.users.get(who)
                    picked = [i for i in duty if user and i.person.user_id == user.pk][:1]
                else:
                    picked = duty[:1]
                if picked:
                    chosen.update((item.pk, (item, gap)) for item in picked)
                    break
        return sorted(chosen.values(), key=lambda pair: pair[0].position)

    def _record(self, mission, gaps, *, start: dt.date, last_day: dt.date, complete: bool) -> None:
        """The gaps through the service, with the inspector's notes and a photograph of the
        first; then, found compliant, the DO's and FSCO's items and a few more on a mission
        still in progress, every other item on one that is complete."""
        span = (last_day - start).days + 1
        for n, (item, gap) in enumerate(gaps):
            checklist_item_record(
                user=self.inspector,
                item=item,
                result=gap.result,
                notes=data.TEXTS[gap.reference][0],
                severity=gap.severity or None,
            )
            recorded = _at(start + _days(n % span), 10, n % 60)
            _stamp(ins.ChecklistItem, item.pk, recorded_at=recorded)
            _stamp(ins.Finding, item.finding.pk, created_at=recorded)
        if gaps:
            first = gaps[0][0]
            photo = ContentFile(sample_png(text=f"{mission.reference} {first.reference}"))
            photo.name = f"{first.reference.strip('¶').replace('(', '-').strip(')')}.png"
            evidence_add(user=self.inspector, upload=photo, checklist_item=first)
            self.counts["evidence_files"] += 1
        pending = mission.checklist_items.filter(result="")
        if not complete:
            extra = list(
                pending.filter(role__code__in=data.IN_PROGRESS_ROLES).order_by("position")
            ) + list(
                pending.exclude(role__code__in=data.IN_PROGRESS_ROLES).order_by("position")[
                    : data.IN_PROGRESS_EXTRA
                ]
            )
            for n, item in enumerate(extra):
                checklist_item_record(
                    user=self.inspector, item=item, result=ins.ItemResult.COMPLIANT
                )
                recorded = _at(start + _days(n % span), 14, n % 60)
                _stamp(ins.ChecklistItem, item.pk, recorded_at=recorded)
            return
        pending.update(
            result=ins.ItemResult.COMPLIANT,
            recorded_by=self.inspector,
            recorded_at=_at(last_day, 12),
        )

    def _render_reports(self, mission) -> None:
        for report in mission.reports.order_by("organization__code", "pk"):
            self.counts["mission_reports_rendered"] += mission_report_render(report)

    # -- after the debrief ----------------------------------------------------------------

    def _reporter(self, scenario, finding, gap) -> m.User:
        """The accountable person's login if the gap names one, else the DO (¶40)."""
        candidates = [self.users[w] for w in gap.who if w in self.users]
        candidates.append(self.designated_official[scenario.station])
        for user in candidates:
            if may_rectify(user, finding):
                return user
        raise LookupError(f"no demo login may rectify {finding}")

    def _report(self, scenario, finding, gap, day: dt.date, *, again: bool = False):
        reporter = self._reporter(scenario, finding, gap)
        done = data.TEXTS[gap.reference][2]
        lines = [
            f"{finding.mission.reference} {gap.reference}",
            finding.mission.duty_station.name,
            done,
            day.isoformat(),
        ]
        attachment = ContentFile(sample_certificate_pdf(lines))
        attachment.name = "rectification.pdf"
        rectification = rectification_report(
            user=reporter,
            finding=finding,
            description=done if not again else f"{done} Signed record attached.",
            files=[attachment],
        )
        _stamp(
            ins.Rectification, rectification.pk, reported_at=_at(day, 11), created_at=_at(day, 11)
        )
        self.counts["rectifications"] += 1
        self.counts["evidence_files"] += 1
        return rectification

    def _decide(self, rectification, day: dt.date, *, accepted: bool) -> None:
        rectification_decide(
            user=self.inspector,
            rectification=rectification,
            accepted=accepted,
            note="Evidence checked." if accepted else data.SENT_BACK,
        )
        _stamp(ins.Rectification, rectification.pk, decided_at=_at(day, 15))
        if accepted:
            _stamp(ins.Finding, rectification.finding_id, closed_at=_at(day, 15))

    def _rectify(self, scenario, finding, gap, *, debriefed: dt.date) -> None:
        """What the responsible actors did before any follow-up visit (¶40)."""
        fate = gap.fate
        if fate in (data.OPEN, data.FIXED_BY_VISIT):
            return
        lead = {data.REPORTED: 7, data.REPORTED_NOT_FIXED: 5, data.ACCEPTED: 10}.get(fate, 14)
        day = max(min(finding.deadline - _days(lead), self.today - _days(1)), debriefed)
        if fate in (data.REPORTED, data.REPORTED_NOT_FIXED):
            self._report(scenario, finding, gap, day)
        elif fate == data.ACCEPTED:
            self._decide(self._report(scenario, finding, gap, day), day + _days(3), accepted=True)
        else:  # RESUBMITTED
            first = self._report(scenario, finding, gap, day)
            self._decide(first, day + _days(2), accepted=False)
            second = self._report(scenario, finding, gap, day + _days(6), again=True)
            self._decide(second, day + _days(8), accepted=True)
        mission = ins.Mission.objects.get(pk=finding.mission_id)
        if mission.status == S.CLOSED:  # its last finding verified rectified
            closed = mission.findings.aggregate(last=Max("closed_at"))["last"]
            _stamp(ins.Mission, mission.pk, closed_at=closed)

    def _follow_up(self, scenario, mission, findings) -> None:
        """The visit, scheduled the day after the last date passed (as the daily scan does);
        on a closed mission, carried out: what was not rectified is escalated (¶40)."""
        mission.refresh_from_db()
        if mission.status == S.CLOSED:
            return
        last = mission.findings.filter(status__in=UNRESOLVED).aggregate(last=Max("deadline"))
        scheduled_on = last["last"] + _days(1)
        visit = follow_up_schedule(mission=mission, today=scheduled_on)
        _stamp(ins.FollowUpVisit, visit.pk, created_at=_at(scheduled_on, 6))
        self.notices.append((f"inspection:{mission.pk}:follow-up", scheduled_on))
        self.counts["follow_up_visits"] += 1
        if scenario.stage != S.CLOSED:
            return
        day = visit.scheduled_for
        fixed = (data.REPORTED, data.FIXED_BY_VISIT)
        open_ids = set(mission.findings.filter(status__in=UNRESOLVED).values_list("pk", flat=True))
        unresolved = [
            (ins.Finding.objects.get(pk=f.pk), gap)
            for f, gap in findings.values()
            if f.pk in open_ids
        ]
        # Reports still awaiting verification are decided by what the visit finds.
        awaiting = list(
            ins.Rectification.objects.filter(
                finding_id__in=open_ids, decision=ins.RectificationDecision.PENDING
            ).values_list("pk", flat=True)
        )
        for n, (finding, gap) in enumerate(unresolved):
            rectified = gap.fate in fixed
            check = follow_up_check_record(
                user=self.inspector,
                visit=visit,
                finding=finding,
                result=ins.FollowUpResult.RECTIFIED
                if rectified
                else ins.FollowUpResult.NOT_RECTIFIED,
                notes=data.VISIT_RECTIFIED if rectified else data.VISIT_NOT_RECTIFIED,
            )
            _stamp(ins.FollowUpCheck, check.pk, checked_at=_at(day, 10, n))
        follow_up_complete(user=self.inspector, visit=visit, notes=data.VISIT_NOTES)
        done = _at(day, 17)
        _stamp(ins.FollowUpVisit, visit.pk, completed_at=done)
        _stamp(ins.Mission, mission.pk, closed_at=done)
        ins.Finding.objects.filter(pk__in=open_ids, status=ins.FindingStatus.RECTIFIED).update(
            closed_at=done
        )
        ins.Rectification.objects.filter(pk__in=awaiting).update(decided_at=done)
        escalation = ins.Escalation.objects.filter(mission=mission).first()
        if escalation is not None:
            _stamp(ins.Escalation, escalation.pk, created_at=done)
            self.counts["non_compliance_reports"] += 1
            self.counts["non_compliance_reports_rendered"] += escalation_render(escalation)

    # -- notices --------------------------------------------------------------------------

    def file_old_notices(self) -> None:
        """Once the services' notices are written (after the commit), file those of steps
        long past as read and mailed, so the demo logins' inboxes show current news."""
        old = [key for key, day in self.notices if day < self.today - _days(NEWS_DAYS)]

        def file() -> None:
            now = dt.datetime.now(tz=dt.UTC)
            Notification.objects.filter(key__in=old, read_at__isnull=True).update(read_at=now)
            Notification.objects.filter(key__in=old, emailed_at__isnull=True).update(emailed_at=now)

        if old:
            transaction.on_commit(file)


def seed_inspections(run: DemoRun) -> dict[str, int]:
    """Write the missions of data.SCENARIOS; returns counts per kind."""
    seeder = _Seeder(run.shared["plan"], run.shared["inserted"], today=run.today)
    # WeasyPrint logs each step and each glyph a font lacks: not the seed's news.
    weasyprint = logging.getLogger("weasyprint")
    level = weasyprint.level
    weasyprint.setLevel(logging.ERROR)
    try:
        with audit_context(source="command:seed_demo"):
            for scenario in data.SCENARIOS:
                seeder.run(scenario)
            seeder.file_old_notices()
    finally:
        weasyprint.setLevel(level)
    counts = dict(seeder.counts)
    run.step("inspections: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return counts
