"""What each person and eligible dependant must complete, derived from the rules as the
``training_requirement`` view derives it (training/migrations/0002_requirement_view.py), and
the status the view will show for a planned completion (training/requirements.py).

Derived here rather than read from the view: the seed plans each requirement's outcome
before any completion exists, and reading the view at scale 1 (470,000 rows, each with its
lookup of completions) would cost more than deriving it. test_seed_demo checks the result
against the view: every status the plan aimed at is there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from appointments.models import Appointment, AppointmentStatus
from training import models as t

from .shapes import (
    COMPLIANT,
    DUE_SOON,
    EXPIRED,
    NOT_DUE,
    OVERDUE,
    Inserted,
    Outcome,
    Requirement,
    days,
    valid_until,
)

# (person index, dependant position or -1, course kind): one completion of the kind meets
# every rule of the group.
GroupKey = tuple[int, int, str]


def requirement_groups(
    plan, inserted: Inserted, arrivals: list[dt.date], rules: list[t.TrainingRule]
) -> dict[GroupKey, list[Requirement]]:
    """Every rule applied to every person (or dependant) it concerns, grouped, in a fixed
    order: all personnel and arrival rules from arrival (their dependants living at the duty
    station too where the rule says so), role rules from the start of the earliest approved
    or active appointment, phase rules from the later of arrival and the phase's start."""
    index = {person.pk: idx for idx, person in enumerate(inserted.people)}
    starts: dict[tuple[int, int], dt.date] = {}
    for person_id, role_id, start in Appointment.objects.filter(
        status__in=[AppointmentStatus.PENDING, AppointmentStatus.ACTIVE]
    ).values_list("person_id", "role_id", "start_date"):
        key = (role_id, index[person_id])
        starts[key] = min(start, starts.get(key, start))
    groups: dict[GroupKey, list[Requirement]] = defaultdict(list)
    for rule in rules:
        kind, within = rule.course_kind, days(rule.due_within_days)
        if rule.applies_to in (t.RuleKind.ALL_PERSONNEL, t.RuleKind.ARRIVAL):
            for idx, arrived in enumerate(arrivals):
                requirement = Requirement(rule, arrived, arrived + within)
                groups[(idx, -1, kind)].append(requirement)
                if rule.include_dependants:
                    for pos in range(len(inserted.dependants.get(idx, ()))):
                        groups[(idx, pos, kind)].append(requirement)
        elif rule.applies_to == t.RuleKind.ROLE:
            for (role_id, idx), start in starts.items():
                if role_id == rule.role_id:
                    groups[(idx, -1, kind)].append(Requirement(rule, start, start + within))
        elif rule.applies_to == t.RuleKind.PHASE:
            for idx, si in enumerate(plan.p_station):
                station = inserted.stations[si]
                if station.security_phase >= rule.min_phase:
                    since = station.security_phase_since or arrivals[idx]
                    anchor = max(arrivals[idx], since)
                    groups[(idx, -1, kind)].append(Requirement(rule, anchor, anchor + within))
    return dict(sorted(groups.items()))


def status_of(requirement: Requirement, outcome: Outcome, *, today: dt.date, soon: dt.date) -> str:
    """The status the view will show for ``requirement`` once ``outcome`` is recorded."""
    if outcome.course is not None and (
        not requirement.rule.counts_from_anchor or outcome.completed_on >= requirement.anchor
    ):
        until = valid_until(outcome.course.validity_months, outcome.completed_on)
        if until is None or until > soon:
            return COMPLIANT
        return DUE_SOON if until >= today else EXPIRED
    if requirement.due < today:
        return OVERDUE
    return DUE_SOON if requirement.due <= soon else NOT_DUE
