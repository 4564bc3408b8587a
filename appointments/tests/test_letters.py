"""The written appointment letter (¶17, ¶19): its text, storage, download and verification."""

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

from appointments import letters
from appointments.models import Answer, AppointmentLetter
from appointments.services import workflow as wf
from appointments.tasks import render_letter
from appointments.tests.conftest import statements_for
from tests.verify_hash import assert_file_check, assert_no_file_check

pytestmark = pytest.mark.django_db(transaction=False)


def approve(w, capture, *, language="en", execute=True, **kwargs):
    """Nominate the station's nominee as warden and take it through to the DO's approval."""
    person = w["nominee"]
    person.given_names, person.family_name, person.index_number = "Amina", "Odhiambo", "UN-4711"
    person.language = language
    person.save()
    role = kwargs.pop("role", w["warden"])
    appointment = wf.nomination_create(
        actor=w["fsco"],
        person=person,
        role=role,
        scope=kwargs.pop("scope", w["zone"]),
        start_date=w["start"],
        end_date=w["start"] + dt.timedelta(days=364),
        statements=statements_for(role),
        **kwargs,
    )
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4.5"))
    with capture(execute=execute):
        wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    appointment.refresh_from_db()
    return appointment


def pdf_bytes(letter: AppointmentLetter) -> bytes:
    with letter.pdf.open("rb") as stored:
        return stored.read()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    # Line wraps fall anywhere; compare with all white space removed.
    return "".join(text.split())


def en_date(value) -> str:
    with translation.override("en"):
        return formats.date_format(value, "DATE_FORMAT")


def download(client, user, appointment, **headers):
    client.force_login(user)
    response = client.get(reverse("letter-pdf", args=[appointment.pk]), headers=headers)
    # Consuming the stream closes the file (the test client closes the response after it).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_letter_states_everything_the_framework_asks(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks)
    letter = AppointmentLetter.objects.get(appointment=appointment)
    data = pdf_bytes(letter)
    assert letter.sha256 == hashlib.sha256(data).hexdigest()
    assert letter.issued_at is not None
    text = pdf_text(data)
    words = " ".join(text.split())
    for expected in (
        "Letter of appointment",
        "Nairobi, Kenya",  # the duty station
        "Amina Odhiambo",
        "UN-4711",
        "UNICEF",
        "Warden",
        str(w["zone"]),  # the scope: "Gigiri (Nairobi)"
        en_date(w["start"]),
        en_date(w["start"] + dt.timedelta(days=364)),
        "4.5 hours per week",
        w["do"].person.full_name,
        en_date(appointment.decided_at.date()),
        w["rep"].person.full_name,  # who released the time
        letter.verification_code,
    ):
        assert expected in words, expected
    # Every responsibility of the warden, with its paragraph reference (¶20(a)–(g)).
    references = [r.reference for r in w["warden"].responsibilities.all()]
    assert {"¶20(a)", "¶20(g)"} <= set(references)
    for duty in w["warden"].responsibilities.all():
        assert duty.reference in words
        assert flat(duty.text_en)[:40] in flat(text)
    assert flat(letters.verification_url(letter.verification_code)) in flat(text)


def test_alternate_warden_is_noted(station_world, django_capture_on_commit_callbacks):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks, is_alternate=True)
    text = " ".join(pdf_text(pdf_bytes(appointment.letter)).split())
    assert "Warden (alternate)" in text


def test_rendering_twice_keeps_the_same_file_and_hash(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks)
    letter = AppointmentLetter.objects.get(appointment=appointment)
    before = (letter.pdf.name, letter.sha256, letter.issued_at, pdf_bytes(letter))
    assert render_letter(letter.pk) is False
    assert letters.letter_render(letter) is False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert letters.letter_request(appointment=appointment) == letter
    assert callbacks == []  # a rendered letter is not queued again
    letter.refresh_from_db()
    assert (letter.pdf.name, letter.sha256, letter.issued_at, pdf_bytes(letter)) == before


def test_download_serves_the_stored_bytes_to_appointee_and_do_only(
    station_world, django_capture_on_commit_callbacks, client, outsider
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks)
    letter = appointment.letter
    stored = pdf_bytes(letter)
    bodies = []
    for user in (w["nominee"].user, w["do"]):
        response, body = download(client, user, appointment)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"] == f'"{letter.sha256}"'
        bodies.append(body)
    assert bodies == [stored, stored]
    # A client holding the letter revalidates without downloading it again.
    response, body = download(client, w["do"], appointment, if_none_match=f'"{letter.sha256}"')
    assert response.status_code == 304 and body == b""
    for user in (outsider, w["other_do"]):
        response, body = download(client, user, appointment)
        assert response.status_code == 404 and letter.verification_code.encode() not in body
    response = client.get(reverse("letter-pdf", args=[appointment.pk + 1000]))
    assert response.status_code == 404


