"""A service that writes takes its arguments by keyword (``entity_action(*, actor, …)``), so a
call reads as what it does and a swapped argument is an error, not a wrong row. A writer is a
public function of a ``services`` module that is atomic or saves, creates, updates, deletes,
sends or queues something; what only computes or answers a question may take positional
arguments."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("actors", "appointments", "meetings", "training", "inspections")
WRITES = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "send_mail",
    "send",
    "delay",
    "apply_async",
    "on_commit",
}


def _service_modules():
    for app in APPS:
        yield from sorted((ROOT / app).glob("services/*.py"))
        if (ROOT / app / "services.py").exists():
            yield ROOT / app / "services.py"


def _writers():
    for path in _service_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            atomic = any("atomic" in ast.unparse(d) for d in node.decorator_list)
            writes = any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in WRITES
                for call in ast.walk(node)
            )
            if atomic or writes:
                yield path.relative_to(ROOT), node


def test_every_writing_service_takes_keyword_arguments_only():
    writers = list(_writers())
    assert len(writers) > 40  # the rule reads every app's services
    positional = [
        f"{path}:{node.name}"
        for path, node in writers
        if node.args.posonlyargs or node.args.args or node.args.vararg
    ]
    assert positional == []
