"""When each person arrived at the duty station (``Person.arrived_on``), which the
all-personnel, arrival and phase rules of training count from (¶33).

Planned before any row exists, from a generator of its own (``ARRIVALS_RNG``) that the
training seeder (training/demo/) goes on drawing from, so that the training draws leave the
rest of the data set unchanged and the same seed gives the same data as ever.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

# The seed of the generator the arrivals and then the training draws use.
ARRIVALS_RNG = "training:{seed}"

# The share announced but not yet arrived, and the share who arrived within the last two
# months; everyone else arrived longer ago (mean stay ~2 years).
FUTURE_ARRIVALS = 0.02
RECENT_ARRIVALS = 0.1
MEAN_DAYS_SINCE_ARRIVAL = 650


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)`` at a third of the cost (random() is one C call)."""
    return low + int(rng.random() * (high - low + 1))


def _appointees(plan) -> set[int]:
    found = {person for person, *_rest in plan.appointments}
    found |= {person for person, *_rest in plan.nominations}
    found |= {plan.interim[0], plan.aso_proposed[0]}
    return found


def plan_arrivals(plan, *, today: dt.date, rng: random.Random) -> list[dt.date]:
    """Arrival days in plan order: a few announced, some within the last two months, most
    longer ago. At every duty station the first two people without a role are one announced
    arrival and one who arrived two days ago, so that every station (and every rule that
    counts from arrival) has requirements not yet due and due soon."""
    days = dt.timedelta
    skip = _appointees(plan) | set(plan.logins.values())
    forced: dict[int, int] = defaultdict(int)
    arrivals = []
    for idx, station in enumerate(plan.p_station):
        draw = rng.random()
        if draw < FUTURE_ARRIVALS:
            day = today + days(between(rng, 31, 75))
        elif draw < FUTURE_ARRIVALS + RECENT_ARRIVALS:
            day = today - days(between(rng, 0, 59))
        else:
            stay = min(int(rng.expovariate(1 / MEAN_DAYS_SINCE_ARRIVAL)), 3000)
            day = today - days(60 + stay)
        if idx not in skip and forced[station] < 2:
            day = today + days(45) if forced[station] == 0 else today - days(2)
            forced[station] += 1
        arrivals.append(day)
    # The demo staff member arrived four days ago: the briefing and the basic course are due.
    arrivals[plan.logins["staff.nairobi"]] = today - days(4)
    return arrivals