def test_letter_not_rendered_yet_is_404_and_never_rendered_in_the_request(
    station_world, django_capture_on_commit_callbacks, client
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks, execute=False)
    letter = AppointmentLetter.objects.get(appointment=appointment)
    assert letter.sha256 == ""
    response, _body = download(client, w["nominee"].user, appointment)
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.sha256 == "" and not letter.pdf
    with pytest.raises(letters.Http404):
        letters.letter_for(w["do"], appointment.pk)
    render_letter(letter.pk)
    assert letters.letter_for(w["do"], appointment.pk) == letter
    with pytest.raises(letters.Http404):
        letters.letter_for(w["do"], "not-a-number")


def test_anonymous_download_goes_to_the_login(station_world, client):
    response = client.get(reverse("letter-pdf", args=[1]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_verification_page_shows_name_role_and_dates_only(
    station_world, django_capture_on_commit_callbacks, client
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks)
    code = appointment.letter.verification_code
    response = client.get(reverse("letter-verify", args=[code.lower()]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Amina Odhiambo", "Warden", en_date(w["start"]), "genuine letter"):
        assert shown in page, shown
    for hidden in (
        "unicef",
        "UNICEF",
        "Gigiri",
        "UN-4711",
        w["do"].person.full_name,
        w["rep"].person.full_name,
        "hours per week",
    ):
        assert hidden not in page, hidden


def test_made_up_code_is_not_genuine(station_world, client):
    response = client.get(reverse("letter-verify", args=["0123456789ABCDEF"]))
    assert response.status_code == 404
    assert "Not genuine" in response.content.decode()


def test_verification_page_shows_the_sha256_of_the_issued_letter(
    station_world, django_capture_on_commit_callbacks, client
):
    """A genuine code says a letter was issued (¶19); only the SHA-256 of the issued PDF lets
    the reader check that the file in hand is that letter, unchanged (issue 10, item 10)."""
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks)
    letter = appointment.letter
    assert letter.sha256 == hashlib.sha256(pdf_bytes(letter)).hexdigest()
    response = client.get(reverse("letter-verify", args=[letter.verification_code]))
    assert response.status_code == 200
    assert_file_check(response.content.decode(), letter.sha256)
    # Another code shows no hash, least of all this letter's.
    response = client.get(reverse("letter-verify", args=["0123456789ABCDEF"]))
    page = response.content.decode()
    assert response.status_code == 404 and letter.sha256 not in page
    assert_no_file_check(page)
    assert_no_file_check(client.get(reverse("letter-verify-form")).content.decode())


def test_code_form_redirects_to_its_page(station_world, client):
    response = client.get(reverse("letter-verify-form"))
    assert response.status_code == 200
    response = client.post(reverse("letter-verify-form"), {"code": " abcd-ef01 "})
    assert response.status_code == 302
    assert response["Location"] == reverse("letter-verify", args=["ABCDEF01"])
    assert client.post(reverse("letter-verify-form"), {"code": ""}).status_code == 400


def test_chinese_letter_embeds_a_cjk_font_and_the_chinese_text(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks, language="zh-hans")
    letter = appointment.letter
    assert letter.language == "zh-hans"
    data = pdf_bytes(letter)
    text = flat(pdf_text(data))
    assert flat(w["warden"].name_zh) in text
    for duty in w["warden"].responsibilities.all():
        assert duty.reference in text
        assert flat(duty.text_zh)[:15] in text, duty.reference
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts") or []
            for descendant in descendants:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
    assert any("WenQuanYi" in f or "CJK" in f for f in fonts), fonts


def test_french_letter_quotes_the_english_catalogue(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    appointment = approve(w, django_capture_on_commit_callbacks, language="fr")
    text = flat(pdf_text(pdf_bytes(appointment.letter)))
    duty = w["warden"].responsibilities.get(paragraph=20, letter="a")
    assert flat(duty.text_en)[:40] in text


def test_the_letter_asks_for_no_resource(
    station_world, django_capture_on_commit_callbacks, fetches
):
    appointment = approve(station_world, django_capture_on_commit_callbacks)
    assert appointment.letter.sha256 and fetches == []
