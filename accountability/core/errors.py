"""Error pages: API clients get the JSON error format even for URLs no view matches."""

from django.http import JsonResponse
from django.views import defaults


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "type": "client_error",
                "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
            },
            status=404,
        )
    return defaults.page_not_found(request, exception)
