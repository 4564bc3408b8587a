"""Reading uploaded spreadsheets (CSV or XLSX) into rows of text, and checking their rows.

Every import of a spreadsheet (staff lists, LMS exports) goes through here, so that one set of
rules holds for all: the upload is a CSV (UTF-8, delimiter sniffed) or XLSX file (no macros, no
zip bombs, cells as text) of at most ``STAFF_LIST_MAX_BYTES`` bytes and ``STAFF_LIST_MAX_ROWS``
rows, whose first row names the columns. ``read_upload`` turns its first sheet into
``{column: text}`` rows numbered as a spreadsheet shows them (the header is row 1); only the
columns differ from one import to another. Whether the values make sense is each importer's
business; ``RowChecks`` holds the checks they all make (extra cells, formulas, lengths).

An upload's word about itself is not trusted: an XLSX of 5 KB may declare its sheet as
``A1:XFD1048576`` (16,384 columns by a million rows), and openpyxl would fill every one of those
cells in. So reading ignores the declared size, reads only the header's columns (and one more,
to report rows running past them), stops after ``BLANK_RUN_END`` empty rows in a row, counts
empty rows between filled ones toward ``STAFF_LIST_MAX_ROWS``, and gives up after
``STAFF_LIST_MAX_READ_SECONDS`` (issue 10, item 11).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import time
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .exports import FORMULA_PREFIXES

EXTENSIONS = (".csv", ".xlsx")
# An XLSX is a zip; refuse archives that inflate far beyond the upload limit (zip bombs).
MAX_INFLATION = 30
# Exports escape formula-like text with a leading apostrophe (``exports.neutralize_formula``).
ESCAPED = tuple("'" + prefix for prefix in FORMULA_PREFIXES)
# This many empty rows in a row end the sheet: what follows is formatting, not a list.
BLANK_RUN_END = 100


class FileRejected(Exception):
    """The upload is not a spreadsheet we can read; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclasses.dataclass
class Sheet:
    columns: tuple[str, ...]
    # (row number as a spreadsheet shows it, {column: stripped text}, cells beyond the header)
    rows: list[tuple[int, dict[str, str], bool]]


