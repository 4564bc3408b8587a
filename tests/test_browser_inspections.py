"""An inspector records a deficiency in Debian's chromium while the connection is lost, and the
Designated Official sees the finding (¶39, ¶40): the recording page keeps the entry on the
device, sends it when the connection comes back, and the mission page shows the finding with
its paragraph and recommendation.

Never a downloaded browser: ``/usr/bin/chromium``. Set ACC_SCREENSHOT_DIR to keep screenshots.
"""

import pytest

from tests.browser import MARKS, shoot

pytestmark = MARKS

NOTES = "No written security plan could be shown; the relocation list is from 2024."
RECOMMENDATION = "Write the security plan with relocation and evacuation options (¶8(c))."


@pytest.fixture
def mission(transactional_db):
    """An announced mission to a capital with every actor of the checklist
    (inspections.tests.factories.station_world): the lead inspector is "inspector", the DO "do"."""
    from inspections.tests.factories import announced_mission, station_world

    world = station_world()
    return announced_mission(world)


def sign_in(page, live_server, username):
    from playwright.sync_api import expect

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()


def test_an_entry_made_offline_is_kept_sent_later_and_seen_by_the_do(live_server, mission, page):
    from playwright.sync_api import expect

    from inspections.models import ChecklistItem, Finding, ItemResult

    item = mission.checklist_items.filter(role__code="designated_official").order_by("position")[0]
    sign_in(page, live_server, "inspector")

    # From the navigation to the mission, then to its recording page.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inspections").click()
    expect(page.get_by_role("heading", name="Inspection missions", level=1)).to_be_visible()
    page.get_by_role("link", name=mission.reference).click()
    page.get_by_role("link", name="Record the checklist").click()
    expect(page.get_by_role("heading", name="Recording the checklist", level=1)).to_be_visible()
    status = page.locator("#record-status")
    expect(status).to_have_text("All changes saved.")

    # The connection drops. The inspector records the item as not compliant, with notes and
    # a recommendation: the entry is kept on the device.
    page.context.set_offline(True)
    entry = page.locator(f"#item-{item.pk}")
    finding_fields = entry.locator("[data-finding]")
    expect(finding_fields).to_be_hidden()
    entry.locator("label", has_text="Not compliant").click()
    expect(finding_fields).to_be_visible()
    entry.get_by_label("Notes").fill(NOTES)
    entry.get_by_label("Recommendation").fill(RECOMMENDATION)
    entry.get_by_label("Notes").focus()  # leaving the field sends it too
    expect(status).to_contain_text("kept on this device")
    expect(status).to_contain_text("1 change")
    expect(entry.locator("[data-state]")).to_have_text("Kept on this device")
    shoot(page, "recording-offline")
    stored = ChecklistItem.objects.get(pk=item.pk)
    assert stored.result == "" and not Finding.objects.filter(checklist_item=item).exists()
    drafts = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('acc:inspection-draft:'))"
    )
    assert len(drafts) == 1 and drafts[0].endswith(f":{item.pk}")

    # The connection comes back: the draft is sent and acknowledged, then removed.
    page.context.set_offline(False)
    expect(status).to_have_text("All changes saved.", timeout=20000)
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    shoot(page, "recording-saved")
    assert page.evaluate("Object.keys(localStorage).length") == 0
    stored = ChecklistItem.objects.get(pk=item.pk)
    assert stored.result == ItemResult.NON_COMPLIANT and stored.notes == NOTES
    assert stored.client_saved_at is not None
    finding = Finding.objects.get(checklist_item=item)
    assert finding.recommendation == RECOMMENDATION
    # The default date by severity is now shown in the form.
    expect(entry.get_by_label("Rectify by")).to_have_value(finding.deadline.isoformat())

    # A reload shows what the server holds.
    page.reload()
    expect(entry.get_by_label("Recommendation")).to_have_value(RECOMMENDATION)
    expect(entry.locator(f"#item-{item.pk}-non_compliant")).to_be_checked()

    # The DO sees the finding on the mission page as soon as it is recorded (¶39, ¶40).
    sign_in(page, live_server, "do")
    page.goto(f"{live_server.url}/inspections/missions/{mission.pk}/")
    row = page.locator(f"#item-{item.pk}")
    expect(row).to_contain_text(item.reference)
    expect(row).to_contain_text(RECOMMENDATION)
    expect(row.get_by_role("link", name=f"Finding {item.reference}")).to_have_attribute(
        "href", f"/inspections/findings/{finding.pk}/"
    )
    expect(page.get_by_role("link", name="Record the checklist")).to_have_count(0)
    shoot(page, "mission-do")
    page.context.browser.close()


