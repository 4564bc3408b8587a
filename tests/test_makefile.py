"""`make test` installs its Debian packages through apt without failing at once when another
apt or dpkg holds the lock (`make system-deps`). apt-get itself is replaced by a script here:
the tests run make, never apt."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args: str, path: str | None = None, **variables: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path or os.environ["PATH"]}
    assignments = [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-s", "-f", str(ROOT / "Makefile"), *args, *assignments],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def fake_apt(tmp_path):
    """An apt-get that answers ``update`` with the lock error LOCKED_TIMES times (or an
    error of APT_ERROR), logs its arguments, and a sleep that does not sleep."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    (bin_dir / "apt-get").write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {log}\n'
        'case "$*" in *update*)\n'
        f"  n=$(grep -c update {log})\n"
        '  if [ -n "$APT_ERROR" ]; then echo "$APT_ERROR" >&2; exit 100; fi\n'
        f'  if [ "$n" -le "$LOCKED_TIMES" ]; then echo "{LOCKED}" >&2; exit 100; fi;;\n'
        "esac\n"
    )
    (bin_dir / "sleep").write_text("#!/bin/sh\n")
    for script in bin_dir.iterdir():
        script.chmod(0o755)
    return {"path": f"{bin_dir}:{os.environ['PATH']}", "log": log}


def install_chromium(fake_apt, **variables):
    probe = "probe: ; @$(APT_UPDATE); $(APT_GET) install -y chromium"
    result = make(f"--eval={probe}", "probe", path=fake_apt["path"], **variables)
    calls = fake_apt["log"].read_text().splitlines() if fake_apt["log"].exists() else []
    return result, calls


def test_every_apt_get_of_system_deps_waits_for_the_lock():
    recipe = make("-n", "system-deps").stdout
    apt_calls = re.findall(r"(?<!sudo )apt-get[^;|&]*", recipe)  # not the hints to root
    assert len(apt_calls) == 6  # update and install, for each of the three packages
    assert all("-o DPkg::Lock::Timeout=300" in call for call in apt_calls)
    assert "until out=" in recipe  # update is retried: the option does not cover its lock


def test_update_is_retried_while_another_apt_holds_the_lock(fake_apt, monkeypatch):
    monkeypatch.setenv("LOCKED_TIMES", "2")
    result, calls = install_chromium(fake_apt)
    assert result.returncode == 0, result.stderr
    assert [call.split()[-1] for call in calls] == ["update", "update", "update", "chromium"]
    assert "waiting for another apt to finish" in result.stderr


def test_update_gives_up_after_apt_lock_wait(fake_apt, monkeypatch):
    monkeypatch.setenv("LOCKED_TIMES", "1000")
    result, calls = install_chromium(fake_apt, APT_LOCK_WAIT="10")
    assert result.returncode != 0
    assert len(calls) == 3  # at 0, 5 and 10 seconds; chromium never installed
    assert LOCKED in result.stderr


def test_any_other_update_error_fails_at_once(fake_apt, monkeypatch):
    monkeypatch.setenv("LOCKED_TIMES", "0")
    monkeypatch.setenv("APT_ERROR", "E: Failed to fetch http://deb.debian.org/ Temporary failure")
    result, calls = install_chromium(fake_apt)
    assert result.returncode != 0
    assert len(calls) == 1
    assert "Temporary failure" in result.stderr
