"""The PDF plumbing every document shares (letters, certificates, inspection reports):
the URL fetcher that refuses the network and the file system, and verification codes."""

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from accountability.core import pdfs


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_url_fetcher_refuses_the_file_system_and_the_network(tmp_path, fetches):
    secret = tmp_path / "secret.css"
    secret.write_text("body::after { content: 'LEAKED-FROM-DISK'; }")
    network = "http://127.0.0.1:9/x.css"
    fetcher = pdfs.url_fetcher()
    for url in (secret.as_uri(), network):
        with pytest.raises(ValueError):
            fetcher(url)
    html = (
        f'<link rel="stylesheet" href="{secret.as_uri()}">'
        f'<link rel="stylesheet" href="{network}">'
        f'<img src="{secret.as_uri()}"><p>body</p>'
    )
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert {secret.as_uri(), network} <= set(fetches)
    assert "LEAKED-FROM-DISK" not in pdf_text(pdf)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ab12-cd34 ef56", "AB12CD34EF56"),
        ("  ab12\tcd34--ef56\n", "AB12CD34EF56"),
        ("", ""),
        (None, ""),
        ("a" * 40, "A" * 32),
    ],
)
def test_verification_codes_are_read_in_any_case_with_spaces_or_dashes(typed, code):
    assert pdfs.normalize_code(typed) == code


def test_letters_certificates_and_reports_share_the_core_plumbing():
    from appointments import letters
    from inspections.services import reports
    from training.services import certificates

    for module in (letters, certificates, reports):
        assert not hasattr(module, "url_fetcher"), module.__name__
        assert not hasattr(module, "normalize_code"), module.__name__
