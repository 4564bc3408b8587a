"""Training in the demo data (issue 4): completions in every status, agency courses,
in-person sessions, arrival briefings, tests and certificates. ``seed_training`` is
registered with the seed_demo orchestrator (accountability/core/demo/) from
``TrainingConfig.ready()`` and runs after the actors' seeder, whose rows, plan, arrivals and
random generator it builds on (``run.shared``), and the appointments' one, whose rows it reads.

Statuses depend on the day they are read, so the training dates count back from ``today``
(the day the seed runs, unless given): the same seed and day give the same data.

- arrivals.py: appointees arrived before their appointment (``Person.arrived_on``, which
  most rules count from, is planned with the people: actors/demo/arrivals.py);
- requirements.py: what each person must complete, derived as the view derives it;
- outcomes.py: for each requirement, a completion (valid, lapsing, lapsed) or none yet
  (overdue, due soon, not due), every status of every rule at least once;
- rows.py: the rows, most records by COPY;
- data.py: the shares and texts all this follows.
"""

from __future__ import annotations

from accountability.core.demo import DemoRun
from training import models as t

from .arrivals import settle_appointees
from .outcomes import Planner
from .requirements import requirement_groups
from .rows import Writer, agency_courses

__all__ = ["ANALYZED", "seed_training"]

# The tables seed_training fills, analyzed once the whole seed is in.
ANALYZED = (
    "training_course",
    "training_trainingrecord",
    "training_certificate",
    "training_trainingsession",
    "training_sessionparticipant",
    "training_briefing",
    "training_briefingattendee",
    "training_testattempt",
)


def seed_training(run: DemoRun) -> dict[str, int]:
    """Plan and write the training part of the demo; returns counts per kind."""
    plan, inserted = run.shared["plan"], run.shared["inserted"]
    arrivals, rng = run.shared["arrivals"], run.shared["arrivals_rng"]
    today, step = run.today, run.step
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
    run.analyze += ANALYZED
    return {"courses_added": courses, **counts}
