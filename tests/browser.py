"""What the browser tests share: Debian's chromium driven by Playwright, never a downloaded
browser (``make system-deps`` installs ``/usr/bin/chromium``). ACC_SCREENSHOT_DIR keeps
screenshots of the pages. The fixtures are registered by the root conftest."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)",
    ),
    # Transactional: the live server's thread must see the rows. serialized_rollback reloads
    # the roles and the catalogue loaded by migrations, which the flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("allow_orm_beside_playwright", "close_leftover_connections"),
]


@pytest.fixture
def allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    still synchronous, one at a time. Scoped to the browser tests (monkeypatch), so that
    other tests' subprocesses do not inherit it."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def close_leftover_connections(django_db_setup, django_db_blocker):
    """A live-server request thread can outlive its test (the browser closes while a request
    it started is still served), keeping a session of the test database open, which could
    then not be dropped. End such sessions once, when the browser tests are over, before the
    database is dropped: ended after each test, they took with them connections that the
    next test still used (the test thread's own, under Playwright's event loop)."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        if browser.is_connected():
            context.close()
            browser.close()


def shoot(page, name):
    folder = os.environ.get("ACC_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
