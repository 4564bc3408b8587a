"""One outcome per requirement group: a completion still valid, about to lapse or lapsed, or
none yet (then overdue, due soon or not due, from the due date).

Every status a rule can reach is planned at least once, for the first requirement that can
give it; beyond that the outcomes follow the shares in data.py. All draws come from one
generator in a fixed order. The Kenyan duty stations, where the demo logins work, also get
in-person sessions and arrival briefings recorded in the app; the demo staff member gets a
briefing to acknowledge, a test to take and a certificate.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.conf import settings

from training import models as t

from . import data
from .requirements import GroupKey, status_of
from .shapes import (
    ALL_STATUSES,
    BRIEFING,
    BRIEFING_KIND,
    COMPLIANT,
    DUE_SOON,
    EXPIRED,
    IMPORT,
    KENYA,
    NAIROBI,
    ONLINE,
    ONLINE_TEST,
    SESSION,
    Attendance,
    Inserted,
    Outcome,
    Record,
    Requirement,
    Session,
    TrainingPlan,
    between,
    days,
    passing_score,
    pick,
    span,
)

OPEN = "open"  # no completion yet
DONE = (COMPLIANT, DUE_SOON, EXPIRED)  # a completion still valid, lapsing, lapsed
# When a rule still lacks a status, the outcomes that may give it are tried in this order.
FORCE_ORDER = (OPEN, EXPIRED, DUE_SOON, COMPLIANT)


class Planner:
    """Draws the outcomes and the Kenyan sessions and briefings; ``run`` returns the plan."""

    def __init__(self, plan, inserted: Inserted, *, today: dt.date, rng: random.Random):
        self.plan = plan
        self.inserted = inserted
        self.today = today
        self.soon = today + days(settings.TRAINING_DUE_SOON_DAYS)
        self.rng = rng
        self.courses = {c.code: c for c in t.Course.objects.select_related("provider")}
        self.banks: dict[str, int] = defaultdict(int)  # course code -> active questions
        for code in t.Question.objects.filter(is_active=True).values_list(
            "course__code", flat=True
        ):
            self.banks[code] += 1
        self.counting: dict[str, list[t.Course]] = defaultdict(list)  # kind -> UNSECOORD's
        for course in sorted(self.courses.values(), key=lambda c: c.code):
            if course.provider.is_unsecoord and course.is_active:
                self.counting[course.kind].append(course)
        # (kind, organization code) -> (agency course, share of its staff who take it)
        self.endorsed: dict[tuple[str, str], tuple[t.Course, float]] = {}
        self.unendorsed: dict[tuple[str, str], tuple[t.Course, float]] = {}
        for code, provider, *_titles, kind, _d, _v, _p, endorsed, share in data.AGENCY_COURSES:
            if code in self.courses:
                table = self.endorsed if endorsed else self.unendorsed
                table[(kind, provider)] = (self.courses[code], share)
        self.org_of = [plan.orgs[org][0] for org in plan.p_org]
        self.missing: dict[str, set[str]] = {}  # rule code -> statuses not planned yet
        self.incomplete: set[str] = set()  # rule codes with statuses still missing
        self.result = TrainingPlan()
        self.overrides: dict[GroupKey, Outcome] = {}
        self.briefing_day: dict[int, dt.date] = {}  # person -> the briefing after arrival
        self.lms_sequence = 0

    def run(self, groups: dict[GroupKey, list[Requirement]]) -> TrainingPlan:
        self._aim(groups)
        self._plan_sessions()
        self._plan_briefings()
        self._plan_demo_staff()
        for key, requirements in groups.items():
            outcome = self.choose(key, requirements)
            if self.incomplete and any(r.rule.code in self.incomplete for r in requirements):
                for code, status in self.statuses(requirements, outcome):
                    self.missing[code].discard(status)
                    if not self.missing[code]:
                        self.incomplete.discard(code)
            self._keep(key, outcome)
            self._extras(key, outcome)
        # Attendance at a session of a course no rule asks of the person still counts as done.
        for key, outcome in self.overrides.items():
            self._keep(key, outcome)
        return self.result

    def _aim(self, groups) -> None:
        """Every status for every rule, but lapsing or lapsed only where a course of the
        rule's kind expires (the arrival briefing does not)."""
        kinds = {r.rule.code: r.rule.course_kind for rs in groups.values() for r in rs}
        for code, kind in kinds.items():
            self.missing[code] = set(ALL_STATUSES)
            if not any(course.validity_months for course in self.counting[kind]):
                self.missing[code].discard(EXPIRED)
        self.incomplete = set(self.missing)

    # -- which course, when ----------------------------------------------------------------------

    def course_for(self, idx: int, kind: str, requirements: list[Requirement]) -> t.Course:
        for requirement in requirements:
            code = data.COURSE_FOR_RULE.get(requirement.rule.code)
            if code:
                return self.courses[code]
        # Some agencies' staff take the agency's own endorsed course instead (annex ¶26).
        alternative = self.endorsed.get((kind, self.org_of[idx]))
        if alternative is not None and self.rng.random() < alternative[1]:
            return alternative[0]
        code = data.COURSE_FOR_KIND.get(kind)
        return self.courses[code] if code else self.counting[kind][0]

    def completion(self, target: str, course: t.Course, requirement: Requirement):
        """A completion date giving ``target`` (compliant, due_soon, expired), or None."""
        rng, today = self.rng, self.today
        months = course.validity_months
        from_anchor = requirement.rule.counts_from_anchor
        if from_anchor and requirement.anchor > today:
            return None
        if not months:
            if target != COMPLIANT:
                return None
            if from_anchor:
                return min(today, requirement.anchor + days(between(rng, 0, 6)))
            return min(requirement.anchor, today) - days(between(rng, 0, 60))
        # Back from today to the completion: its validity ends after the due-soon window,
        # within it, or before today.
        full = span(months, today)
        if target == COMPLIANT:
            back = between(rng, 0, full - 45)
        elif target == DUE_SOON:
            back = full - between(rng, 2, 28)
        else:
            back = full + between(rng, 3, 900)
        completed = today - days(back)
        if from_anchor and completed < requirement.anchor:
            return None
        return completed

    def source_for(self, course: t.Course) -> str:
        if course.kind == BRIEFING_KIND:
            return IMPORT  # the paper registers; those recorded in the app are marked later
        if course.delivery == ONLINE and self.banks[course.code]:
            if self.rng.random() < data.ONLINE_TEST_SHARE:
                return ONLINE_TEST
        return IMPORT

    def candidate(self, key: GroupKey, target: str, course: t.Course, first: Requirement):
        briefing = self.briefing_day.get(key[0]) if key[2] == BRIEFING_KIND else None
        if briefing is not None:
            # Recorded in the app: completed on the day of the briefing, if it was held.
            day = briefing if target == COMPLIANT and briefing <= self.today else None
        else:
            day = self.completion(target, course, first)
        return None if day is None else Outcome(course, day, self.source_for(course))

    # -- the draw ------------------------------------------------------------------------------

    def statuses(self, requirements, outcome) -> list[tuple[str, str]]:
        return [
            (r.rule.code, status_of(r, outcome, today=self.today, soon=self.soon))
            for r in requirements
        ]

    def choose(self, key: GroupKey, requirements: list[Requirement]) -> Outcome:
        override = self.overrides.pop(key, None)
        if override is not None:
            return override
        course = self.course_for(key[0], key[2], requirements)
        if self.incomplete and any(r.rule.code in self.incomplete for r in requirements):
            first = min(requirements, key=lambda r: r.due)
            options = [(OPEN, Outcome())]
            for target in DONE:
                outcome = self.candidate(key, target, course, first)
                if outcome is not None:
                    options.append((target, outcome))
            wanted = [
                (name, outcome)
                for name, outcome in options
                if any(
                    status in self.missing[code]
                    for code, status in self.statuses(requirements, outcome)
                )
            ]
            if wanted:
                return min(wanted, key=lambda option: FORCE_ORDER.index(option[0]))[1]
        return self.draw(key, requirements, course)

    def draw(self, key: GroupKey, requirements: list[Requirement], course: t.Course) -> Outcome:
        """The outcome by the shares of data.py; none when the drawn one cannot be."""
        _idx, pos, kind = key
        rng = self.rng
        first = min(requirements, key=lambda r: r.due) if len(requirements) > 1 else requirements[0]
        if first.due > self.soon:
            target = COMPLIANT if rng.random() < data.DONE_EARLY else OPEN
        elif first.due >= self.today:
            target = COMPLIANT if rng.random() < data.DONE_WHEN_DUE_SOON else OPEN
        elif rng.random() < (
            data.DEPENDANTS_DONE_WHEN_LATE if pos >= 0 else data.DONE_WHEN_LATE[kind]
        ):
            target = pick(rng, data.VALIDITY_MIX) if course.validity_months else COMPLIANT
        else:
            target = OPEN
        if target == OPEN:
            return Outcome()
        return self.candidate(key, target, course, first) or Outcome()

    def _keep(self, key: GroupKey, outcome: Outcome) -> None:
        if outcome.course is None:
            return
        idx, pos, _kind = key
        dependant = self.inserted.dependants[idx][pos] if pos >= 0 else None
        record = Record(idx, dependant, outcome.course, outcome.completed_on, outcome.source)
        record.session = outcome.session
        if record.source == ONLINE_TEST:
            _right, record.score = passing_score(
                outcome.course, self.banks[outcome.course.code], self.rng
            )
        elif record.source == IMPORT:
            self.lms_sequence += 1
            record.external_reference = f"LMS-{record.completed_on.year}-{self.lms_sequence:07d}"
        self.result.records.append(record)

    def _extras(self, key: GroupKey, outcome: Outcome) -> None:
        idx, pos, kind = key
        if kind == BRIEFING_KIND and idx in self.briefing_day:
            self._attend_briefing(idx, outcome)
        # An agency course UNSECOORD has not endorsed yet: done, and still not counting.
        if outcome.course is None and pos < 0:
            unendorsed = self.unendorsed.get((kind, self.org_of[idx]))
            if unendorsed is not None and self.rng.random() < unendorsed[1]:
                day = self.today - days(between(self.rng, 10, 300))
                self._keep(key, Outcome(unendorsed[0], day, IMPORT))

    # -- Kenya: sessions and briefings recorded in the app -------------------------------------

    def kenyan_stations(self) -> list[int]:
        return [si for si, s in enumerate(self.plan.stations) if s.country == KENYA]

    def station_fsco(self, si: int) -> int:
        plan = self.plan
        holders = (
            plan.holders.get(("fsco", "duty_station", si))
            or plan.holders[("fsco", "country", plan.stations[si].country)]
        )
        return holders[0]

    def _plan_sessions(self) -> None:
        """In-person sessions at the Kenyan duty stations (annex ¶26): warden training past
        and marked, one at Nairobi held but not marked yet, security management for the SMT
        of Nairobi, and one to come at the first field station. Each attendee's completion
        is the session's."""
        plan, rng, today = self.plan, self.rng, self.today
        warden, smt_course = self.courses["WARDEN"], self.courses["SMT-SM"]
        sessions = self.result.sessions
        kenya = self.kenyan_stations()

        def add(course, si, held_on, place, marked, people, share):
            attended = [(p, rng.random() < share if marked else None) for p in people]
            if marked and attended and not any(present for _p, present in attended):
                attended[0] = (attended[0][0], True)  # someone came
            session = Session(course, si, held_on, self.station_fsco(si), place, marked, attended)
            sessions.append(session)

        for k, si in enumerate(kenya):
            trained = sorted(
                {
                    person
                    for person, role, _kind, _scope in plan.appointments
                    if role in ("warden", "area_coordinator") and plan.p_station[person] == si
                }
            )
            if not trained:
                continue
            first = trained[::2] if si == NAIROBI else trained
            place = data.SESSION_PLACES[k % len(data.SESSION_PLACES)]
            add(warden, si, today - days(60 + 30 * k), place, True, first, 0.85)
            if si == NAIROBI and trained[1::2]:
                place = data.SESSION_PLACES[1]
                add(warden, si, today - days(3), place, False, trained[1::2], 0)
        smt = plan.holders[("smt", "duty_station", NAIROBI)]
        add(smt_course, NAIROBI, today - days(120), data.SESSION_PLACES[2], True, smt, 0.9)
        field_stations = [si for si in kenya if si != NAIROBI]
        if field_stations:
            si = field_stations[0]
            members = plan.holders[("smt", "duty_station", si)]
            add(smt_course, si, today + days(14), data.SESSION_PLACES[0], False, members, 0)
        for number, session in enumerate(sessions):
            for person, attended in session.participants:
                if attended:
                    self.overrides[(person, -1, session.course.kind)] = Outcome(
                        session.course, session.held_on, SESSION, number
                    )

    def _plan_briefings(self) -> None:
        """The FSCO's weekly briefing after each arrival of the last months (¶10(j), ¶33)."""
        since = self.today - days(31 * data.BRIEFING_MONTHS)
        kenya = set(self.kenyan_stations())
        for idx, si in enumerate(self.plan.p_station):
            arrived = self.inserted.people[idx].arrived_on
            if si in kenya and since <= arrived <= self.today:
                wait = (data.BRIEFING_WEEKDAY - arrived.weekday()) % 7
                self.briefing_day[idx] = arrived + days(wait)

    def _attend_briefing(self, idx: int, outcome: Outcome) -> None:
        """Briefed and acknowledged (the completion is the acknowledgement, ¶33), briefed and
        not acknowledged yet, or not briefed yet; dependants briefed alongside half the time."""
        rng = self.rng
        given_on = self.briefing_day[idx]
        acknowledged = outcome.course is not None
        if given_on > self.today or not (acknowledged or rng.random() < 0.5):
            return
        dependants = self.inserted.dependants.get(idx, [])
        briefed = dependants if dependants and rng.random() < 0.5 else []
        self.result.attendances.append(
            Attendance(self.plan.p_station[idx], given_on, idx, briefed, acknowledged)
        )
        if acknowledged:
            self.result.records[-1].source = BRIEFING
            for dependant in briefed:
                self.result.records.append(
                    Record(idx, dependant, self.courses["BRIEF"], given_on, BRIEFING)
                )

    def _plan_demo_staff(self) -> None:
        """The demo staff member: briefed yesterday with the dependants, not acknowledged yet;
        the basic course still to take online (one failed attempt, rows.py); stress
        management passed two days ago, with its certificate."""
        idx = self.plan.logins["staff.nairobi"]
        dependants = self.inserted.dependants.get(idx, [])
        for pos in range(-1, len(dependants)):
            self.overrides[(idx, pos, t.CourseKind.SECURITY_AWARENESS.value)] = Outcome()
        self.overrides[(idx, -1, BRIEFING_KIND)] = Outcome()
        self.overrides[(idx, -1, t.CourseKind.STRESS_MANAGEMENT.value)] = Outcome(
            self.courses["STRESS"], self.today - days(2), ONLINE_TEST
        )
        self.briefing_day.pop(idx, None)
        self.result.attendances.append(
            Attendance(NAIROBI, self.today - days(1), idx, list(dependants), False)
        )
