"""The shapes the training part of the seed passes around, and small date helpers.

``Inserted`` (the actors' rows training builds on) comes from actors/demo/seed.py.

Hundreds of thousands of these are made at scale 1: slotted dataclasses, plain strings for
the statuses (an enum member costs an attribute lookup per use) and cached date arithmetic.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass, field

from actors import models as m
from actors.demo.seed import Inserted  # noqa: F401 - read here by the modules above
from training import models as t
from training.services.records import valid_until as course_valid_until

COMPLIANT = t.RequirementStatus.COMPLIANT.value
DUE_SOON = t.RequirementStatus.DUE_SOON.value
EXPIRED = t.RequirementStatus.EXPIRED.value
OVERDUE = t.RequirementStatus.OVERDUE.value
NOT_DUE = t.RequirementStatus.NOT_DUE.value
ALL_STATUSES = frozenset(t.RequirementStatus.values)
BRIEFING_KIND = t.CourseKind.ARRIVAL_BRIEFING.value
ONLINE = t.Delivery.ONLINE.value
ONLINE_TEST = t.RecordSource.ONLINE_TEST.value
IMPORT = t.RecordSource.IMPORT.value
BRIEFING = t.RecordSource.BRIEFING.value
SESSION = t.RecordSource.SESSION.value
UPLOAD = t.RecordSource.UPLOAD.value
VERIFIED = t.RecordStatus.VERIFIED.value

KENYA = 0  # the first country of the plan: the demo logins' country
NAIROBI = 0  # its capital, the first duty station


@dataclass(slots=True)
class Requirement:
    """One rule applied to one person or dependant, as the view derives it."""

    rule: t.TrainingRule
    anchor: dt.date
    due: dt.date


@dataclass(slots=True)
class Outcome:
    """The completion planned for one requirement group, or none (``course`` None)."""

    course: t.Course | None = None
    completed_on: dt.date | None = None
    source: str = ""
    session: int | None = None  # index into the planned sessions


@dataclass(slots=True)
class Record:
    """A training record to write."""

    person: int  # index into Inserted.people
    dependant: m.Dependant | None
    course: t.Course
    completed_on: dt.date
    source: str
    status: str = VERIFIED
    score: int | None = None
    external_reference: str = ""
    session: int | None = None
    evidence: str = ""
    rejection_reason: str = ""
    verified_by: m.User | None = None

    @property
    def linked(self) -> bool:
        """Whether another row points at it (a session, a briefing's acknowledgement)."""
        return self.session is not None or self.source == BRIEFING


@dataclass
class Session:
    course: t.Course
    station: int
    held_on: dt.date
    trainer: int
    place: str
    marked: bool
    participants: list[tuple[int, bool | None]]


@dataclass
class Attendance:
    """A person at an arrival briefing, with the dependants briefed alongside."""

    station: int
    given_on: dt.date
    person: int
    dependants: list[m.Dependant]
    acknowledged: bool


@dataclass
class TrainingPlan:
    records: list[Record] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)


# --- Dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Validity:
    """Stands for a course in valid_until(), which reads only its validity."""

    validity_months: int


@functools.lru_cache(maxsize=65536)
def valid_until(months: int | None, completed_on: dt.date) -> dt.date | None:
    """The services' own rule (training.services.records.valid_until), cached."""
    if not months:
        return None
    return course_valid_until(_Validity(months), completed_on)


@functools.lru_cache(maxsize=256)
def span(months: int, today: dt.date) -> int:
    """Days from the completion whose validity ends on ``today`` to ``today``."""
    return (valid_until(months, today) - today).days + 1


@functools.lru_cache(maxsize=8192)
def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


# --- Draws ---------------------------------------------------------------------------------------


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)`` at a third of the cost (random() is one C call)."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    """One name of ``shares`` ((name, weight), ...) by weight."""
    draw = rng.random() * sum(weight for _name, weight in shares)
    for name, weight in shares:
        draw -= weight
        if draw < 0:
            return name
    return shares[-1][0]


def questions_asked(course: t.Course, bank: int) -> int:
    """How many questions a test of ``course`` asks, from a bank of ``bank``."""
    return min(course.questions_per_test, bank)


def passing_score(course: t.Course, bank: int, rng: random.Random) -> tuple[int, int]:
    """(right answers, score %) of a pass at the course's computer-generated test (¶32)."""
    asked = questions_asked(course, bank)
    least = -(-course.pass_mark * asked // 100)
    right = between(rng, least, asked)
    return right, round(100 * right / asked)
