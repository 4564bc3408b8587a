from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse


class HealthCheckMiddleware:
    """Answers /healthz before host validation, so container probes on 127.0.0.1 work."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except Exception as exc:  # the probe reports any database failure as unhealthy
                return JsonResponse({"status": "error", "database": str(exc)}, status=503)
            return JsonResponse({"status": "ok"})
        return self.get_response(request)
