"""What the inspection pages share: how a service's refusal reaches the user, and the open or
closed filter of the follow-up and non-compliance lists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accountability.core.views import apply_service_errors


@contextmanager
def service_errors(form, *, aliases: dict[str, str] | None = None) -> Iterator[None]:
    """Run a service call for a posted ``form``: its ``ValidationError`` lands on the form's
    fields (``aliases`` renames the service's field names to the form's; the caller checks
    ``form.errors`` afterwards), and ``PermissionDenied`` answers 404 like any object out of
    the user's scope, never 403."""
    try:
        yield
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        if aliases and hasattr(exc, "error_dict"):
            exc = ValidationError(
                {aliases.get(field, field): texts for field, texts in exc.message_dict.items()}
            )
        apply_service_errors(form, exc)


def by_state(queryset, state: str, field: str):
    """``state`` "open": the rows without ``field`` (the time of completion or closing) yet;
    "closed": those with one; anything else: all of them."""
    if state in ("open", "closed"):
        return queryset.filter(**{f"{field}__isnull": state == "open"})
    return queryset
