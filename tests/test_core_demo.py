"""accountability.core.demo: each app seeds its own demo rows, run in dependency order by the
one seed_demo orchestrator; the core knows the seeders by their dotted paths only."""

from pathlib import Path

import pytest
from django.apps import apps as django_apps

from accountability.core import demo
from tests.imports import imported_modules

CORE_DEMO = Path(demo.__file__).parent


def test_the_apps_register_their_seeders_actors_first():
    """Registered from each AppConfig.ready(): actors (who and where) before the apps whose
    rows point at them, appointments next (the roles the actors' plan gave out, the logins'
    rights), training before inspections as the seed has always run."""
    order = [registration.name for registration in demo.registered()]
    assert order == ["actors", "appointments", "training", "inspections", "meetings"]
    assert [r.seeder for r in demo.registered()] == [
        "actors.demo.seed.seed_actors",
        "appointments.demo.seed_appointments",
        "training.demo.seed_training",
        "inspections.demo.seed_inspections",
        "meetings.demo.seed_meetings",
    ]


def test_seeders_run_after_those_they_name_whatever_their_names(monkeypatch):
    monkeypatch.setattr(demo, "_registry", {})
    demo.register("alpha", "x.alpha", after=("zulu",))
    demo.register("mike", "x.mike", after=("alpha", "zulu"))
    demo.register("bravo", "x.bravo")
    demo.register("zulu", "x.zulu")
    # By name, each seeder preceded by those it names: stable whatever the registration order.
    assert [r.name for r in demo.registered()] == ["zulu", "alpha", "bravo", "mike"]
    # Registering again (ready() may run twice in a process) replaces, never duplicates.
    demo.register("bravo", "x.bravo")
    assert [r.name for r in demo.registered()] == ["zulu", "alpha", "bravo", "mike"]


@pytest.mark.parametrize(
    ("registrations", "message"),
    [
        ({"a": ("b",)}, "no demo seeder named 'b'"),
        ({"a": ("b",), "b": ("a",)}, "in a circle"),
    ],
)
def test_a_missing_or_circular_dependency_is_refused(monkeypatch, registrations, message):
    monkeypatch.setattr(demo, "_registry", {})
    for name, after in registrations.items():
        demo.register(name, f"x.{name}", after=after)
    with pytest.raises(RuntimeError, match=message):
        demo.registered()


def test_the_demo_core_imports_no_app():
    root = Path(__file__).resolve().parent.parent
    apps = {
        config.name.split(".")[0]
        for config in django_apps.get_app_configs()
        if Path(config.path).resolve().parent == root
    }
    assert {"actors", "appointments", "meetings", "training", "inspections"} <= apps
    for path in sorted(CORE_DEMO.glob("*.py")):
        imported = imported_modules(path)
        assert not {name for name in imported if name.split(".")[0] in apps}, path
