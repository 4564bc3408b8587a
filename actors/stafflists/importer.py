"""Importing one organization's staff list at one duty station (the service).

The file format and what an import does to the stored list are described in
``actors.stafflists.columns``. In short: every row is validated and every error collected;
any error and nothing is written; otherwise one transaction writes new and changed rows in
bulk (``bulk_create``/``bulk_update``, a constant number of queries however long the file)
and skips rows equal to what is stored, so re-importing a file writes nothing. The audit
trail comes from pghistory's triggers, which record bulk writes too; the writes carry the
actor and the source "import:staff-list".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.audit import audit_context
from accountability.core.imports import (
    FileRejected,
    ImportInvalid,
    RowChecks,
    read_upload,
)
from actors.models import (
    ContractType,
    Dependant,
    Person,
    PersonCategory,
    Relationship,
    WardenZone,
)
from actors.signals import announce_people_left

from . import columns as c

AUDIT_SOURCE = "import:staff-list"
BATCH_SIZE = 1000
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TRUE = {"true", "yes", "y", "1", "oui", "vrai"}
FALSE = {"false", "no", "n", "0", "non", "faux"}
NOT_IN_FILE_SHOWN = 200


class StaffListInvalid(ImportInvalid):
    """The file was refused or some rows are bad; nothing was written."""


@dataclasses.dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class ImportResult:
    people: Counts
    dependants: Counts
    dry_run: bool
    # Index numbers of the station's people whom the file did not name (left untouched).
    not_in_file: list[str]
    appointments_ended: int = 0

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "people": self.people.as_dict(),
            "dependants": self.dependants.as_dict(),
            "not_in_file": self.not_in_file,
            "appointments_ended": self.appointments_ended,
        }


def stafflist_import(
    *, actor, organization, duty_station, upload, dry_run: bool = False
) -> ImportResult:
    """Import ``upload`` as ``organization``'s list at ``duty_station``; all or nothing.

    Raises ``PermissionDenied`` when ``actor`` does not keep that list (views answer 404) and
    ``StaffListInvalid`` with every error when the file or any row is bad.
    """
    if not scoping.may_create(actor, Person, organization=organization, duty_station=duty_station):
        raise PermissionDenied
    try:
        sheet = read_upload(upload, columns=c.COLUMNS, required=c.REQUIRED_COLUMNS)
    except FileRejected as exc:
        raise StaffListInvalid.of_file(exc.message) from None
    try:
        with audit_context(user=actor, source=AUDIT_SOURCE), transaction.atomic():
            _lock_list(organization, duty_station)
            plan = _Plan(organization, duty_station, sheet)
            plan.validate()
            if plan.errors:
                raise StaffListInvalid(plan.sorted_errors())
            result = plan.result(dry_run)
            if not dry_run:
                result.appointments_ended = plan.write(actor)
            return result
    except IntegrityError:
        # Another import or edit of the same people got there first; nothing was written.
        raise StaffListInvalid.of_file(_("The list changed while importing; try again.")) from None


def _lock_list(organization, duty_station) -> None:
    # Two imports of the same list would both create the same new people: serialize them.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [organization.pk % 2**31, duty_station.pk % 2**31],
        )


def _same(stored, new) -> bool:
    # XLSX (XML) turns "\r\n" into "\n"; addresses typed in browsers are stored with "\r\n".
    if isinstance(stored, str) and isinstance(new, str):
        return stored.replace("\r\n", "\n") == new.replace("\r\n", "\n")
    return stored == new


class _Plan(RowChecks):
    """Validated rows and what to write for them."""

    columns = c.COLUMNS
    max_lengths = c.MAX_LENGTHS

    def __init__(self, organization, duty_station, sheet):
        super().__init__()
        self.organization = organization
        self.duty_station = duty_station
        self.sheet = sheet
        self.present = set(sheet.columns)
        # Without birth_date the file carries no dependants' private details (see columns).
        self.has_private = "birth_date" in self.present
        self.people: dict[str, tuple[int, dict]] = {}  # index -> (row, field values)
        self.dependants: dict[tuple[str, str, str], tuple[int, dict]] = {}
        self.existing: dict[str, Person] = {}
        self.existing_dependants: dict[tuple[int, str, str], Dependant] = {}
        self.to_create: list[Person] = []
        self.to_update: list[Person] = []
        self.deactivated: list[int] = []
        self.dep_to_create: list[tuple[str, Dependant]] = []
        self.dep_to_update: list[Dependant] = []
        self.person_fields: list[str] = []
        self.dependant_fields: list[str] = []

    # --- validation ----------------------------------------------------------------------
    def validate(self) -> None:
        zones = {
            name.casefold(): pk
            for pk, name in WardenZone.objects.filter(duty_station=self.duty_station).values_list(
                "pk", "name"
            )
        }
        for number, values in self.checked_rows(self.sheet):
            record = values.get("record", "").lower()
            if record == c.RECORD_PERSON:
                self._person_row(number, values, zones)
            elif record == c.RECORD_DEPENDANT:
                self._dependant_row(number, values)
            else:
                self.error(number, "record", _("Must be 'person' or 'dependant'."))
        self._check_keys()

    def _choice(self, number, values, name, choices) -> str:
        value = values.get(name, "").lower()
        if not value:
            self.error(number, name, _("This field is required."))
        elif value not in choices.values:
            self.error(
                number,
                name,
                _("'%(value)s' is not one of: %(choices)s.")
                % {"value": values.get(name, ""), "choices": ", ".join(choices.values)},
            )
        return value

    def _bool(self, number, values, name) -> bool:
        value = values.get(name, "").lower()
        if not value or value in TRUE:
            return True
        if value in FALSE:
            return False
        self.error(number, name, _("Must be true or false."))
        return True

    def _person_row(self, number, values, zones) -> None:
        index = self._text(number, values, "index_number", required=True)
        fields = {
            "family_name": self._text(number, values, "family_name", required=True),
            "given_names": self._text(number, values, "given_names", required=True),
            "category": self._choice(number, values, "category", PersonCategory),
            "contract_type": self._choice(number, values, "contract_type", ContractType),
        }
        for name in ("grade", "phone", "radio_call_sign", "residential_address"):
            if name in self.present:
                fields[name] = self._text(number, values, name)
        if "email" in self.present:
            email = self._text(number, values, "email")
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    self.error(number, "email", _("Enter a valid email address."))
            fields["email"] = email
        if "residential_zone" in self.present:
            zone = values.get("residential_zone", "")
            fields["residential_zone_id"] = zones.get(zone.casefold()) if zone else None
            if zone and fields["residential_zone_id"] is None:
                self.error(
                    number,
                    "residential_zone",
                    _("No warden zone '%(zone)s' at %(station)s.")
                    % {"zone": zone, "station": self.duty_station.name},
                )
        if "active" in self.present:
            fields["is_active"] = self._bool(number, values, "active")
        for name in c.DEPENDANT_ONLY:
            if values.get(name):
                self.error(number, name, _("Leave this column empty on person rows."))
        if index in self.people:
            self.error(
                number,
                "index_number",
                _("This index number is already on row %(row)s.") % {"row": self.people[index][0]},
            )
        elif index:
            self.people[index] = (number, fields)

    def _dependant_row(self, number, values) -> None:
        index = self._text(number, values, "index_number", required=True)
        family = self._text(number, values, "family_name", required=True)
        given = self._text(number, values, "given_names", required=True)
        fields = {"relationship": self._choice(number, values, "relationship", Relationship)}
        if self.has_private:
            fields["birth_date"] = self._date(number, values.get("birth_date", ""))
            if "residential_address" in self.present:
                fields["residential_address"] = self._text(number, values, "residential_address")
        if "lives_at_duty_station" in self.present:
            fields["lives_at_duty_station"] = self._bool(number, values, "lives_at_duty_station")
        for name in c.PERSON_ONLY:
            if values.get(name):
                self.error(number, name, _("Leave this column empty on dependant rows."))
        key = (index, family, given)
        if key in self.dependants:
            self.error(
                number,
                "given_names",
                _("This dependant is already on row %(row)s.") % {"row": self.dependants[key][0]},
            )
        elif all(key):
            self.dependants[key] = (number, fields)

    def _date(self, number, value) -> dt.date | None:
        if not value:
            return None
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.error(number, "birth_date", _("Enter the date as YYYY-MM-DD."))
            return None
        if date > timezone.localdate() or date.year < 1900:
            self.error(number, "birth_date", _("This birth date is not plausible."))
        return date

    def _check_keys(self) -> None:
        """Against the database: index numbers elsewhere, dependants' persons."""
        if self.people:
            for person in Person.objects.filter(
                organization=self.organization, index_number__in=list(self.people)
            ):
                if person.duty_station_id != self.duty_station.pk:
                    self.error(
                        self.people[person.index_number][0],
                        "index_number",
                        _(
                            "This index number belongs to %(name)s at another duty station; "
                            "move them on their page first."
                        )
                        % {"name": person},
                    )
                else:
                    self.existing[person.index_number] = person
        for (index, _family, _given), (number, _fields) in self.dependants.items():
            if index not in self.people:
                self.error(
                    number, "index_number", _("No person row with this index number in the file.")
                )
        if self.existing:
            for dependant in Dependant.objects.filter(
                person__in=[person.pk for person in self.existing.values()]
            ):
                key = (dependant.person_id, dependant.family_name, dependant.given_names)
                self.existing_dependants[key] = dependant

    # --- the plan ----------------------------------------------------------------------
    def result(self, dry_run: bool) -> ImportResult:
        people, dependants = Counts(), Counts()
        person_fields: set[str] = set()
        for index, (_number, fields) in self.people.items():
            person = self.existing.get(index)
            if person is None:
                self.to_create.append(
                    Person(
                        organization=self.organization,
                        duty_station=self.duty_station,
                        index_number=index,
                        **fields,
                    )
                )
                people.created += 1
                continue
            changed = {k for k, v in fields.items() if not _same(getattr(person, k), v)}
            if not changed:
                people.unchanged += 1
                continue
            if "is_active" in changed and person.is_active and not fields["is_active"]:
                self.deactivated.append(person.pk)
            for name in changed:
                setattr(person, name, fields[name])
            person_fields |= changed
            self.to_update.append(person)
            people.updated += 1
        self.person_fields = sorted(person_fields)

        dependant_fields: set[str] = set()
        seen: set[int] = set()
        for (index, family, given), (_number, fields) in self.dependants.items():
            person = self.existing.get(index)
            dependant = self.existing_dependants.get((person.pk, family, given)) if person else None
            if dependant is None:
                self.dep_to_create.append(
                    (
                        index,
                        Dependant(
                            organization=self.organization,
                            family_name=family,
                            given_names=given,
                            **fields,
                        ),
                    )
                )
                dependants.created += 1
                continue
            seen.add(dependant.pk)
            changed = {k for k, v in fields.items() if not _same(getattr(dependant, k), v)}
            if not changed:
                dependants.unchanged += 1
                continue
            for name in changed:
                setattr(dependant, name, fields[name])
            dependant_fields |= changed
            self.dep_to_update.append(dependant)
            dependants.updated += 1
        self.dependant_fields = sorted(dependant_fields)
        dependants.not_in_file = sum(
            1 for dependant in self.existing_dependants.values() if dependant.pk not in seen
        )

        missing = Person.objects.filter(
            organization=self.organization, duty_station=self.duty_station
        ).exclude(index_number__in=list(self.people))
        not_in_file = list(
            missing.order_by("index_number").values_list("index_number", flat=True)[
                :NOT_IN_FILE_SHOWN
            ]
        )
        people.not_in_file = (
            len(not_in_file) if len(not_in_file) < NOT_IN_FILE_SHOWN else missing.count()
        )
        # Dependants of people missing from the file are not in the file either.
        dependants.not_in_file += Dependant.objects.filter(person__in=missing).count()
        return ImportResult(
            people=people, dependants=dependants, dry_run=dry_run, not_in_file=not_in_file
        )

    def write(self, actor) -> int:
        now = timezone.now()
        if self.to_create:
            Person.objects.bulk_create(self.to_create, batch_size=BATCH_SIZE)
        if self.to_update:
            for person in self.to_update:
                person.updated_at = now
            Person.objects.bulk_update(
                self.to_update, [*self.person_fields, "updated_at"], batch_size=BATCH_SIZE
            )
        if self.dep_to_create:
            people = {**self.existing, **{p.index_number: p for p in self.to_create}}
            for index, dependant in self.dep_to_create:
                dependant.person_id = people[index].pk
            Dependant.objects.bulk_create(
                [dependant for _index, dependant in self.dep_to_create], batch_size=BATCH_SIZE
            )
        if self.dep_to_update:
            for dependant in self.dep_to_update:
                dependant.updated_at = now
            Dependant.objects.bulk_update(
                self.dep_to_update,
                [*self.dependant_fields, "updated_at"],
                batch_size=BATCH_SIZE,
            )
        return self._end_appointments(actor)

    def _end_appointments(self, actor) -> int:
        """People marked inactive leave their roles, as person_update does (¶17, ¶19)."""
        if not self.deactivated:
            return 0
        deactivated = set(self.deactivated)
        leaving = [person for person in self.to_update if person.pk in deactivated]
        return announce_people_left(actor=actor, people=leaving, reason=_("Left the organization."))
