"""What the tests of both public verification pages check of the file check (issue 10): the
stored SHA-256 is shown, and the file input that the browser hashes belongs to no form, so
that nothing can be uploaded (templates/_verify_hash.html, static/js/verify-hash.js)."""

from html.parser import HTMLParser

from django.templatetags.static import static


class _FileInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open_forms = 0
        self.in_form: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.open_forms += 1
        elif tag == "input" and dict(attrs).get("type") == "file":
            self.in_form.append(self.open_forms > 0)

    def handle_endtag(self, tag):
        if tag == "form":
            self.open_forms -= 1


def file_inputs(page: str) -> list[bool]:
    """For each file input of the page, whether it sits inside a form."""
    parser = _FileInputs()
    parser.feed(page)
    return parser.in_form


def assert_file_check(page: str, sha256: str) -> None:
    assert len(sha256) == 64
    assert f'<code id="verify-hash-expected" class="verify-hash__value">{sha256}</code>' in page
    assert f'data-expected="{sha256}"' in page
    assert static("js/verify-hash.js") in page
    assert file_inputs(page) == [False]  # one input, in no form: nothing is submitted


def assert_no_file_check(page: str) -> None:
    assert "verify-hash" not in page
    assert file_inputs(page) == []
