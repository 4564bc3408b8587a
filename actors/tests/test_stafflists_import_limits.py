"""Spreadsheets that cost more to read than their size says: declared sizes, empty rows, time.

A 5 KB XLSX declaring its sheet as ``A1:XFD1048576`` kept a web worker busy for half an hour
(issue 10, item 11). The reading shared by staff-list and LMS imports
(``accountability.core.imports``) now trusts only the cells in the file.
"""

import io
import itertools
import re
import time
import zipfile

import pytest

from accountability.core.imports import read_xlsx
from actors import models as m
from actors.stafflists.columns import COLUMNS
from actors.tests.api_helpers import client_for
from actors.tests.stafflist_helpers import csv_bytes, person_row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/staff-lists/import/"


def ids(world) -> dict:
    return {"organization": world["a"].pk, "duty_station": world["station"].pk}


def imported() -> list[str]:
    """Index numbers of the people the tests' files name (the fixture has people of its own)."""
    return sorted(
        m.Person.objects.filter(index_number__startswith="0000").values_list(
            "index_number", flat=True
        )
    )


def with_sheet_xml(
    data: bytes, *, dimension: str | None = None, rows: str = "", last_row_ends: str = ""
) -> bytes:
    """The workbook ``data`` with its sheet's declared size replaced, ``last_row_ends`` added
    to its last row and ``rows`` appended."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                if dimension:
                    content = re.sub(
                        rb'<dimension ref="[^"]*" ?/>',
                        f'<dimension ref="{dimension}"/>'.encode(),
                        content,
                    )
                content = content.replace(
                    b"</row></sheetData>",
                    f"{last_row_ends}</row>{rows}</sheetData>".encode(),
                )
            target.writestr(info.filename, content)
    return out.getvalue()


def inline_row(number: int, column: str, text: str) -> str:
    return (
        f'<row r="{number}"><c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c></row>'
    )


def bomb() -> bytes:
    """A header, one person, and the last row of a sheet declared 16,384 columns wide."""
    return with_sheet_xml(
        xlsx_bytes([person_row("00001")]),
        dimension="A1:XFD1048576",
        rows=inline_row(1048576, "A", "person"),
    )


def test_a_sheet_declaring_a_million_rows_by_16384_columns_is_read_in_a_moment(lists):
    data = bomb()
    assert len(data) < 6000
    # Only the header's columns are read (one more, to report rows running past them)...
    rows = list(itertools.islice(read_xlsx(data), 200))
    assert {len(row) for row in rows[1:]} == {len(COLUMNS) + 1}
    # ...and the empty rows up to the declared last one are not walked through.
    started = time.monotonic()
    response = client_for(lists["rep_a"]).post(
        IMPORT, {**ids(lists), "file": upload(data, "list.xlsx")}, format="multipart"
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200, response.content
    assert response.json()["people"]["created"] == 1
    assert imported() == ["00001"]


def test_reading_ends_after_a_long_run_of_empty_rows(lists):
    # 99 empty rows between two people are a gap in the list; 100 end it.
    data = with_sheet_xml(
        xlsx_bytes([person_row("00001")]),
        rows=inline_row(102, "A", "person") + inline_row(203, "A", "person"),
    )
    rows = list(read_xlsx(data))
    assert len(rows) == 203
    api = client_for(lists["rep_a"])
    response = api.post(
        IMPORT, {**ids(lists), "file": upload(data, "list.xlsx")}, format="multipart"
    )
    # Row 102 is read (and is bad: no index number); row 203, past 100 empty rows, is not.
    assert response.status_code == 400
    assert {e["row"] for e in response.json()["errors"]} == {102}
    assert imported() == []


def test_empty_rows_count_toward_the_row_limit(lists, settings):
    settings.STAFF_LIST_MAX_ROWS = 3
    rows = [person_row("00001"), {}, {}, {}, person_row("00002")]
    response = client_for(lists["rep_a"]).post(
        IMPORT, {**ids(lists), "file": upload(csv_bytes(rows))}, format="multipart"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "file" and "more than 3 rows" in error["detail"]
    assert imported() == []
    # Empty rows after the last person do not: a list of exactly the limit goes in.
    rows = [person_row("00001"), person_row("00002"), person_row("00003"), {}, {}]
    response = client_for(lists["rep_a"]).post(
        IMPORT, {**ids(lists), "file": upload(csv_bytes(rows))}, format="multipart"
    )
    assert response.status_code == 200, response.content
    assert response.json()["people"]["created"] == 3


def test_a_sheet_taking_too_long_to_read_is_refused(lists, settings):
    settings.STAFF_LIST_MAX_READ_SECONDS = 0
    data = xlsx_bytes([person_row("00001")])
    response = client_for(lists["rep_a"]).post(
        IMPORT, {**ids(lists), "file": upload(data, "list.xlsx")}, format="multipart"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "file" and "took too long" in error["detail"]
    assert imported() == []


def test_a_cell_just_past_the_header_is_still_reported(lists):
    from openpyxl.utils import get_column_letter

    column = get_column_letter(len(COLUMNS) + 1)
    data = with_sheet_xml(
        xlsx_bytes([person_row("00001")]),
        dimension="A1:XFD1048576",
        last_row_ends=f'<c r="{column}2" t="inlineStr"><is><t>stray</t></is></c>',
    )
    response = client_for(lists["rep_a"]).post(
        IMPORT, {**ids(lists), "file": upload(data, "list.xlsx")}, format="multipart"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "row 2" and "more cells than the header" in error["detail"]
