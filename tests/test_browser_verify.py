"""A reader holding a certificate checks it on the public verification page in Debian's
chromium (issue 10, item 10): the page shows the SHA-256 stored when the certificate was
issued (¶32), the browser hashes the file the reader chooses or drops, and says whether it is
the issued one, without sending the file anywhere. The letter's page uses the same partial
and script (templates/_verify_hash.html, static/js/verify-hash.js).

Never a downloaded browser: ``/usr/bin/chromium``. Set ACC_SCREENSHOT_DIR to keep screenshots.
"""

import pytest

from tests.browser import MARKS, shoot

pytestmark = MARKS

MATCH = "This file matches the issued document: its SHA-256 is the same."
MISMATCH = "This file does not match the issued document"
FILE_LABEL = "Choose the PDF you hold, or drop it here"


@pytest.fixture
def issued(transactional_db):
    """Mary Achieng's BSITF certificate, rendered by its task (eager in tests), and its PDF."""
    import datetime as dt

    from django.utils import timezone

    from actors.tests.factories import OrganizationFactory, PersonFactory
    from training.models import Certificate, RecordSource
    from training.services.records import record_completion
    from training.tests.factories import course

    person = PersonFactory(
        organization=OrganizationFactory(code="unicef"), family_name="Achieng", given_names="Mary"
    )
    # Autocommit: the render task runs on commit, at once.
    record, _created = record_completion(
        person=person,
        course=course("BSITF"),
        completed_on=timezone.localdate() - dt.timedelta(days=3),
        source=RecordSource.ONLINE_TEST,
    )
    certificate = Certificate.objects.get(record=record)
    assert certificate.sha256
    with certificate.pdf.open("rb") as stored:
        return certificate, stored.read()


def as_file(content: bytes) -> dict:
    return {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": content}


def test_the_issued_file_matches_and_a_changed_one_does_not(live_server, issued, page):
    from playwright.sync_api import expect

    certificate, pdf = issued
    page.goto(f"{live_server.url}/training/certificates/verify/{certificate.verification_code}/")
    expect(page.get_by_text("belongs to a genuine certificate")).to_be_visible()
    expect(page.locator("#verify-hash-expected")).to_have_text(certificate.sha256)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    result = page.locator("#verify-hash-result")
    yours = page.locator("#verify-hash-yours code")

    page.get_by_label(FILE_LABEL).set_input_files(files=[as_file(pdf)])
    expect(result).to_have_text(MATCH)
    expect(yours).to_have_text(certificate.sha256)
    shoot(page, "verify-match")

    # One byte changed in the middle of the file: another hash.
    tampered = bytearray(pdf)
    tampered[len(tampered) // 2] ^= 0x01
    page.get_by_label(FILE_LABEL).set_input_files(files=[as_file(bytes(tampered))])
    expect(result).to_contain_text(MISMATCH)
    expect(yours).not_to_have_text(certificate.sha256)
    shoot(page, "verify-mismatch")

    # Dropped on the zone rather than chosen: the same check.
    transfer = page.evaluate_handle(
        """(bytes) => {
          const transfer = new DataTransfer();
          transfer.items.add(
            new File([new Uint8Array(bytes)], "certificate.pdf", {type: "application/pdf"})
          );
          return transfer;
        }""",
        list(pdf),
    )
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": transfer})
    expect(result).to_have_text(MATCH)

    # The files never left the browser.
    assert requests == []
    page.context.browser.close()


def test_a_browser_without_crypto_subtle_says_so(live_server, issued, page):
    """crypto.subtle exists only in secure contexts: over plain HTTP the page cannot hash."""
    from playwright.sync_api import expect

    certificate, _pdf = issued
    page.add_init_script(
        "Object.defineProperty(Crypto.prototype, 'subtle', {get: () => undefined});"
    )
    page.goto(f"{live_server.url}/training/certificates/verify/{certificate.verification_code}/")
    expect(page.locator("#verify-hash-expected")).to_have_text(certificate.sha256)
    expect(page.locator("#verify-hash-result")).to_contain_text(
        "This browser cannot compute the SHA-256 on this page"
    )
    expect(page.get_by_label(FILE_LABEL)).to_be_disabled()
    page.context.browser.close()
