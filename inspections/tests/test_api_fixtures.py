"""What the inspection API tests share (imported by the other test_api_* modules; no tests of
its own): the station world of inspections.tests.factories (inspectors, the DO, FSCO, SMT,
agencies A and B with their HQ focal points, representative and security officer, an
outsider DO of another country), missions at each stage, and small real files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actors.tests.api_helpers import client_for
from inspections.models import Finding, ItemResult, Mission
from inspections.services.missions import mission_announce, mission_plan

from .factories import debriefed_mission, station_world

# The smallest real files of each accepted type, and a text file that is none of them.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8"
    b"\xcd\x00\x00\x00\x00IEND\xaeB`\x82"
)
TEXT = b"Not a photograph: a renamed text file.\n"
# One deficient item for each: B's security officer, A's DO and A's warden.
DEFICIENT_ROLES = ("agency_security_officer", "designated_official", "warden")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def world(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return station_world()


@pytest.fixture
def debriefed(world) -> Mission:
    """Debriefed, its reports not rendered (the on-commit task does not run here)."""
    return debriefed_mission(world, deficient_roles=DEFICIENT_ROLES)


def api(world, name: str):
    return client_for(getattr(world, name))


def finding_of(mission: Mission, role_code: str) -> Finding:
    return mission.findings.get(role__code=role_code)


def mission_at(world, station, *, announce: bool = True) -> Mission:
    """Another mission, at ``station``."""
    import datetime as dt

    from django.utils import timezone

    start = timezone.localdate()
    mission = mission_plan(
        user=world.inspector,
        duty_station=station,
        starts_on=start,
        ends_on=start + dt.timedelta(days=2),
        lead_inspector=world.person(world.inspector),
        personnel_sample_size=1,
    )
    return mission_announce(user=world.inspector, mission=mission) if announce else mission


def deficient_items(mission: Mission, count: int) -> dict:
    """{item pk: non compliant} for the first ``count`` items of ``mission``."""
    return {
        pk: ItemResult.NON_COMPLIANT
        for pk in mission.checklist_items.order_by("position").values_list("pk", flat=True)[:count]
    }


def xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]
