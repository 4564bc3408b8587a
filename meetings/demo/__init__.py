"""SMT meetings in the demo data (¶16(b)): three meetings each at Nairobi, Mombasa and
Kabul, recorded by the demo logins who sit on those teams, with their attendees and action
items, some done. ``seed_meetings`` is registered with the seed_demo orchestrator
(accountability/core/demo/) from ``MeetingsConfig.ready()`` and runs after the appointments'
seeder: the attendees are the station's SMT members, as the actors' plan appointed them
(``run.shared``). Nothing here is random: the dates count back from the actors' ``ANCHOR``.
"""

from __future__ import annotations

import datetime as dt

from accountability.core.demo import DemoRun
from actors.demo.seed import ANCHOR, Inserted, Plan, bulk_insert
from meetings.models import ActionItem, SmtMeeting

from . import data

__all__ = ["ANALYZED", "seed_meetings"]

# The tables seed_meetings fills, analyzed once the whole seed is in.
ANALYZED = (
    "meetings_smtmeeting",
    "meetings_smtmeeting_attendees",
    "meetings_actionitem",
)

KENYA, AFGHANISTAN = 0, 1  # the plan's first countries, which every scale keeps
NAIROBI = 0  # Kenya's capital, the first duty station


def planned_meetings(plan: Plan) -> list[tuple[int, str]]:
    """(duty station, recording login) of each meeting: Nairobi's SMT chaired by the DO of
    Kenya, Mombasa's area SMT with its member, Kabul's with the DO of Afghanistan."""
    mombasa = next(
        i for i, s in enumerate(plan.stations) if s.country == KENYA and not s.is_capital
    )
    kabul = next(
        i for i, s in enumerate(plan.stations) if s.country == AFGHANISTAN and s.is_capital
    )
    return [
        (station, login)
        for station, login in (
            (NAIROBI, "do.kenya"),
            (mombasa, "smt.mombasa"),
            (kabul, "do.afghanistan"),
        )
        for _ in range(3)
    ]


def seed_meetings(run: DemoRun) -> dict[str, int]:
    """Write the SMT meetings with their attendees and action items; returns counts per
    kind."""
    plan: Plan = run.shared["plan"]
    inserted: Inserted = run.shared["inserted"]
    people, users_by_name = inserted.people, inserted.users
    planned = planned_meetings(plan)
    meetings, attendance, items = [], [], []
    for n, (si, login) in enumerate(planned):
        recorder = users_by_name[login]
        held = ANCHOR - dt.timedelta(days=90 * (n % 3) + 7)
        meetings.append(
            SmtMeeting(
                organization_id=recorder.organization_id,
                duty_station=inserted.stations[si],
                held_on=held,
                agenda=data.MEETING_AGENDAS[n % len(data.MEETING_AGENDAS)],
                decisions=data.MEETING_DECISIONS[n % len(data.MEETING_DECISIONS)],
                recorded_by=recorder,
            )
        )
    bulk_insert(SmtMeeting, meetings)
    through = SmtMeeting.attendees.through
    for n, ((si, _login), meeting) in enumerate(zip(planned, meetings, strict=True)):
        members = plan.holders[("smt", "duty_station", si)]
        for member in members:
            attendance.append(through(smtmeeting_id=meeting.pk, person_id=people[member].pk))
        for k, text in enumerate(data.ACTION_TEXTS[n % 2 :: 2]):
            due = meeting.held_on + dt.timedelta(days=14 * (k + 1))
            items.append(
                ActionItem(
                    meeting=meeting,
                    description=text,
                    owner=people[members[(n + k) % len(members)]],
                    due_on=due,
                    done_on=due - dt.timedelta(days=2) if (n + k) % 3 else None,
                )
            )
    bulk_insert(through, attendance)
    bulk_insert(ActionItem, items)
    run.step(f"{len(meetings)} smt meetings, {len(items)} action items")
    run.analyze += ANALYZED
    return {"smt_meetings": len(meetings)}
