"""accountability.core.panels: apps above actors add panels to actors' pages (the dashboard, a
duty station's page) and columns to its lists without actors importing them."""

import re
from pathlib import Path

import pytest
from django.db.models import Value

import actors
from accountability.core import panels
from actors.models import Country
from tests.imports import imported_modules


@pytest.mark.parametrize("above", ["training", "inspections"])
def test_actors_imports_neither_training_nor_inspections(above):
    """Actors sits at the bottom of the domain apps: its code and its tests import nothing
    of training or inspections (the demo and the dashboard get them through the core's
    registries). Appointments and meetings, which actors' tests do use, are kept out of its
    code by tests/test_layers.py and out of its templates by the test below."""
    root = Path(actors.__file__).parent
    offending = sorted(
        f"{path.relative_to(root.parent)}: {name}"
        for path in root.rglob("*.py")
        for name in imported_modules(path)
        if name == above or name.startswith(f"{above}.")
    )
    assert offending == []


def test_actors_templates_use_no_template_or_tag_of_the_apps_above():
    """The pages of actors show the apps above through panels only: no template of theirs is
    included or extended, no tag library of theirs loaded."""
    root = Path(actors.__file__).parent.parent / "templates" / "actors"
    above = ("appointments", "meetings", "training", "inspections")
    libraries = {
        module.stem
        for app in above
        for module in (root.parent.parent / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }
    offending = []
    for path in sorted(root.rglob("*.html")):
        text = path.read_text()
        for tag in re.findall(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)", text):
            if tag.split("/")[0] in above:
                offending.append(f"{path.name}: {tag}")
        for load in re.findall(r"{%\s*load\s+([^%]+)%}", text):
            offending += [
                f"{path.name}: {{% load {lib} %}}" for lib in load.split() if lib in libraries
            ]
    assert libraries and offending == []


def test_the_panels_and_columns_come_in_a_stable_order():
    assert [(p.name, p.data) for p in panels.registered("dashboard")] == [
        ("appointments", "appointments.panels.my_appointments"),
        ("training", "training.panels.my_training"),
        ("inspections", "inspections.panels.findings_to_rectify"),
        ("appointments_ending", "appointments.panels.ending_soon"),
        ("structure_gaps", "appointments.panels.structure_gaps"),
    ]
    assert [(p.name, p.data) for p in panels.registered("duty_station")] == [
        ("inspections", "inspections.panels.station_compliance"),
        ("appointments", "appointments.panels.station_structure"),
        ("meetings", "meetings.panels.station_meetings"),
        ("representative", "appointments.panels.representative"),
    ]
    for page in ("area", "warden_zone", "person", "country"):
        assert [p.data.split(".")[0] for p in panels.registered(page)] == ["appointments"]
    assert [(c.name, c.value) for c in panels.registered_columns("area_list")] == [
        ("coordinator", "appointments.panels.area_coordinator_cell"),
    ]
    assert [(c.name, c.value) for c in panels.registered_columns("warden_zone_list")] == [
        ("warden", "appointments.panels.zone_warden_cell"),
    ]


def test_panels_show_in_order_and_a_none_leaves_one_out(monkeypatch):
    monkeypatch.setattr(panels, "_registry", {})
    panels.register("page", "late", template="late.html", data="builtins.dict", order=9)
    panels.register("page", "b", template="b.html", data="builtins.dict", order=1)
    panels.register("page", "a", template="a.html", data="builtins.dict", order=1)
    panels.register("page", "gone", template="gone.html", data="builtins.print", order=5)
    panels.register("other", "x", template="x.html", data="builtins.dict")
    shown = panels.for_page("page", sep="")  # print(sep="") answers None: left out
    assert [(p["name"], p["template"], p["data"]) for p in shown] == [
        ("a", "a.html", {"sep": ""}),
        ("b", "b.html", {"sep": ""}),
        ("late", "late.html", {"sep": ""}),
    ]


def _flag() -> dict:
    return {"flag": Value(True)}


def _cell(row) -> str:
    return "yes" if row.flag else "no"


def test_columns_added_to_a_list_annotate_its_rows_and_come_in_order(monkeypatch):
    monkeypatch.setattr(panels, "_columns", {})
    here = "tests.test_core_panels"
    panels.register_column(
        "list", "late", label="Late", annotations=f"{here}._flag", value=f"{here}._cell", order=9
    )
    panels.register_column(
        "list", "early", label="Early", annotations=f"{here}._flag", value=f"{here}._cell", order=1
    )
    panels.register_column(
        "other", "x", label="X", annotations="builtins.dict", value="builtins.str"
    )
    assert [(label, value) for label, value in panels.columns("list")] == [
        ("Early", _cell),
        ("Late", _cell),
    ]
    qs = panels.annotate("list", Country.objects.all())
    assert "flag" in qs.query.annotations  # in the list's own SELECT
    assert panels.annotate("nothing", Country.objects.all()).query.annotations == {}
