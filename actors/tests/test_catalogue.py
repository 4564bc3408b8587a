"""The framework catalogue (migration 0003_catalogue) against the seed text of A/57/365 itself.

The expected counts are not written down here: they are read from the seed, so a duty missed,
invented or altered in actors/catalogue_data.py fails the test.
"""

import importlib
import os
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from actors.models import Competency, Responsibility

# The Chinese text of A/57/365 (a public UN document) ships with the project, so that these
# tests run on any checkout; ACC_SEED_PATH points them at another copy.
SHIPPED_SEED = Path(__file__).resolve().parents[1] / "data" / "a57_365.zh.txt"

# Who holds the lettered items of each paragraph of the main report (domain guide, role table).
REPORT_ROLES = {
    4: "executive_head",
    5: "executive_head",  # the system-wide arrangements the Executive Heads established
    7: "hq_focal_point",
    8: "designated_official",
    10: "fsco",
    11: "fsca",
    13: "agency_security_officer",
    15: "country_representative",
    16: "smt",
    18: "area_coordinator",
    20: "warden",
    22: "personnel",
}
# The last letter of each list, as the domain guide states it: a check on the parser itself.
LAST_LETTERS = {4: "i", 5: "f", 7: "i", 8: "p", 10: "q", 11: "e", 13: "h", 15: "n", 16: "h"}
LAST_LETTERS |= {18: "f", 20: "g", 22: "g"}
# Annex paragraphs the domain guide's role table assigns, which the catalogue must hold at least.
ANNEX_MINIMUM = {
    "executive_head": {8, 9, 25},
    "hq_focal_point": {9, 10, 11, 12, 13, 14},
    "designated_official": {21},
    "country_representative": {16, 18, 22, 23, 24, 28},
    "personnel": {20},
}
# ¶24: which role holds which item's list; (b) is "similar to the Designated Official's" (a).
COMPETENCY_HOLDERS = {
    "designated_official": ("a", "a"),
    "country_representative": ("b", "a"),
    "fsco": ("c", "c"),
    "agency_security_officer": ("c", "c"),
    "area_coordinator": ("d", "d"),
    "warden": ("d", "d"),
}

# The PDF extraction leaves blank lines, page numbers and the "A/57/365" running header between
# (and sometimes inside) paragraphs; none of them is text.
NOISE = re.compile(r"^\s*(?:\d{1,3}|A/57/365)?\s*$")
PARAGRAPH = re.compile(r"^\s*(\d{1,2})\.\s*(.*)$")
# Section headings: "三. …", "B. 外地地点"; numbered sub-headings ("2. 指定官员…") are told
# from paragraphs by their number, since paragraphs count up one by one and headings restart.
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+|[A-Z])\.\s")
ITEM = re.compile(r"^\s*\(([a-z])\)\s*(.*)$")


def parse_seed(text: str) -> dict[tuple[str, int], dict]:
    """{(source, paragraph): {"stem": text before the items, "items": {letter: text}}}.

    Lines are stripped and joined without a separator: Chinese wraps without spaces, and the
    comparisons below ignore whitespace anyway.
    """
    parsed: dict[tuple[str, int], dict[str, list]] = {}
    source, current, target = "report", 0, None
    for line in text.splitlines():
        stripped = line.strip()
        if NOISE.match(line):
            continue
        if stripped == "附件":  # the annex numbers its paragraphs from 1 again
            source, current, target = "annex", 0, None
            continue
        if stripped == "注":  # the report's footnotes follow ¶48
            target = None
            continue
        match = PARAGRAPH.match(line)
        if match and int(match.group(1)) == current + 1:
            current += 1
            entry = parsed.setdefault((source, current), {"stem": [], "items": {}})
            target = entry["stem"]
            target.append(match.group(2).strip())
            continue
        if match or HEADING.match(line):
            target = None
            continue
        match = ITEM.match(line)
        if match and target is not None:
            items = parsed[(source, current)]["items"]
            if match.group(1) == chr(ord("a") + len(items)):  # letters follow one another
                target = items.setdefault(match.group(1), [])
                target.append(match.group(2).strip())
                continue
        if target is not None:
            target.append(stripped)
    return {
        key: {
            "stem": "".join(entry["stem"]),
            "items": {letter: "".join(lines) for letter, lines in entry["items"].items()},
        }
        for key, entry in parsed.items()
    }


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def competency_names(item_text: str) -> list[str]:
    """The names of one ¶24 item: after "：", split on "、"; the closing 和 is the list's "and"."""
    names = item_text.split("：", 1)[1].rstrip("；。").split("、")
    return names[:-1] + names[-1].split("和")


