"""Fixtures shared by the actors tests (the web pages' world lives in web_fixtures)."""

from actors.tests.stafflist_helpers import lists  # noqa: F401
from actors.tests.web_fixtures import web_world  # noqa: F401
