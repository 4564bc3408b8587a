"""Certificates of completion (¶27, ¶32): their content, storage, download and verification."""

import datetime as dt
import hashlib
import io

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from actors.tests.factories import (
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)
from tests.verify_hash import assert_file_check, assert_no_file_check
from training.models import Certificate, RecordSource
from training.services import certificates
from training.services.records import record_completion
from training.tasks import render_certificate
from training.tests.factories import agency_course, course

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    org = OrganizationFactory(code="unicef", name="United Nations Children's Fund")
    station = DutyStationFactory(name="Nairobi")
    user = UserFactory(organization=org, username="amina")
    person = PersonFactory(
        organization=org,
        duty_station=station,
        user=user,
        given_names="Amina",
        family_name="Odhiambo",
        index_number="UN-4711",
        email="amina.odhiambo@example.org",
    )
    return {
        "org": org,
        "station": station,
        "user": user,
        "person": person,
        "hq": user_with_role("hq_focal_point", org, organization=org, username="hq"),
        "other_hq": other_hq(),
    }


def other_hq():
    other = OrganizationFactory()
    return user_with_role("hq_focal_point", other, organization=other, username="otherhq")


def complete(capture, person, code="BSITF", *, execute=True, language="en", **kwargs):
    """Record a verified completion and run its on_commit render task (or not)."""
    person.language = language
    person.save(update_fields=["language"])
    course_obj = kwargs.pop("course_obj", None) or course(code)
    kwargs.setdefault("completed_on", timezone.localdate() - dt.timedelta(days=3))
    kwargs.setdefault("source", RecordSource.ONLINE_TEST)
    with capture(execute=execute) as callbacks:
        record, created = record_completion(person=person, course=course_obj, **kwargs)
    assert created and len(callbacks) == 1  # the render task, enqueued after the commit
    return Certificate.objects.get(record=record)


