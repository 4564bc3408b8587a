"""No test module reads the clock at import time (conventions, 19).

A date computed when the module is imported disagrees with the one the code reads once a run
crosses midnight UTC; CI runs at any hour. Tests compute dates inside the test or freeze the
clock per test (time-machine). Function bodies and lambdas run later and may read it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "accountability",
    "actors",
    "appointments",
    "meetings",
    "training",
    "inspections",
    "tests",
)
CLOCK_READS = {"now", "today", "utcnow", "localdate", "localtime"}


def modules_to_check():
    yield ROOT / "conftest.py"
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "tests" in path.relative_to(ROOT).parts or path.name == "conftest.py":
                yield path


def clock_reads_at_import(tree: ast.Module) -> list[str]:
    found = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # Decorators and default values run at import; the body does not.
            for child in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                if child is not None:
                    visit(child)
            return
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            # time.time(), but not dt.time(12), which builds a time of day.
            owner = getattr(func, "value", None)
            epoch = name == "time" and isinstance(owner, ast.Name) and owner.id == "time"
            if name in CLOCK_READS or epoch:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_test_module_reads_the_clock_at_import():
    offenders = {
        str(path.relative_to(ROOT)): reads
        for path in modules_to_check()
        if (reads := clock_reads_at_import(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


def test_the_check_sees_module_level_reads_and_ignores_function_bodies():
    source = (
        "TODAY = timezone.localdate()\n"
        "def helper(start=dt.date.today()):\n"
        "    return timezone.now()\n"
        "class Factory:\n"
        "    at = factory.LazyFunction(lambda: timezone.now())\n"
        "    on = dt.datetime.now(dt.UTC)\n"
        "NOON = dt.time(12)\n"
        "STARTED = time.time()\n"
    )
    reads = clock_reads_at_import(ast.parse(source))
    assert [read.split(":")[0] for read in reads] == ["line 1", "line 2", "line 6", "line 8"]
