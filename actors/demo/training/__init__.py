"""Training in the demo data (issue 4): arrivals, completions in every status, agency
courses, in-person sessions, arrival briefings, tests and certificates.

Statuses depend on the day they are read, so the training dates count back from ``today``
(the day the seed runs, unless given): the same seed and day give the same data.

- arrivals.py: ``Person.arrived_on``, which most rules count from;
- requirements.py: what each person must complete, derived as the view derives it;
- outcomes.py: for each requirement, a completion (valid, lapsing, lapsed) or none yet
  (overdue, due soon, not due), every status of every rule at least once;
- rows.py: the rows, most records by COPY;
- data.py: the shares and texts all this follows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from training import models as t

from .arrivals import plan_arrivals, settle_appointees
from .outcomes import Planner
from .requirements import requirement_groups
from .rows import Writer, agency_courses
from .shapes import Inserted

__all__ = ["Inserted", "plan_arrivals", "seed_training"]


def seed_training(
    plan,
    inserted: Inserted,
    arrivals: list[dt.date],
    *,
    today: dt.date,
    rng: random.Random,
    step: Callable[[str], None],
) -> dict[str, int]:
    """Plan and write the training part of the demo; returns counts per kind."""
    moved = settle_appointees(inserted, arrivals, today=today, rng=rng)
    courses = agency_courses(inserted, today=today)
    rules = sorted(
        t.TrainingRule.objects.filter(is_active=True).select_related("role"),
        key=lambda rule: rule.code,
    )
    groups = requirement_groups(plan, inserted, arrivals, rules)
    planner = Planner(plan, inserted, today=today, rng=rng)
    result = planner.run(groups)
    step(
        f"training planned: {len(groups)} requirement groups, {len(result.records)} "
        f"completions ({moved} appointees' arrivals moved before their appointment)"
    )
    writer = Writer(plan, inserted, planner, today=today)
    counts = writer.write(result)
    step(
        "training: "
        + ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
    )
    counts["certificates_rendered"] = writer.render_certificates()
    step(f"{counts['certificates_rendered']} certificates of the demo logins rendered")
    return {"courses_added": courses, **counts}
