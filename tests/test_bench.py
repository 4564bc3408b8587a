"""The benchmark's own plumbing (``make bench``): its steps must run to the end, and a step
that fails must say why."""

import datetime as dt

import pytest

from bench.__main__ import _json_from, _text_from
from bench.training_scan import _clear


@pytest.mark.django_db
def test_clearing_the_broker_folder_keeps_kombus_control_directory(tmp_path):
    # What kombu's filesystem transport leaves between two scans: one file per published
    # message, and its fanout bindings in control/ (the folder _setup names).
    (tmp_path / "message-1.msg").write_text("{}")
    (tmp_path / "message-2.msg").write_text("{}")
    (tmp_path / "control").mkdir()
    (tmp_path / "control" / "celery.pidbox.exchange").write_text("[]")

    _clear(dt.date(2026, 6, 16), tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["control"]
    assert (tmp_path / "control" / "celery.pidbox.exchange").exists()


@pytest.mark.parametrize("run", [_text_from, _json_from])
def test_a_failing_step_prints_its_error_output(run, capsys):
    with pytest.raises(SystemExit) as excinfo:
        run("bench.no_such_step", "postgres://nowhere/none")
    err = capsys.readouterr().err
    # The subprocess's own message, not just "returned non-zero exit status 1".
    assert "No module named bench.no_such_step" in err
    assert "python -m bench.no_such_step" in str(excinfo.value)
