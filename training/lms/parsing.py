"""Reading an uploaded LMS export into rows of text, refusing what is not one.

The byte-level readers (CSV in UTF-8 with its delimiter sniffed, XLSX without macros and
without zip bombs, cells as text) are the staff-list importer's, and so are the size and row
limits (STAFF_LIST_MAX_BYTES, STAFF_LIST_MAX_ROWS): one set of rules for every upload of a
spreadsheet. Only the columns differ (``training.lms.columns``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from actors.stafflists.parsing import (
    EXTENSIONS,
    FileRejected,
    Sheet,
    _header_name,
    _read_csv,
    _read_xlsx,
    _too_big,
)

from .columns import COLUMNS, REQUIRED_COLUMNS

__all__ = ["FileRejected", "Sheet", "read_upload"]


def read_upload(upload) -> Sheet:
    """Read a Django ``UploadedFile`` (or anything with ``name``, ``size`` and ``read``)."""
    name = (getattr(upload, "name", "") or "").lower()
    max_bytes = settings.STAFF_LIST_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise FileRejected(_too_big(max_bytes))
    if not name.endswith(EXTENSIONS):
        raise FileRejected(
            _("Only .csv and .xlsx files are accepted (not macro-enabled or old .xls workbooks).")
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRejected(_too_big(max_bytes))
    if not data.strip():
        raise FileRejected(_("The file is empty."))
    return _to_sheet(_read_xlsx(data) if name.endswith(".xlsx") else _read_csv(data))


def _to_sheet(raw_rows) -> Sheet:
    max_rows = settings.STAFF_LIST_MAX_ROWS
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None:
        raise FileRejected(_("The file is empty."))
    names = [_header_name(cell) for cell in header]
    named = [name for name in names if name]
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        raise FileRejected(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)}
        )
    unknown = [name for name in named if name not in COLUMNS]
    if unknown:
        raise FileRejected(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in named]
    if missing:
        raise FileRejected(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, cells in enumerate(iterator, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= max_rows:
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