def pdf_bytes(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as stored:
        return stored.read()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def words(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def flat(text: str) -> str:
    # Line wraps fall anywhere; compare with all white space removed.
    return "".join(text.split())


def en_date(value) -> str:
    with translation.override("en"):
        return formats.date_format(value, "DATE_FORMAT")


def download(client, user, certificate_pk, **headers):
    client.force_login(user)
    response = client.get(
        reverse("training:certificate-pdf", args=[certificate_pk]), headers=headers
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


# --- Content ----------------------------------------------------------------------------------


def test_certificate_states_everything_the_framework_asks(
    world, django_capture_on_commit_callbacks
):
    completed_on = timezone.localdate() - dt.timedelta(days=3)
    certificate = complete(
        django_capture_on_commit_callbacks, world["person"], completed_on=completed_on, score=88
    )
    data = pdf_bytes(certificate)
    assert certificate.sha256 == hashlib.sha256(data).hexdigest()
    assert certificate.issued_at is not None
    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # one page, as a certificate is
    record = certificate.record
    text = words(data)
    for expected in (
        "Certificate of completion",
        "Amina Odhiambo",
        "United Nations Children's Fund (UNICEF)",
        "Basic Security in the Field",
        "BSITF",
        "Security awareness",  # the kind
        "¶25, ¶32",  # the paragraphs that require it
        "A/57/365",
        en_date(completed_on),
        en_date(record.valid_until),
        "88%",
        "Online test",
        "Office of the United Nations Security Coordinator (UNSECOORD)",
        en_date(timezone.localdate(certificate.issued_at)),
        certificate.verification_code,
    ):
        assert expected in text, expected
    assert flat(certificates.verification_url(certificate.verification_code)) in flat(text)
    # Only the holder's name: no index number or email on a certificate.
    assert "UN-4711" not in text and "amina.odhiambo" not in text


def test_dependant_certificate_names_the_dependant_and_the_agency_course(
    world, django_capture_on_commit_callbacks, client
):
    dependant = DependantFactory(
        person=world["person"], given_names="Baraka", family_name="Odhiambo"
    )
    provider = OrganizationFactory(code="wfp", name="World Food Programme")
    own = agency_course(
        provider,
        code="WFP-SEC",
        title="WFP field security",
        validity_months=None,
        endorsed_at=timezone.now() - dt.timedelta(days=100),
        paragraph="annex ¶26",
    )
    certificate = complete(
        django_capture_on_commit_callbacks,
        world["person"],
        course_obj=own,
        dependant=dependant,
        source=RecordSource.SESSION,
    )
    data = pdf_bytes(certificate)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = words(data)
    for expected in (
        "Baraka Odhiambo",
        "eligible dependant of Amina Odhiambo",
        "WFP field security",
        "does not expire",
        "In-person session",
        "World Food Programme (WFP)",
        "course endorsed by UNSECOORD",
        "annex ¶26",
    ):
        assert expected in text, expected
    assert "Test score" not in text  # no score without a test
    # The verification page names the holder, the dependant, and no one else.
    page = client.get(
        reverse("training:certificate-verify", args=[certificate.verification_code])
    ).content.decode()
    assert "Baraka Odhiambo" in page and "Amina" not in page and "does not expire" in page


def test_chinese_certificate_embeds_a_cjk_font_and_the_chinese_title(
    world, django_capture_on_commit_callbacks
):
    certificate = complete(django_capture_on_commit_callbacks, world["person"], language="zh-hans")
    assert certificate.language == "zh-hans"
    data = pdf_bytes(certificate)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = flat(pdf_text(data))
    assert flat(course("BSITF").title_zh) in text
    assert "Amina Odhiambo" in pdf_text(data)
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
    assert any("WenQuanYi" in f or "CJK" in f for f in fonts), fonts


def test_the_certificate_asks_for_no_resource(world, django_capture_on_commit_callbacks, fetches):
    certificate = complete(django_capture_on_commit_callbacks, world["person"])
    assert certificate.sha256 and fetches == []


# --- Rendered once ----------------------------------------------------------------------------


def test_rendering_twice_keeps_the_same_file_and_hash(world, django_capture_on_commit_callbacks):
    certificate = complete(django_capture_on_commit_callbacks, world["person"])
    before = (
        certificate.pdf.name,
        certificate.sha256,
        certificate.issued_at,
        pdf_bytes(certificate),
    )
    assert render_certificate(certificate.pk) is False
    assert certificates.certificate_render(certificate) is False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert certificates.certificate_request(record=certificate.record) == certificate
    assert callbacks == []  # a rendered certificate is not queued again
    certificate.refresh_from_db()
    after = (
        certificate.pdf.name,
        certificate.sha256,
        certificate.issued_at,
        pdf_bytes(certificate),
    )
    assert after == before


def test_not_rendered_yet_is_404_and_never_rendered_in_the_request(
    world, django_capture_on_commit_callbacks, client
):
    certificate = complete(django_capture_on_commit_callbacks, world["person"], execute=False)
    assert certificate.sha256 == ""
    response, _body = download(client, world["user"], certificate.pk)
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.sha256 == "" and not certificate.pdf
    with pytest.raises(Http404):
        certificates.certificate_for(world["hq"], certificate.pk)
    assert render_certificate(certificate.pk) is True
    assert certificates.certificate_for(world["hq"], certificate.pk) == certificate
    with pytest.raises(Http404):
        certificates.certificate_for(world["hq"], "not-a-number")
    assert render_certificate(certificate.pk + 1000) is False  # deleted meanwhile: nothing


# --- Download ---------------------------------------------------------------------------------


def test_download_serves_the_stored_bytes_to_the_holder_and_the_focal_point_only(
    world, django_capture_on_commit_callbacks, client, outsider
):
    certificate = complete(django_capture_on_commit_callbacks, world["person"])
    stored = pdf_bytes(certificate)
    for user in (world["user"], world["hq"]):
        response, body = download(client, user, certificate.pk)
        assert response.status_code == 200
        assert body == stored
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"] == f'"{certificate.sha256}"'
        assert response["Cache-Control"] == "private, no-cache"
        assert f"certificate-{certificate.verification_code}.pdf" in response["Content-Disposition"]
    # A client holding the file revalidates without downloading it again.
    response, body = download(
        client, world["user"], certificate.pk, if_none_match=f'"{certificate.sha256}"'
    )
    assert response.status_code == 304 and body == b""
    assert response["ETag"] == f'"{certificate.sha256}"'
    for user in (outsider, world["other_hq"]):
        response, body = download(client, user, certificate.pk)
        assert response.status_code == 404 and certificate.verification_code.encode() not in body
    response, _body = download(client, world["user"], certificate.pk + 1000)
    assert response.status_code == 404


def test_download_query_count(
    world, django_capture_on_commit_callbacks, client, django_assert_num_queries
):
    certificate = complete(django_capture_on_commit_callbacks, world["person"])
    client.force_login(world["hq"])
    url = reverse("training:certificate-pdf", args=[certificate.pk])
    # The session, the user, the user's grants, the scoped certificate.
    with django_assert_num_queries(4):
        response = client.get(url)
        b"".join(response.streaming_content)
    assert response.status_code == 200


def test_anonymous_download_goes_to_the_login(client):
    response = client.get(reverse("training:certificate-pdf", args=[1]))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Verification -----------------------------------------------------------------------------


def test_verification_page_shows_name_course_and_dates_only(
    world, django_capture_on_commit_callbacks, client, django_assert_num_queries
):
    completed_on = timezone.localdate() - dt.timedelta(days=3)
    certificate = complete(
        django_capture_on_commit_callbacks, world["person"], completed_on=completed_on, score=88
    )
    record = certificate.record
    url = reverse("training:certificate-verify", args=[certificate.verification_code.lower()])
    # The certificate with its record, person, dependant and course; anonymous: no session.
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "Amina Odhiambo",
        "Basic Security in the Field",
        en_date(completed_on),
        en_date(record.valid_until),
        en_date(timezone.localdate(certificate.issued_at)),
        "genuine certificate",
        "Yes: the training still counts.",
    ):
        assert shown in page, shown
    for hidden in (
        "UN-4711",
        "amina.odhiambo",
        "UNICEF",
        "unicef",
        "Children",
        "Nairobi",
        "88%",
        "Online test",
    ):
        assert hidden not in page, hidden


def test_an_expired_certificate_is_genuine_but_no_longer_valid(
    world, django_capture_on_commit_callbacks, client
):
    completed_on = timezone.localdate() - dt.timedelta(days=4 * 365)  # BSITF: 36 months
    certificate = complete(
        django_capture_on_commit_callbacks, world["person"], completed_on=completed_on
    )
    response = client.get(
        reverse("training:certificate-verify", args=[certificate.verification_code])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "genuine certificate" in page and "No: the training has expired" in page


def test_made_up_or_unrendered_code_is_not_genuine(
    world, django_capture_on_commit_callbacks, client
):
    response = client.get(reverse("training:certificate-verify", args=["0123456789ABCDEF"]))
    assert response.status_code == 404
    assert "Not genuine" in response.content.decode()
    pending = complete(django_capture_on_commit_callbacks, world["person"], execute=False)
    response = client.get(reverse("training:certificate-verify", args=[pending.verification_code]))
    assert response.status_code == 404 and "Amina" not in response.content.decode()


def test_verification_page_shows_the_sha256_of_the_issued_certificate(
    world, django_capture_on_commit_callbacks, client, django_assert_num_queries
):
    """A genuine code says a certificate was issued (¶32); only the SHA-256 of the issued PDF
    lets the reader check that the file in hand is that certificate, unchanged (issue 10,
    item 10)."""
    certificate = complete(django_capture_on_commit_callbacks, world["person"])
    assert certificate.sha256 == hashlib.sha256(pdf_bytes(certificate)).hexdigest()
    url = reverse("training:certificate-verify", args=[certificate.verification_code])
    # The certificate with its record, person, dependant and course: the hash is on that row.
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200
    assert_file_check(response.content.decode(), certificate.sha256)
    # The script's messages come translated, with the page.
    for language, text in (
        ("fr", "Ce fichier correspond au document délivré"),
        ("zh-hans", "此文件与所签发的文件一致"),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'data-text-match="{text}' in page, language
    # Another code, or one whose PDF is not rendered yet, shows no hash.
    response = client.get(reverse("training:certificate-verify", args=["0123456789ABCDEF"]))
    page = response.content.decode()
    assert response.status_code == 404 and certificate.sha256 not in page
    assert_no_file_check(page)
    pending = complete(django_capture_on_commit_callbacks, world["person"], "STRESS", execute=False)
    response = client.get(reverse("training:certificate-verify", args=[pending.verification_code]))
    assert response.status_code == 404
    assert_no_file_check(response.content.decode())
    assert_no_file_check(client.get(reverse("training:certificate-verify-form")).content.decode())


def test_code_form_redirects_to_its_page(client, django_assert_num_queries):
    with django_assert_num_queries(0):  # anonymous, a form: nothing to read
        assert client.get(reverse("training:certificate-verify-form")).status_code == 200
    response = client.post(reverse("training:certificate-verify-form"), {"code": " abcd-ef01 "})
    assert response.status_code == 302
    assert response["Location"] == reverse("training:certificate-verify", args=["ABCDEF01"])
    assert client.post(reverse("training:certificate-verify-form"), {"code": ""}).status_code == 400
    assert (
        client.post(reverse("training:certificate-verify-form"), {"code": " - "}).status_code == 400
    )
