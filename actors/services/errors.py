from django.core.exceptions import ValidationError


def fail(field: str, message) -> None:
    """Raise a validation error naming the field (``__all__`` for the whole object)."""
    raise ValidationError({field: [message]})
