"""Writing the planned training: most records by COPY (accountability/core/demo/bulk.py),
the few that other rows point at with the ORM, then the sessions, briefings, tests, uploads awaiting
verification and the demo logins' certificates."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accountability.core.demo.bulk import copy_with_events
from accountability.core.demo.pdf import sample_certificate_pdf
from accountability.core.uploads import stored_name
from training import models as t
from training.services.certificates import certificate_render

from . import data
from .outcomes import Planner
from .shapes import (
    KENYA,
    NAIROBI,
    ONLINE_TEST,
    UPLOAD,
    Attendance,
    Inserted,
    Record,
    Session,
    TrainingPlan,
    at,
    between,
    days,
    questions_asked,
    valid_until,
)

RECORD_COLUMNS = (
    "organization_id",
    "person_id",
    "dependant_id",
    "course_id",
    "completed_on",
    "valid_until",
    "source",
    "status",
    "score",
    "evidence",
    "external_reference",
    "session_id",
    "recorded_by_id",
    "verified_by_id",
    "verified_at",
    "rejection_reason",
    "created_at",
    "updated_at",
)


def agency_courses(inserted: Inserted, *, today: dt.date) -> int:
    """Two agency courses endorsed by UNSECOORD and one awaiting endorsement (annex ¶26)."""
    orgs = {org.code: org for org in inserted.orgs}
    coordinator = inserted.users.get("unsecoord")
    rows = []
    for (
        code,
        provider,
        title,
        title_fr,
        title_zh,
        kind,
        delivery,
        months,
        paragraph,
        endorsed,
        _,
    ) in data.AGENCY_COURSES:
        if provider not in orgs:
            continue
        rows.append(
            t.Course(
                code=code,
                title=title,
                title_fr=title_fr,
                title_zh=title_zh,
                kind=kind,
                delivery=delivery,
                provider=orgs[provider],
                validity_months=months,
                paragraph=paragraph,
                endorsed_at=at(today - days(400), 10) if endorsed else None,
                endorsed_by=coordinator if endorsed else None,
                description=f"{title}, run by {orgs[provider].name}.",
            )
        )
    t.Course.objects.bulk_create(rows)
    return len(rows)


class Writer:
    """Inserts the planned training rows: most records by COPY, the rest with the ORM."""

    def __init__(self, plan, inserted: Inserted, planner: Planner, *, today: dt.date):
        self.plan = plan
        self.inserted = inserted
        self.planner = planner
        self.rng = planner.rng
        self.today = today
        self.fsco = inserted.users.get("fsco.kenya")
        self.certificates: list[t.Certificate] = []
        self.logins = set(plan.logins.values())
        self.index = {person.pk: idx for idx, person in enumerate(inserted.people)}

    def write(self, result: TrainingPlan) -> dict[str, int]:
        sessions = self._sessions(result.sessions)
        uploads = self._uploads(result.records)
        logins = self.logins
        plain = [r for r in result.records if not r.linked and r.person not in logins]
        linked = [r for r in result.records if r.linked or r.person in logins] + uploads
        copy_with_events(t.TrainingRecord, RECORD_COLUMNS, map(self._row, plain))
        objects = [self._object(record, sessions) for record in linked]
        t.TrainingRecord.objects.bulk_create(objects, batch_size=2000)
        by_key = {
            (
                record.person,
                record.dependant.pk if record.dependant else None,
                record.course.code,
                record.completed_on,
            ): obj
            for record, obj in zip(linked, objects, strict=True)
        }
        participants = self._participants(result.sessions, sessions)
        briefings, attendees = self._briefings(result.attendances, by_key)
        attempts = self._attempts(linked, objects)
        self.certificates = self._certificates(linked, objects)
        return {
            "training_records": len(plain) + len(objects),
            "pending_uploads": sum(r.status == t.RecordStatus.PENDING for r in uploads),
            "training_sessions": len(sessions),
            "session_participants": participants,
            "briefings": briefings,
            "briefing_attendees": attendees,
            "test_attempts": attempts,
            "certificates": len(self.certificates),
        }

    def _certificates(self, linked: list[Record], objects: list[t.TrainingRecord]):
        """Certificates for the demo staff member's completions and the latest of each other
        demo login's: a few PDFs to render now. The other seeded completions came from
        elsewhere (imports, the paper registers) and have none; a completion recorded in
        the app gets its certificate from the render task as usual."""
        staff = self.plan.logins["staff.nairobi"]
        latest: dict[int, tuple[Record, t.TrainingRecord]] = {}
        chosen = []
        for record, obj in zip(linked, objects, strict=True):
            if (
                record.person not in self.logins
                or obj.status != t.RecordStatus.VERIFIED
                or record.course.kind == t.CourseKind.ARRIVAL_BRIEFING
                or record.dependant is not None
            ):
                continue
            if record.person == staff:
                chosen.append(obj)
            elif record.person not in latest or (
                record.completed_on > latest[record.person][0].completed_on
            ):
                latest[record.person] = (record, obj)
        chosen += [obj for _record, obj in latest.values()]
        people = self.inserted.people
        return t.Certificate.objects.bulk_create(
            [
                t.Certificate(record=obj, language=people[self.index[obj.person_id]].language)
                for obj in chosen
            ]
        )

    def render_certificates(self) -> int:
        # WeasyPrint logs each step and each glyph a font lacks: not the seed's news.
        weasyprint = logging.getLogger("weasyprint")
        level = weasyprint.level
        weasyprint.setLevel(logging.ERROR)
        try:
            return sum(certificate_render(certificate) for certificate in self.certificates)
        finally:
            weasyprint.setLevel(level)

    # -- rows ------------------------------------------------------------------------------

    def _values(self, record: Record) -> dict:
        person = self.inserted.people[record.person]
        decided = None
        if record.status == t.RecordStatus.VERIFIED:
            decided = at(record.completed_on)
        elif record.status == t.RecordStatus.REJECTED:
            decided = at(min(record.completed_on + days(3), self.today), 15)
        return {
            "organization_id": person.organization_id,
            "person_id": person.pk,
            "dependant_id": record.dependant.pk if record.dependant else None,
            "course_id": record.course.pk,
            "completed_on": record.completed_on,
            "valid_until": valid_until(record.course.validity_months, record.completed_on),
            "source": record.source,
            "status": record.status,
            "score": record.score,
            "evidence": record.evidence,
            "external_reference": record.external_reference,
            "recorded_by_id": None,  # seeded: an import, a test, the paper registers
            "verified_by_id": record.verified_by.pk if record.verified_by else None,
            "verified_at": decided,
            "rejection_reason": record.rejection_reason,
            "created_at": at(record.completed_on),
            "updated_at": decided or at(record.completed_on),
        }

    def _row(self, record: Record) -> tuple:
        values = self._values(record)
        values["session_id"] = None
        return tuple(values[column] for column in RECORD_COLUMNS)

    def _object(self, record: Record, sessions: list[t.TrainingSession]) -> t.TrainingRecord:
        values = self._values(record)
        session = sessions[record.session] if record.session is not None else None
        return t.TrainingRecord(session=session, **values)

    def _uploads(self, records: list[Record]) -> list[Record]:
        """Certificates uploaded and awaiting a focal point's verification: one at each
        capital, four at Nairobi (two of UNICEF, for its focal points) and a fifth there
        that the FSCO rejected. Each a small PDF of its own in the media storage."""
        planner, rng, today = self.planner, self.rng, self.today
        done = {(r.person, r.course.kind) for r in records if r.dependant is None}
        kinds = (t.CourseKind.SECURITY_AWARENESS, t.CourseKind.STRESS_MANAGEMENT)
        logins = self.logins
        open_at: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for idx, si in enumerate(self.plan.p_station):
            if self.plan.stations[si].is_capital and idx not in logins:
                for kind in kinds:
                    if (idx, kind) not in done and self.inserted.people[idx].arrived_on <= today:
                        open_at[si].append((idx, kind))
        uploads: list[Record] = []
        for si, candidates in sorted(open_at.items()):
            picked = []
            if si == NAIROBI:
                unicef = [c for c in candidates if planner.org_of[c[0]] == "unicef"]
                picked = rng.sample(unicef, min(2, len(unicef)))
            rest = [c for c in candidates if c not in picked]
            wanted = (5 if si == NAIROBI else 1) - len(picked)
            picked += rng.sample(rest, min(wanted, len(rest)))
            for n, (idx, kind) in enumerate(picked):
                completed = today - days(between(rng, 2, 30))
                record = Record(idx, None, planner.counting[kind][0], completed, UPLOAD)
                record.status = t.RecordStatus.PENDING
                if self.plan.stations[si].country == KENYA and n == len(picked) - 1:
                    record.status = t.RecordStatus.REJECTED
                    record.rejection_reason = data.REJECTION_REASONS[n % 2]
                    record.verified_by = self.fsco
                record.evidence = self._evidence(record)
                uploads.append(record)
        return uploads

    def _evidence(self, record: Record) -> str:
        person = self.inserted.people[record.person]
        pdf = sample_certificate_pdf(
            [
                "CERTIFICATE OF COMPLETION",
                record.course.title,
                f"Completed on {record.completed_on.isoformat()}",
                f"Index number {person.index_number}",
            ]
        )
        # Named as uploads are stored (accountability.core.uploads.stored_name).
        name = stored_name("application/pdf", hashlib.sha256(pdf).hexdigest())
        return default_storage.save(
            f"training/evidence/{record.completed_on.year}/{name}", ContentFile(pdf)
        )

    # -- sessions, briefings, tests ----------------------------------------------------------

    def _sessions(self, planned: list[Session]) -> list[t.TrainingSession]:
        people = self.inserted.people
        rows = [
            t.TrainingSession(
                organization_id=people[session.trainer].organization_id,
                course=session.course,
                duty_station=self.inserted.stations[session.station],
                trainer=people[session.trainer],
                held_on=session.held_on,
                place=session.place,
                attendance_marked_at=at(session.held_on, 17) if session.marked else None,
                created_by=self.fsco,
            )
            for session in planned
        ]
        return t.TrainingSession.objects.bulk_create(rows)

    def _participants(self, planned: list[Session], sessions: list[t.TrainingSession]) -> int:
        people = self.inserted.people
        rows = [
            t.SessionParticipant(
                session=row,
                organization_id=people[person].organization_id,
                person=people[person],
                attended=attended,
            )
            for session, row in zip(planned, sessions, strict=True)
            for person, attended in session.participants
        ]
        t.SessionParticipant.objects.bulk_create(rows)
        return len(rows)

    def _briefings(self, attendances: list[Attendance], records: dict) -> tuple[int, int]:
        """One briefing per Kenyan duty station and day, given by its FSCO (¶10(j), ¶33)."""
        people, stations = self.inserted.people, self.inserted.stations
        course = self.planner.courses["BRIEF"]
        days = sorted({(a.station, a.given_on) for a in attendances})
        briefings = t.Briefing.objects.bulk_create(
            [
                t.Briefing(
                    organization_id=people[self.planner.station_fsco(si)].organization_id,
                    duty_station=stations[si],
                    course=course,
                    given_on=given_on,
                    given_by=people[self.planner.station_fsco(si)],
                    version=f"{given_on.year}.{(given_on.month - 1) // 3 + 1}",
                    content=data.BRIEFING_CONTENT,
                    created_by=self.fsco,
                )
                for si, given_on in days
            ]
        )
        by_day = dict(zip(days, briefings, strict=True))
        acknowledger = {}
        for login, idx in self.plan.logins.items():
            acknowledger[idx] = self.inserted.users.get(login)
        rows = []
        for attendance in attendances:
            briefing = by_day[(attendance.station, attendance.given_on)]
            person = people[attendance.person]
            for dependant in [None, *attendance.dependants]:
                record = None
                if attendance.acknowledged:
                    record = records[
                        (
                            attendance.person,
                            dependant.pk if dependant else None,
                            "BRIEF",
                            attendance.given_on,
                        )
                    ]
                rows.append(
                    t.BriefingAttendee(
                        briefing=briefing,
                        organization_id=person.organization_id,
                        person=person,
                        dependant=dependant,
                        acknowledged_at=at(attendance.given_on, 16)
                        if attendance.acknowledged
                        else None,
                        acknowledged_by=acknowledger.get(attendance.person)
                        if attendance.acknowledged
                        else None,
                        record=record,
                    )
                )
        t.BriefingAttendee.objects.bulk_create(rows)
        return len(briefings), len(rows)

    def _attempts(self, linked: list[Record], objects: list[t.TrainingRecord]) -> int:
        """The demo logins' tests (¶32): the passed attempt behind each online completion,
        and the demo staff member's failed first attempt at the basic course."""
        rng = self.rng
        logins = set(self.plan.logins.values())
        # course -> [(question, right choice, a wrong choice)], in a fixed order
        bank: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        choices: dict[int, dict[bool, int]] = defaultdict(dict)
        questions = {}
        for question_id, course_id, choice_id, correct in (
            t.Choice.objects.filter(question__is_active=True)
            .order_by("question_id", "position", "pk")
            .values_list("question_id", "question__course_id", "pk", "is_correct")
        ):
            choices[question_id].setdefault(correct, choice_id)
            questions[question_id] = course_id
        for question_id, course_id in questions.items():
            bank[course_id].append(
                (question_id, choices[question_id][True], choices[question_id][False])
            )
        rows = []

        def attempt(idx: int, course: t.Course, day: dt.date, right: int | None, record=None):
            drawn = rng.sample(bank[course.pk], questions_asked(course, len(bank[course.pk])))
            if right is None:  # failed: half right
                right = len(drawn) // 2
            order = list(range(len(drawn)))
            rng.shuffle(order)
            wrong = set(order[right:])
            person = self.inserted.people[idx]
            score = round(100 * right / len(drawn))
            rows.append(
                t.TestAttempt(
                    organization_id=person.organization_id,
                    person=person,
                    course=course,
                    questions=[q for q, _right, _wrong in drawn],
                    answers={
                        str(q): bad if n in wrong else good
                        for n, (q, good, bad) in enumerate(drawn)
                    },
                    started_at=at(day, 9),
                    submitted_at=at(day, 9) + dt.timedelta(minutes=25),
                    score=score,
                    passed=score >= course.pass_mark,
                    record=record,
                )
            )

        for record, obj in zip(linked, objects, strict=True):
            if record.person in logins and record.source == ONLINE_TEST:
                asked = questions_asked(record.course, len(bank[record.course.pk]))
                attempt(
                    record.person,
                    record.course,
                    record.completed_on,
                    round(record.score * asked / 100),
                    obj,
                )
        staff = self.plan.logins["staff.nairobi"]
        attempt(staff, self.planner.courses["BSITF"], self.today - days(1), None)
        t.TestAttempt.objects.bulk_create(rows)
        return len(rows)