def read_upload(upload: Any, *, columns: Iterable[str], required: Iterable[str]) -> Sheet:
    """Read a Django ``UploadedFile`` (or anything with ``name``, ``size`` and ``read``).

    ``columns`` are the names the first row may use, ``required`` those it must.
    """
    name = (getattr(upload, "name", "") or "").lower()
    max_bytes = settings.STAFF_LIST_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise FileRejected(too_big(max_bytes))
    if not name.endswith(EXTENSIONS):
        raise FileRejected(
            _("Only .csv and .xlsx files are accepted (not macro-enabled or old .xls workbooks).")
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRejected(too_big(max_bytes))
    if not data.strip():
        raise FileRejected(_("The file is empty."))
    deadline = time.monotonic() + settings.STAFF_LIST_MAX_READ_SECONDS
    raw_rows = read_xlsx(data) if name.endswith(".xlsx") else read_csv(data)
    return to_sheet(raw_rows, columns=columns, required=required, deadline=deadline)


def too_big(max_bytes: int) -> str:
    return _("The file is too big: at most %(size)s MB are accepted.") % {
        "size": round(max_bytes / (1024 * 1024), 1)
    }


# --- CSV -------------------------------------------------------------------------------------


def read_csv(data: bytes) -> Iterator[list[str]]:
    if data.startswith(b"PK\x03\x04"):
        raise FileRejected(_("This is a spreadsheet, not a CSV file: save it as .xlsx."))
    if b"\x00" in data:
        raise FileRejected(_("This is not a text file. Save the list as CSV (UTF-8) or XLSX."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            _("The file is not UTF-8 text (byte %(position)s). Save it as 'CSV UTF-8' or as XLSX.")
            % {"position": exc.start + 1}
        ) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to many European locales write ';' between cells.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise FileRejected(
            _("The CSV file is malformed near row %(row)s: %(error)s")
            % {"row": reader.line_num, "error": exc}
        ) from None


# --- XLSX ------------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> Iterator[list[str]]:
    buffer = io.BytesIO(data)
    try:
        archive = zipfile.ZipFile(buffer)
        names = archive.namelist()
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRejected(_("The file is not a valid XLSX workbook.")) from None
    if "xl/workbook.xml" not in names:
        raise FileRejected(_("The file is not a valid XLSX workbook."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRejected(_("Workbooks with macros are refused. Save it as a plain .xlsx file."))
    if inflated > settings.STAFF_LIST_MAX_BYTES * MAX_INFLATION:
        raise FileRejected(_("The workbook unpacks to too much data."))
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(buffer, read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise FileRejected(_("The workbook has no sheet."))
                sheet = workbook.worksheets[0]
                # The declared <dimension> would make openpyxl pad every row to its width and
                # yield every row up to its height: a 5 KB file declaring A1:XFD1048576 kept a
                # worker busy for half an hour. Only cells actually in the file are read.
                sheet.reset_dimensions()
                header = [
                    cell_text(value)
                    for value in next(sheet.iter_rows(max_row=1, values_only=True), ())
                ]
                while header and not header[-1].strip():
                    header.pop()
                yield header
                # Formula cells give their last computed value (data_only); a formula never
                # computed reads as empty, so a sheet of formulas alone is "no rows". One column
                # past the header is read so that a row running past it is still reported.
                for row in sheet.iter_rows(min_row=2, max_col=len(header) + 1, values_only=True):
                    yield [cell_text(value) for value in row]
            finally:
                workbook.close()
    except FileRejected:
        raise
    except Exception:  # noqa: BLE001 - any parser failure on untrusted input is "malformed"
        raise FileRejected(_("The workbook could not be read; it may be damaged.")) from None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- Rows ------------------------------------------------------------------------------------


def header_name(value: str) -> str:
    return value.strip().lstrip("\ufeff").strip().lower().replace(" ", "_")


def to_sheet(
    raw_rows: Iterable[Any],
    *,
    columns: Iterable[str],
    required: Iterable[str],
    deadline: float | None = None,
) -> Sheet:
    """The rows under a header naming some of ``columns`` and all of ``required``.

    Reading ends at ``BLANK_RUN_END`` empty rows in a row; empty rows before a filled one
    count toward the row limit; past ``deadline`` (``time.monotonic()``) the file is refused.
    """
    max_rows = settings.STAFF_LIST_MAX_ROWS
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None:
        raise FileRejected(_("The file is empty."))
    names = [header_name(cell) for cell in header]
    named = [name for name in names if name]
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        raise FileRejected(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    unknown = [name for name in named if name not in columns]
    if unknown:
        raise FileRejected(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(columns)}
        )
    missing = [name for name in required if name not in named]
    if missing:
        raise FileRejected(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    blank_run = 0
    for number, cells in enumerate(iterator, start=2):
        if deadline is not None and time.monotonic() > deadline:
            raise FileRejected(
                _(
                    "Reading the file took too long (over %(seconds)s seconds). Remove its "
                    "empty rows and columns, or save it as CSV, and try again."
                )
                % {"seconds": settings.STAFF_LIST_MAX_READ_SECONDS}
            )
        if not any(cell.strip() for cell in cells):
            blank_run += 1
            if blank_run >= BLANK_RUN_END:
                break
            continue
        blank_run = 0
        # The row's position, not the count of filled rows: empty rows cost reading time too.
        if number - 1 > max_rows:
            raise FileRejected(
                _("The file has more than %(max)s rows; split it or ask for a bigger limit.")
                % {"max": max_rows}
            )
        values = {}
        extra = False
        for index, cell in enumerate(cells):
            name = names[index] if index < len(names) else ""
            if name:
                values[name] = cell.strip()
            elif cell.strip():
                extra = True
        rows.append((number, values, extra))
    if not rows:
        raise FileRejected(_("The file has a header but no rows."))
    return Sheet(columns=tuple(named), rows=rows)


# --- Checking rows ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RowError:
    row: int | None
    field: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": str(self.message)}


class ImportInvalid(Exception):
    """The file was refused or some rows are bad; nothing was written."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors

    @classmethod
    def of_file(cls, message: str) -> ImportInvalid:
        """The whole file is refused, for ``message``."""
        return cls([RowError(None, "file", message)])


def unescape(value: str) -> str:
    return value[1:] if value.startswith(ESCAPED) else value


class RowChecks:
    """The errors of an import's rows, and the checks every spreadsheet import makes.

    A subclass sets ``columns`` (the order errors are reported in) and ``max_lengths``.
    """

    columns: tuple[str, ...] = ()
    max_lengths: dict[str, int] = {}

    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def error(self, row: int | None, field: str | None, message: Any) -> None:
        self.errors.append(RowError(row, field, message))

    def sorted_errors(self) -> list[RowError]:
        """By row, then by column in the format's order (errors of the whole row first)."""

        def order(error: RowError) -> tuple[int, int]:
            column = self.columns.index(error.field) if error.field in self.columns else -1
            return (error.row or 0, column)

        return sorted(self.errors, key=order)

    def checked_rows(self, sheet: Sheet) -> Iterator[tuple[int, dict[str, str]]]:
        """The sheet's rows as ``(number, values)``, having reported cells beyond the header
        and formulas; the apostrophe that exports put before formula-like text is taken off."""
        for number, values, extra in sheet.rows:
            if extra:
                self.error(number, None, _("This row has more cells than the header has columns."))
            for key, value in values.items():
                if value.startswith("="):
                    self.error(
                        number,
                        key,
                        _(
                            "Looks like a spreadsheet formula. Type an apostrophe before '=' "
                            "to keep it as text."
                        ),
                    )
            yield number, {key: unescape(value) for key, value in values.items()}

    def _text(
        self, number: int, values: dict[str, str], name: str, *, required: bool = False
    ) -> str:
        value = values.get(name, "")
        if required and not value:
            self.error(number, name, _("This field is required."))
        limit = self.max_lengths.get(name)
        if limit and len(value) > limit:
            self.error(
                number,
                name,
                _("At most %(limit)s characters (%(length)s given).")
                % {"limit": limit, "length": len(value)},
            )
        return value
