"""A Designated Official approves a warden in Debian's chromium (¶19): the approval queue,
the nomination's page with its consultation and release, the decision.

Never a downloaded browser: ``/usr/bin/chromium``. Set ACC_SCREENSHOT_DIR to keep screenshots.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser import MARKS, shoot

pytestmark = MARKS


@pytest.fixture
def nomination(transactional_db):
    """A warden nomination for Gigiri, through the workflow services: nominated by the FSCO,
    supported by both SMT members, time released by the nominee's country representative."""
    from actors import models as m
    from actors.tests.factories import (
        CountryFactory,
        DutyStationFactory,
        OrganizationFactory,
        PersonFactory,
        WardenZoneFactory,
        user_with_role,
    )
    from appointments.models import Answer
    from appointments.services import workflow as wf

    country = CountryFactory(name="Kenya")
    nairobi = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    zone = WardenZoneFactory(duty_station=nairobi, name="Gigiri")
    undp, unicef = OrganizationFactory(code="undp"), OrganizationFactory(code="unicef")
    user_with_role("designated_official", country, organization=undp, username="do.nairobi")
    fsco = user_with_role("fsco", nairobi, organization=undp, username="fsco")
    smt = [
        user_with_role("smt", nairobi, organization=org, username=f"smt.{org.code}")
        for org in (undp, unicef)
    ]
    rep = user_with_role(
        "country_representative", country, organization=unicef, duty_station=nairobi
    )
    nominee = PersonFactory(
        organization=unicef, duty_station=nairobi, family_name="Achieng", given_names="Mary"
    )
    warden = m.Role.objects.get(code="warden")
    appointment = wf.nomination_create(
        actor=fsco,
        person=nominee,
        role=warden,
        scope=zone,
        start_date=timezone.localdate() + dt.timedelta(days=7),
        statements={c.pk: f"Mary shows {c.name_en.lower()}." for c in warden.competencies.all()},
    )
    wf.nomination_submit(actor=fsco, appointment=appointment)
    for member in smt:
        wf.consultation_answer(actor=member, appointment=appointment, answer=Answer.SUPPORT)
    wf.release_record(actor=rep, appointment=appointment, hours_per_week=Decimal("4"))
    return appointment


def test_do_approves_a_warden(live_server, nomination, page):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("do.nairobi")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()

    # The queue, from the navigation: one nomination, fully answered and released.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Approval queue").click()
    expect(page.get_by_role("heading", name="Approval queue", level=1)).to_be_visible()
    row = page.locator("#approval-queue tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("2 support · 0 object · 0 no view · 0 pending")
    expect(row).to_contain_text("4.0 h/week")
    expect(row).to_contain_text("yes")
    shoot(page, "approval-queue")

    # The nomination's page: statements, who answered what, the release, the decision form.
    row.get_by_role("link", name=re.compile("Achieng")).click()
    expect(page.get_by_role("heading", name="SMT consultation")).to_be_visible()
    expect(page.locator("#workflow")).to_contain_text("In consultation with the SMT")
    expect(page.get_by_text("Mary shows").first).to_be_visible()
    expect(page.get_by_role("heading", name="Decide as Designated Official")).to_be_visible()
    shoot(page, "appointment-consultation")

    decide = page.locator("form.wf-form").filter(
        has=page.get_by_role("heading", name="Decide as Designated Official")
    )
    decide.get_by_label("Reason").fill("Supported by the whole SMT.")
    decide.get_by_role("button", name="Approve").click()

    expect(page.get_by_text("The appointment is approved.")).to_be_visible()
    expect(page.locator("#workflow")).to_contain_text("Approved, not yet started")
    expect(page.get_by_role("heading", name="Decide as Designated Official")).to_have_count(0)
    expect(page.get_by_text("Supported by the whole SMT.").first).to_be_visible()
    shoot(page, "appointment-approved")

    page.context.browser.close()
    nomination.refresh_from_db()
    assert nomination.status == "pending" and nomination.decided_by.username == "do.nairobi"
