"""A staff member takes the Basic Security in the Field test in Debian's chromium and
downloads the certificate (¶32): My training, the test, the result, the PDF.

The certificate is rendered by the Celery task, run eagerly once the pass is committed (the
live server's requests commit for real). Never a downloaded browser: ``/usr/bin/chromium``.
Set ACC_SCREENSHOT_DIR to keep screenshots.
"""

import io
import re

import pytest

from tests.browser import MARKS, shoot

pytestmark = MARKS


@pytest.fixture
def staff_member(transactional_db):
    """Mary Achieng, UNICEF staff member in Nairobi with a login, who owes the BSITF course."""
    from actors.tests.factories import (
        CountryFactory,
        DutyStationFactory,
        OrganizationFactory,
        PersonFactory,
        UserFactory,
    )

    nairobi = DutyStationFactory(
        country=CountryFactory(name="Kenya"), name="Nairobi", is_capital=True
    )
    unicef = OrganizationFactory(code="unicef")
    user = UserFactory(organization=unicef, username="mary")
    return PersonFactory(
        organization=unicef,
        duty_station=nairobi,
        user=user,
        family_name="Achieng",
        given_names="Mary",
    )


def right_answers(person) -> dict[int, int]:
    """The open attempt's drawn questions and their right choices, read from the bank."""
    from training.models import Choice, TestAttempt

    attempt = TestAttempt.objects.get(person=person, submitted_at__isnull=True)
    return dict(
        Choice.objects.filter(question_id__in=attempt.questions, is_correct=True).values_list(
            "question_id", "pk"
        )
    )


def test_staff_member_passes_the_test_and_downloads_the_certificate(
    live_server, staff_member, page
):
    from playwright.sync_api import expect
    from pypdf import PdfReader

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("mary")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()

    # My training, from the navigation: BSITF is owed, with its test.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", name="My training", level=1)).to_be_visible()
    requirements = page.locator("#requirements")
    expect(requirements).to_contain_text("All personnel and eligible dependants")
    expect(requirements).to_contain_text("¶25, ¶32")
    shoot(page, "my-training")
    page.get_by_role("button", name="Take the test: Basic Security in the Field").click()

    # The sheet: the drawn questions, answered right (the test reads them from the bank).
    expect(page.get_by_role("heading", name="Basic Security in the Field", level=1)).to_be_visible()
    answers = right_answers(staff_member)
    expect(page.locator("#test-form fieldset")).to_have_count(len(answers))
    for question_id, choice_id in answers.items():
        page.locator(f'input[name="q{question_id}"][value="{choice_id}"]').check()
    shoot(page, "test-sheet")
    page.get_by_role("button", name="Submit my answers").click()

    # The result, and the certificate rendered once the pass was committed.
    expect(page.get_by_role("heading", name="You passed the test.")).to_be_visible()
    expect(page.locator("#result")).to_contain_text("100%")
    shoot(page, "test-result")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    download = download_info.value
    assert re.fullmatch(r"certificate-[0-9A-F]{16}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF")
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(content)).pages)
    assert "Mary Achieng" in " ".join(text.split())

    # My training lists the certificate, and BSITF no longer asks for a test.
    page.goto(f"{live_server.url}/training/")
    expect(page.locator("#certificates")).to_contain_text("Basic Security in the Field")
    expect(
        page.get_by_role("button", name="Take the test: Basic Security in the Field")
    ).to_have_count(0)
    shoot(page, "my-training-after")
    page.context.browser.close()