def test_a_draft_older_than_the_servers_entry_gives_way_to_it(live_server, mission, page):
    """A draft left on the device (the tablet was offline, another inspector recorded the
    item since) is sent on load, ignored by the server, and the form shows the server's
    entry."""
    import datetime as dt
    import json

    from django.utils import timezone
    from playwright.sync_api import expect

    from inspections.models import ChecklistItem, ItemResult
    from inspections.services.recording import checklist_item_record

    item = mission.checklist_items.filter(role__code="fsco").order_by("position")[0]
    later = timezone.now() - dt.timedelta(minutes=5)
    checklist_item_record(
        user=mission.lead_inspector.user,
        item=item,
        result=ItemResult.COMPLIANT,
        notes="Seen on the second visit.",
        client_saved_at=later,
    )
    sign_in(page, live_server, "inspector")
    record = f"{live_server.url}/inspections/missions/{mission.pk}/record/"
    page.goto(record)
    user_id = mission.lead_inspector.user_id
    draft = {
        "saved_at": (later - dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
        "entry": {
            "result": "non_compliant",
            "notes": "Old draft",
            "severity": "high",
            "recommendation": "Old",
            "deadline": "",
        },
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"acc:inspection-draft:{user_id}:{item.pk}", json.dumps(draft)],
    )
    page.reload()
    entry = page.locator(f"#item-{item.pk}")
    expect(page.locator("#record-status")).to_have_text("All changes saved.")
    expect(entry.locator("[data-state]")).to_have_text(
        "A later entry is on the server: it is shown here."
    )
    expect(entry.locator(f"#item-{item.pk}-compliant")).to_be_checked()
    expect(entry.get_by_label("Notes")).to_have_value("Seen on the second visit.")
    expect(entry.locator("[data-finding]")).to_be_hidden()
    assert page.evaluate("Object.keys(localStorage).length") == 0
    stored = ChecklistItem.objects.get(pk=item.pk)
    assert stored.result == ItemResult.COMPLIANT and stored.client_saved_at == later
    page.context.browser.close()


def test_the_date_to_rectify_by_follows_the_severity_until_set_by_hand(live_server, mission, page):
    """¶40: each deficiency gets a date by which it is rectified. The first click shows the
    default of the item's severity; raising the severity moves the date (14 days for a
    critical gap, not a medium one's 60) until the inspector sets a date, which then stays;
    emptying the field gives the date back to the severity."""
    import datetime as dt

    from playwright.sync_api import expect

    from inspections.models import Finding
    from inspections.services.recording import default_deadline

    item = mission.checklist_items.filter(role__code="warden").order_by("position")[0]
    assert item.severity == "medium"
    sign_in(page, live_server, "inspector")
    page.goto(f"{live_server.url}/inspections/missions/{mission.pk}/record/")
    status = page.locator("#record-status")
    entry = page.locator(f"#item-{item.pk}")
    date = entry.get_by_label("Rectify by")

    entry.locator("label", has_text="Not compliant").click()
    expect(date).to_have_value(default_deadline(mission, "medium").isoformat())
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    entry.get_by_label("Severity").select_option("critical")
    critical = default_deadline(mission, "critical")
    expect(date).to_have_value(critical.isoformat())
    expect(status).to_have_text("All changes saved.")
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    finding = Finding.objects.get(checklist_item=item)
    assert (finding.severity, finding.deadline) == ("critical", critical)
    assert not finding.deadline_set_by_hand

    # The inspector sets a date: a later severity leaves it alone.
    own = mission.ends_on + dt.timedelta(days=21)
    date.fill(own.isoformat())
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    entry.get_by_label("Severity").select_option("high")
    expect(date).to_have_value(own.isoformat())
    expect(status).to_have_text("All changes saved.")
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    finding.refresh_from_db()
    assert (finding.severity, finding.deadline, finding.deadline_set_by_hand) == (
        "high",
        own,
        True,
    )
    # A reload keeps the date set by hand: another severity still leaves it.
    page.reload()
    entry.get_by_label("Severity").select_option("low")
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    expect(date).to_have_value(own.isoformat())

    # Emptied, the field shows the severity's default again, and the server holds it.
    date.fill("")
    low = default_deadline(mission, "low")
    expect(date).to_have_value(low.isoformat())
    expect(entry.locator("[data-state]")).to_have_text("Saved")
    expect(status).to_have_text("All changes saved.")
    finding.refresh_from_db()
    assert (finding.severity, finding.deadline, finding.deadline_set_by_hand) == (
        "low",
        low,
        False,
    )
    page.context.browser.close()
