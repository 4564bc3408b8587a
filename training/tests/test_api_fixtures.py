"""The world the training API tests share (imported by the other test_api_* modules; no tests
of its own).

Kenya: Nairobi (the capital) and Kisumu; UNDP and UNICEF. Managers: the FSCO at Nairobi
(UNDP; every organization there), UNICEF's country focal point at Nairobi (its own people
there), UNDP's HQ focal point (UNDP everywhere) and UNSECOORD. Staff, as logins whose
``.person`` is the person: alice (UNDP, Nairobi, a child at the station), ben (UNICEF,
Nairobi) and carl (UNDP, Kisumu). Plus the root conftest's outsider, who must see nothing.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from actors.tests.factories import (
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    unsecoord_org,
    user_with_role,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_file(name: str = "certificate.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def staff(organization, station, username: str, **kwargs):
    """A member of personnel with a login (the login; ``user.person`` is the person)."""
    user = UserFactory(organization=organization, username=username)
    PersonFactory(organization=organization, duty_station=station, user=user, **kwargs)
    return user


def build_world(outsider) -> dict:
    kenya = CountryFactory(name="Kenya", iso_code="KE")
    nairobi = DutyStationFactory(country=kenya, name="Nairobi", is_capital=True)
    kisumu = DutyStationFactory(country=kenya, name="Kisumu")
    undp = OrganizationFactory(code="undp")
    unicef = OrganizationFactory(code="unicef")
    unsecoord = unsecoord_org()
    w = {
        "kenya": kenya,
        "nairobi": nairobi,
        "kisumu": kisumu,
        "undp": undp,
        "unicef": unicef,
        "outsider": outsider,
        "fsco": user_with_role("fsco", nairobi, organization=undp, username="fsco"),
        "cfp": user_with_role("country_focal_point", nairobi, organization=unicef, username="cfp"),
        "hq": user_with_role("hq_focal_point", undp, organization=undp, duty_station=nairobi),
        "unsecoord": user_with_role(
            "unsecoord", unsecoord, organization=unsecoord, username="unsecoord"
        ),
        "alice": staff(undp, nairobi, "alice"),
        "ben": staff(unicef, nairobi, "ben"),
        "carl": staff(undp, kisumu, "carl"),
    }
    w["child"] = DependantFactory(person=w["alice"].person, given_names="Zoe")
    return w


def people_at(station, organization, n: int) -> list:
    """More staff without logins, for the "constant in data size" checks."""
    return [PersonFactory(organization=organization, duty_station=station) for _ in range(n)]
