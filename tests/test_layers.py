"""The allowed direction of imports (README, "How it is built"), checked on every test run and
not only by ``make lint``: each app imports only the apps below it, the core imports none."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]


def test_the_apps_import_only_the_layers_below_them():
    # In a process of its own: import-linter sets up logging for its command line.
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; "
            "lint_imports_command(['--no-cache'])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_app_of_the_project_is_tested_and_layered():
    """An app missing from pytest's testpaths has its tests silently skipped; one missing from
    the import contract escapes it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    layered = set(config["tool"]["importlinter"]["root_packages"])
    ours = set()
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        # The project's own apps, not the libraries of a virtualenv kept in the checkout.
        if path.is_relative_to(ROOT) and not path.relative_to(ROOT).parts[0].startswith("."):
            ours.add(app.name.split(".")[0])
    assert {"accountability", "actors", "appointments", "meetings"} <= ours
    assert ours <= testpaths
    assert ours <= layered
    assert all((ROOT / path).is_dir() for path in testpaths)
