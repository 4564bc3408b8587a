"""The French and Chinese catalogues are complete: every message translated, none fuzzy.

A page that falls back to English in the middle of a French or Chinese screen is a bug the
eye misses; this catches it when `make messages` brings in new strings.
"""

from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def entries(path: Path):
    """(flags, msgid, [msgstr, ...]) for each entry of a .po file, the header left out."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        parts: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                parts[key] += line[1:-1]
            else:
                key, _, value = line.partition(" ")
                parts[key] = value[1:-1]
        if parts.get("msgid"):
            yield flags, parts["msgid"], [v for k, v in parts.items() if k.startswith("msgstr")]


@pytest.mark.parametrize("language", ["fr", "zh_Hans"])
def test_every_message_is_translated(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    found = list(entries(path))
    assert len(found) > 1000
    untranslated = [msgid for _flags, msgid, strs in found if not all(strs)]
    fuzzy = [msgid for flags, msgid, _strs in found if "fuzzy" in flags]
    assert not untranslated, f"untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
