"""Error pages: API clients get the JSON error format even for URLs no view matches."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "type": "client_error",
                "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
            },
            status=404,
        )
    return defaults.page_not_found(request, exception)


def too_large_message() -> str:
    return _("The request body is too large: at most %(size)s MB are accepted.") % {
        "size": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024), 1)
    }


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 for a refused request, except a body too big to read: that is a 413.

    A form posted over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused while the CSRF check reads
    it, before any view runs (issue 10, item 12). The page is plain: the request never
    reached the login middleware, so the site's layout cannot know who is asking. API views
    are exempt from that check and answer in their own format
    (``accountability.core.api.exceptions``).
    """
    if isinstance(exception, RequestDataTooBig):
        page = render_to_string("413.html", {"message": too_large_message()})
        return HttpResponse(page, status=413)
    # Django always passes the exception; the None default is only the handler's signature.
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]
