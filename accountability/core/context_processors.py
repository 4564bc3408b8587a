from typing import Any

from django.conf import settings
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Values every page's layout needs: the languages and whether the language is RTL."""
    from django.utils.translation import get_language_bidi

    return {"LANGUAGES": settings.LANGUAGES, "LANGUAGE_BIDI": get_language_bidi()}
