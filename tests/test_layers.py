"""The allowed direction of imports (README, "How it is built"), checked on every test run and
not only by ``make lint``: each app imports only the apps below it, the core imports none."""

from __future__ import annotations

import os
from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_the_apps_import_only_the_layers_below_them(capsys):
    cwd = Path.cwd()
    os.chdir(ROOT)  # the contract lives in pyproject.toml at the root
    try:
        status = lint_imports(no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report
    assert "1 kept, 0 broken" in report
