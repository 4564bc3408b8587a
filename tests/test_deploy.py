"""Production settings: `check --deploy` passes, and unsafe starts are refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "k" * 20 + "-production-secret-for-the-deploy-check-0123456789"


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accountability.settings.production",
        "ACC_SECRET_KEY": GOOD_KEY,
        "ACC_ALLOWED_HOSTS": "security.example.org",
        **env_overrides,
    }
    env.pop("ACC_DEBUG", None) if "ACC_DEBUG" not in env_overrides else None
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_debug():
    result = run_manage("check", "--deploy", ACC_DEBUG="true")
    assert result.returncode != 0
    assert "acc.E001" in result.stderr


def test_check_deploy_refuses_the_default_secret_key():
    result = run_manage("check", "--deploy", ACC_SECRET_KEY="dev-insecure-secret-key-change-me")
    assert result.returncode != 0
    assert "acc.E002" in result.stderr


def test_malformed_boolean_is_refused_with_its_name():
    result = run_manage("check", ACC_DEBUG="perhaps")
    assert result.returncode != 0
    assert "ACC_DEBUG='perhaps' is not a boolean" in result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(GOOD_KEY + "\n")
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ACC_SECRET_KEY="",
        ACC_SECRET_KEY_FILE=str(secret),
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_start_is_refused_with_unapplied_migrations(settings, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from accountability.core import checks

    settings.PRODUCTION = True
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    checks.refuse_unsafe_start()  # migrated test database: starts
    monkeypatch.setattr(checks, "unapplied_migrations", lambda using="default": ["actors.9999_new"])
    with pytest.raises(ImproperlyConfigured, match="unapplied migrations: actors.9999_new"):
        checks.refuse_unsafe_start()


@pytest.mark.django_db
def test_start_is_refused_with_debug_on(settings):
    from django.core.exceptions import ImproperlyConfigured

    from accountability.core.checks import refuse_unsafe_start

    settings.PRODUCTION = True
    settings.DEBUG = True
    settings.SECRET_KEY = GOOD_KEY
    with pytest.raises(ImproperlyConfigured, match="DEBUG is on"):
        refuse_unsafe_start()


def test_health_check_answers_for_any_host(client, db):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