@pytest.fixture(scope="module")
def seed() -> dict[tuple[str, int], dict]:
    path = Path(os.environ.get("ACC_SEED_PATH") or SHIPPED_SEED)
    if not path.is_file():  # never a skip: a catalogue unchecked against its source passes
        pytest.fail(f"seed text of A/57/365 not found at {path} (ACC_SEED_PATH)")
    return parse_seed(path.read_text(encoding="utf-8"))


def test_the_seed_text_ships_with_the_project():
    text = SHIPPED_SEED.read_text(encoding="utf-8")
    parsed = parse_seed(text)
    assert "A/57/365" in text
    # The report's ¶1–¶48 and the annex's paragraphs: the whole document, not an excerpt.
    assert {n for source, n in parsed if source == "report"} == set(range(1, 49))
    assert ("annex", 28) in parsed


@pytest.mark.parametrize("paragraph", sorted(LAST_LETTERS))
def test_parser_finds_every_lettered_item(seed, paragraph):
    letters = list(seed[("report", paragraph)]["items"])
    assert letters[-1] == LAST_LETTERS[paragraph]
    assert letters == [chr(ord("a") + i) for i in range(len(letters))]


@pytest.mark.django_db
@pytest.mark.parametrize("paragraph", sorted(REPORT_ROLES))
def test_report_paragraph_matches_seed(seed, paragraph):
    expected = seed[("report", paragraph)]["items"]
    rows = list(
        Responsibility.objects.filter(source="report", paragraph=paragraph)
        .select_related("role")
        .order_by("letter")
    )
    assert len(rows) == len(expected)
    assert [row.letter for row in rows] == list(expected)
    assert {row.role.code for row in rows} == {REPORT_ROLES[paragraph]}
    for row in rows:
        assert squash(row.text_zh) == squash(expected[row.letter]), row.reference
        assert "\n" not in row.text_zh and "A/57/365" not in row.text_zh, row.reference
        assert row.text_en.strip(), row.reference


@pytest.mark.django_db
def test_no_other_report_paragraph_is_catalogued():
    paragraphs = set(
        Responsibility.objects.filter(source="report").values_list("paragraph", flat=True)
    )
    assert paragraphs == set(REPORT_ROLES)


@pytest.mark.django_db
def test_annex_rows_are_the_seeds_paragraphs(seed):
    rows = list(Responsibility.objects.filter(source="annex").select_related("role"))
    assert rows
    held: dict[str, set[int]] = {}
    for row in rows:
        assert row.letter == "", row.reference
        assert squash(row.text_zh) == squash(seed[("annex", row.paragraph)]["stem"]), row.reference
        assert row.text_en.strip(), row.reference
        held.setdefault(row.role.code, set()).add(row.paragraph)
    for role, paragraphs in ANNEX_MINIMUM.items():
        assert paragraphs <= held.get(role, set()), role


@pytest.mark.django_db
def test_every_role_with_lettered_duties_is_present():
    roles = set(Responsibility.objects.filter(source="report").values_list("role__code", flat=True))
    assert roles == set(REPORT_ROLES.values())


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(COMPETENCY_HOLDERS))
def test_competencies_match_seed(seed, role):
    items = seed[("report", 24)]["items"]
    assert list(items) == ["a", "b", "c", "d"]
    assert "与指定官员相似" in items["b"]  # (b) has no list of its own: (a)'s applies
    item, listed_in = COMPETENCY_HOLDERS[role]
    expected = competency_names(items[listed_in])
    rows = list(Competency.objects.filter(role__code=role).order_by("position"))
    assert len(rows) == len(expected)
    assert [row.name_zh for row in rows] == expected
    assert [row.position for row in rows] == list(range(1, len(expected) + 1))
    assert {row.paragraph_letter for row in rows} == {item}
    assert all(row.name_en.strip() for row in rows)
    for name in expected:
        assert name in items[listed_in]


@pytest.mark.django_db
def test_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("actors.migrations.0003_catalogue")

    def counts():
        return Responsibility.objects.count(), Competency.objects.count()

    loaded = counts()
    assert loaded[0] and loaded[1]
    migration.load(django_apps, None)
    assert counts() == loaded
    migration.unload(django_apps, None)
    assert counts() == (0, 0)
    migration.load(django_apps, None)
    assert counts() == loaded
