"""accountability.core.panels: apps above actors add panels to actors' pages (the dashboard, a
duty station's page) without actors importing them."""

from pathlib import Path

import pytest

import actors
from accountability.core import panels
from tests.imports import imported_modules


@pytest.mark.parametrize("above", ["training", "inspections"])
def test_actors_imports_neither_training_nor_inspections(above):
    """Actors sits at the bottom of the domain apps: its code and its tests import nothing
    of training or inspections (the demo and the dashboard get them through the core's
    registries). Structure is left to the appointments work (issue 11, item 2)."""
    root = Path(actors.__file__).parent
    offending = sorted(
        f"{path.relative_to(root.parent)}: {name}"
        for path in root.rglob("*.py")
        for name in imported_modules(path)
        if name == above or name.startswith(f"{above}.")
    )
    assert offending == []


def test_the_dashboard_panels_come_in_a_stable_order():
    assert [(p.name, p.data) for p in panels.registered("dashboard")] == [
        ("training", "training.panels.my_training"),
        ("inspections", "inspections.panels.findings_to_rectify"),
    ]
    assert [(p.name, p.data) for p in panels.registered("duty_station")] == [
        ("inspections", "inspections.panels.station_compliance"),
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
