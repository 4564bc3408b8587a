"""Walk the web interface in Debian's chromium through Playwright: log in, the dashboard, a
list with its htmx search, a detail page with its history, the language switch.

Never a downloaded browser: ``/usr/bin/chromium`` (``make system-deps`` installs it).
Set ACC_SCREENSHOT_DIR to keep screenshots of the pages.
"""

import re

import pytest

from tests.browser import MARKS, shoot

pytestmark = MARKS


@pytest.fixture
def demo(transactional_db):
    """A demo-like world: a Designated Official of Nairobi, people of two agencies."""
    from actors.tests.factories import (
        CountryFactory,
        DependantFactory,
        DutyStationFactory,
        OrganizationFactory,
        PersonFactory,
        WardenZoneFactory,
        user_with_role,
    )

    country = CountryFactory(name="Kenya")
    nairobi = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    WardenZoneFactory(duty_station=nairobi, name="Gigiri")
    unicef = OrganizationFactory(code="unicef", name="United Nations Children's Fund")
    wfp = OrganizationFactory(code="wfp", name="World Food Programme")
    do = user_with_role("designated_official", nairobi, organization=wfp, username="do.nairobi")
    for index, (family, given) in enumerate(
        [("Mwangi", "Grace"), ("Otieno", "Brian"), ("Wanjiru", "Achieng"), ("Dupont", "Claire")]
    ):
        person = PersonFactory(
            organization=unicef if index % 2 else wfp,
            duty_station=nairobi,
            family_name=family,
            given_names=given,
        )
        DependantFactory(person=person)
    return do


def test_login_dashboard_list_detail_and_language(live_server, demo, page):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Username").fill("do.nairobi")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()

    # Dashboard: the DO's appointment and what needs its action.
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_text("Designated Official").first).to_be_visible()
    expect(page.get_by_role("link", name="Gigiri")).to_be_visible()  # zone without a warden
    expect(page.get_by_role("heading", name=re.compile("Staff lists to confirm"))).to_be_visible()
    shoot(page, "dashboard")

    # Keyboard: the first Tab reaches the skip link.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    # A list, searched with htmx (the results refresh without a page load).
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Personnel").click()
    expect(page.get_by_role("heading", name="Personnel", level=1)).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Otieno")
    shoot(page, "personnel-list")

    # Right-to-left (Arabic can follow): with dir="rtl" the layout mirrors itself, since the
    # styles use logical properties only. The "Add" button moves to the left of the heading.
    heading = page.get_by_role("heading", name="Personnel", level=1)
    add = page.get_by_role("link", name="Add")
    assert add.bounding_box()["x"] > heading.bounding_box()["x"]
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert add.bounding_box()["x"] < heading.bounding_box()["x"]
    shoot(page, "personnel-list-rtl")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    shoot(page, "personnel-list-phone")
    page.evaluate("document.documentElement.dir = 'ltr'")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("searchbox", name="Search").fill("Mwangi")
    expect(page.locator("#results")).not_to_contain_text("Otieno")
    expect(page).to_have_url(re.compile(r"q=Mwangi"))

    # A detail page with its history.
    page.locator("#results").get_by_role("link", name=re.compile("Mwangi")).click()
    expect(page.get_by_role("heading", name="Mwangi, Grace")).to_be_visible()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    expect(page.locator(".history")).to_contain_text("Created")

    # The language switch keeps the page and translates it.
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Historique")).to_be_visible()
    page.get_by_label("Langue").select_option("zh-hans")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="历史记录")).to_be_visible()
    page.get_by_role("link", name="仪表板").first.click()
    expect(page.get_by_role("heading", name="仪表板", level=1)).to_be_visible()
    shoot(page, "dashboard-zh")

    # Log out (a POST form).
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/login/"))
