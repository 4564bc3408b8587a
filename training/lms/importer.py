"""Importing an LMS export of completions for one organization (the service).

Every row is validated and every error collected (row, column, message); any error and nothing
is written. Otherwise one transaction inserts the new completions in bulk, as verified by the
importer (a verifier of the organization's training, see ``rights``), with their certificates
(¶27), and skips the rows already recorded, so re-importing a file writes nothing. The number
of queries does not depend on the number of rows: one read of the people, one of their
dependants, one of the courses, one of the completions already recorded, one INSERT of the
completions and one of the certificates (per 1,000 rows). The certificates are rendered after
the commit by ``training.tasks.render_certificate``, sent in chunks of
``CERTIFICATE_CHUNK`` ids per message (Celery's ``chunks``), not one message per row. The
audit trail comes from pghistory's triggers, which record bulk inserts too; the writes carry
the importer and the source "import:lms".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core.audit import audit_context
from accountability.core.imports import FileRejected, ImportInvalid, RowChecks, read_upload
from actors.models import Dependant, Person
from training.models import (
    Certificate,
    Course,
    CourseKind,
    RecordSource,
    RecordStatus,
    TrainingRecord,
)
from training.services.records import valid_until

from . import columns as c
from .rights import verifiable_q

AUDIT_SOURCE = "import:lms"
BATCH_SIZE = 1000
# A chunk of certificates renders in one task, one after the other (about a second each).
CERTIFICATE_CHUNK = 50
ROWS_SHOWN = 200
ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
SCORE = re.compile(r"^(\d{1,3})(?:\.0+)?\s*%?$")


class RecordsImportInvalid(ImportInvalid):
    """The file was refused or some rows are bad; nothing was written."""


@dataclasses.dataclass
class ImportResult:
    dry_run: bool
    rows: int
    created: int
    already_recorded: int
    certificates: int
    # Rows of the file whose completion was already recorded (the first ROWS_SHOWN).
    already_recorded_rows: list[int]

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def records_import(*, actor, organization, upload, dry_run: bool = False) -> ImportResult:
    """Import ``upload`` as completions of ``organization``'s people; all or nothing.

    Raises ``PermissionDenied`` when ``actor`` verifies no one's training in ``organization``
    (views answer 404) and ``RecordsImportInvalid`` with every error when the file or any row
    is bad.
    """
    # Read the importer's rights once (outside a request scoping reads them on every call).
    verifiable = verifiable_q(actor)
    if not Person.objects.filter(verifiable, organization=organization).exists():
        raise PermissionDenied
    try:
        sheet = read_upload(upload, columns=c.COLUMNS, required=c.REQUIRED_COLUMNS)
    except FileRejected as exc:
        raise RecordsImportInvalid.of_file(exc.message) from None
    try:
        with audit_context(user=actor, source=AUDIT_SOURCE), transaction.atomic():
            _lock(organization)
            plan = _Plan(actor, organization, sheet, verifiable)
            plan.validate()
            if plan.errors:
                raise RecordsImportInvalid(plan.sorted_errors())
            result = plan.result(dry_run)
            if not dry_run:
                plan.write()
            return result
    except IntegrityError:
        # The same completion was recorded by someone else meanwhile; nothing was written.
        raise RecordsImportInvalid.of_file(
            _("The records changed while importing; try again.")
        ) from None


def _lock(organization) -> None:
    # Two imports of the same file would both insert the same completions: serialize them, so
    # that the second one finds them recorded and writes nothing.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext('training-lms-import'), %s)",
            [organization.pk % 2**31],
        )


@dataclasses.dataclass
class _Row:
    number: int
    index: str
    dependant: str
    course: str
    completed_on: dt.date | None
    score: int | None
    external_reference: str


class _Plan(RowChecks):
    """Validated rows and what to write for them."""

    columns = c.COLUMNS
    max_lengths = c.MAX_LENGTHS

    def __init__(self, actor, organization, sheet, verifiable):
        super().__init__()
        self.actor = actor
        self.verifiable = verifiable
        self.organization = organization
        self.sheet = sheet
        self.today = timezone.localdate()
        self.rows: list[_Row] = []
        # New completions, each with the language of its certificate (the person's).
        self.to_create: list[tuple[TrainingRecord, str]] = []
        self.existing_rows: list[int] = []

    # --- validation, row by row --------------------------------------------------------------
    def validate(self) -> None:
        for number, values in self.checked_rows(self.sheet):
            self.rows.append(
                _Row(
                    number=number,
                    index=self._text(number, values, "index_number", required=True),
                    dependant=self._text(number, values, "dependant"),
                    course=self._text(number, values, "course_code", required=True),
                    completed_on=self._date(number, values.get("completed_on", "")),
                    score=self._score(number, values.get("score", "")),
                    external_reference=self._text(number, values, "external_reference"),
                )
            )
        self._resolve()

    def _date(self, number, value: str) -> dt.date | None:
        if not value:
            self.error(number, "completed_on", _("This field is required."))
            return None
        try:
            if match := ISO_DATE.match(value):
                date = dt.date.fromisoformat(match.group(1))
            elif match := DMY_DATE.match(value):
                day, month, year = (int(part) for part in match.groups())
                date = dt.date(year, month, day)
            else:
                raise ValueError
        except ValueError:
            self.error(number, "completed_on", _("Enter the date as YYYY-MM-DD or DD/MM/YYYY."))
            return None
        if date > self.today:
            self.error(number, "completed_on", _("The date of completion is in the future."))
            return None
        return date

    def _score(self, number, value: str) -> int | None:
        if not value:
            return None
        match = SCORE.match(value)
        if match is None or int(match.group(1)) > 100:
            self.error(number, "score", _("Enter a whole number from 0 to 100."))
            return None
        return int(match.group(1))

    # --- against the database: one query per kind of row, whatever the number of rows ---------
    def _resolve(self) -> None:
        indexes = {row.index for row in self.rows if row.index}
        # Only people the importer may verify, never the importer's own person; anyone else
        # in the organization, or in another, is "unknown" (the same as a 404).
        people = {
            person.index_number: person
            for person in Person.objects.filter(
                self.verifiable | Q(user_id=self.actor.pk),
                organization=self.organization,
                index_number__in=sorted(indexes),
            ).only("id", "index_number", "user_id", "language", "organization_id")
        }
        dependants: dict[tuple[int, str], list[Dependant]] = {}
        if any(row.dependant for row in self.rows) and people:
            for dependant in Dependant.objects.filter(
                person_id__in=sorted(p.pk for p in people.values())
            ).only("id", "person_id", "given_names"):
                key = (dependant.person_id, dependant.given_names.casefold())
                dependants.setdefault(key, []).append(dependant)
        codes = {row.course.upper() for row in self.rows if row.course}
        courses = {
            course.code_upper: course
            for course in Course.objects.annotate(code_upper=Upper("code")).filter(
                code_upper__in=sorted(codes)
            )
        }

        keys: dict[tuple, int] = {}
        resolved: list[tuple[_Row, Person, Dependant | None, Course]] = []
        for row in self.rows:
            person = people.get(row.index) if row.index else None
            if row.index and person is None:
                self.error(
                    row.number,
                    "index_number",
                    _(
                        "Unknown index number: no person of %(organization)s whose training "
                        "you verify."
                    )
                    % {"organization": self.organization.code.upper()},
                )
            elif person is not None and person.user_id == self.actor.pk:
                person = None
                self.error(
                    row.number,
                    "index_number",
                    _("This is your own completion: another focal point records it."),
                )
            dependant = None
            if person is not None and row.dependant:
                found = dependants.get((person.pk, row.dependant.casefold()), [])
                if len(found) == 1:
                    dependant = found[0]
                else:
                    self.error(
                        row.number,
                        "dependant",
                        _("No dependant of this person has these given names.")
                        if not found
                        else _("Several dependants of this person have these given names."),
                    )
                    person = None
            course = courses.get(row.course.upper()) if row.course else None
            if row.course and course is None:
                self.error(row.number, "course_code", _("No course has this code."))
            elif course is not None and course.kind == CourseKind.ARRIVAL_BRIEFING:
                self.error(
                    row.number,
                    "course_code",
                    _(
                        "Arrival briefings are acknowledged in writing by the person (¶33), "
                        "not imported."
                    ),
                )
                course = None
            if person is None or course is None or row.completed_on is None:
                continue
            key = (person.pk, dependant.pk if dependant else None, course.pk, row.completed_on)
            if key in keys:
                self.error(
                    row.number,
                    "completed_on",
                    _("This completion is already on row %(row)s.") % {"row": keys[key]},
                )
                continue
            keys[key] = row.number
            resolved.append((row, person, dependant, course))
        if self.errors or not resolved:
            return
        existing = set(
            TrainingRecord.objects.filter(
                person_id__in=sorted({person.pk for _row, person, _d, _c in resolved}),
                course_id__in=sorted({course.pk for _row, _p, _d, course in resolved}),
                completed_on__range=(
                    min(row.completed_on for row, *_rest in resolved),
                    max(row.completed_on for row, *_rest in resolved),
                ),
            ).values_list("person_id", "dependant_id", "course_id", "completed_on")
        )
        now = timezone.now()
        for row, person, dependant, course in resolved:
            if (person.pk, dependant.pk if dependant else None, course.pk, row.completed_on) in (
                existing
            ):
                self.existing_rows.append(row.number)
                continue
            # Ids rather than objects: constructing 20,000 rows, the descriptors cost seconds.
            self.to_create.append(
                (
                    TrainingRecord(
                        organization_id=person.organization_id,
                        person_id=person.pk,
                        dependant_id=dependant.pk if dependant else None,
                        course_id=course.pk,
                        completed_on=row.completed_on,
                        valid_until=valid_until(course, row.completed_on),
                        source=RecordSource.IMPORT,
                        status=RecordStatus.VERIFIED,
                        score=row.score,
                        external_reference=row.external_reference,
                        recorded_by_id=self.actor.pk,
                        verified_by_id=self.actor.pk,
                        verified_at=now,
                    ),
                    person.language,
                )
            )

    # --- the plan ----------------------------------------------------------------------------
    def result(self, dry_run: bool) -> ImportResult:
        return ImportResult(
            dry_run=dry_run,
            rows=len(self.rows),
            created=len(self.to_create),
            already_recorded=len(self.existing_rows),
            # Every verified completion yields a certificate (¶27); briefings are refused above.
            certificates=len(self.to_create),
            already_recorded_rows=self.existing_rows[:ROWS_SHOWN],
        )

    def write(self) -> None:
        if not self.to_create:
            return
        # PostgreSQL returns the new ids, set on the same objects.
        TrainingRecord.objects.bulk_create(
            [record for record, _language in self.to_create], batch_size=BATCH_SIZE
        )
        certificates = Certificate.objects.bulk_create(
            [
                Certificate(record_id=record.pk, language=language)
                for record, language in self.to_create
            ],
            batch_size=BATCH_SIZE,
        )
        ids = [certificate.pk for certificate in certificates]
        transaction.on_commit(lambda: enqueue_renders(ids))


def enqueue_renders(certificate_ids: list[int]) -> None:
    """Render the certificates in chunks: one message per CERTIFICATE_CHUNK certificates.

    Each render locks its row and skips a rendered certificate, so a chunk redelivered after a
    crash (acks_late) renders only what is left.
    """
    from training.tasks import render_certificate

    render_certificate.chunks([(pk,) for pk in certificate_ids], CERTIFICATE_CHUNK).apply_async()
