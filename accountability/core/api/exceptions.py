"""The API's error format (drf-standardized-errors) for errors Django raises, not DRF.

Django refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``) and forms
with too many fields or files; inside an API view these reached drf-standardized-errors as
unknown exceptions and answered 500 (issue 10, item 12). They are the client's error: a 413
for the size, a 400 for the rest, in the same body as every other error.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext as _
from drf_standardized_errors.handler import ExceptionHandler as StandardExceptionHandler
from rest_framework import exceptions, status

from accountability.core.errors import too_large_message


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self) -> None:
        super().__init__(detail=too_large_message())


class ExceptionHandler(StandardExceptionHandler):
    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig):
            return RequestTooLarge()
        if isinstance(exc, TooManyFieldsSent):
            return exceptions.ParseError(
                _("The form has too many fields: at most %(count)s are accepted.")
                % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
            )
        if isinstance(exc, TooManyFilesSent):
            return exceptions.ParseError(
                _("The form has too many files: at most %(count)s are accepted.")
                % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
            )
        return super().convert_known_exceptions(exc)
