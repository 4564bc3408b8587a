"""The world the training pages' tests share: a capital with its FSCO, a country
representative, staff members with and without logins and dependants, a station elsewhere,
and helpers to read pages. Imported by the test_web_* modules (no tests of its own)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actors.tests.factories import (
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_upload(name="certificate.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def web_world(db):
    """Nairobi (capital of Kenya) with a UNDP FSCO and a UNICEF country representative;
    Mary (UNICEF, with a login and a child), Otieno (UNICEF, no login), Wanjiru (UNDP);
    Kamau (UNICEF) at a station of another country, whom the representative does not see."""
    today = timezone.localdate()
    country = CountryFactory(name="Kenya")
    nairobi = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    elsewhere = DutyStationFactory(country=CountryFactory(name="Uganda"), name="Kampala")
    undp, unicef = OrganizationFactory(code="undp"), OrganizationFactory(code="unicef")
    fsco = user_with_role("fsco", nairobi, organization=undp, username="fsco")
    rep = user_with_role(
        "country_representative",
        country,
        organization=unicef,
        duty_station=nairobi,
        username="rep",
    )
    mary_user = UserFactory(organization=unicef, username="mary")
    mary = PersonFactory(
        organization=unicef,
        duty_station=nairobi,
        user=mary_user,
        family_name="Achieng",
        given_names="Mary",
        arrived_on=today - dt.timedelta(days=10),
    )
    child = DependantFactory(person=mary, family_name="Achieng", given_names="Amani")
    otieno = PersonFactory(
        organization=unicef, duty_station=nairobi, family_name="Otieno", given_names="Peter"
    )
    wanjiru = PersonFactory(
        organization=undp, duty_station=nairobi, family_name="Wanjiru", given_names="Grace"
    )
    kamau = PersonFactory(
        organization=unicef, duty_station=elsewhere, family_name="Kamau", given_names="John"
    )
    return {
        "today": today,
        "country": country,
        "nairobi": nairobi,
        "elsewhere": elsewhere,
        "undp": undp,
        "unicef": unicef,
        "fsco": fsco,
        "rep": rep,
        "mary_user": mary_user,
        "mary": mary,
        "child": child,
        "otieno": otieno,
        "wanjiru": wanjiru,
        "kamau": kamau,
    }


def xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
