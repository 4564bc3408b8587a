"""Request parsers of every /api/v1/ endpoint.

DRF's JSON parser turns only ``ValueError`` into a 400; JSON nested deeper than Python's
recursion limit (``[[[[…]]]]`` 100,000 deep, a 200 KB body) raises ``RecursionError`` and
answered 500 (issue 10, item 12). Views that name their parsers use these too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the data is nested too deeply.")) from None


# Views naming their parsers import all three from here, so none picks DRF's JSON parser.
FormParser = parsers.FormParser
MultiPartParser = parsers.MultiPartParser
