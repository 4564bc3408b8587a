"""What the training endpoints share: the courses a user may name in a body, and the people
columns every row about a person carries."""

from __future__ import annotations

from rest_framework import serializers

from accountability.core.api.fields import NamedChoiceField
from training.models import Course
from training.selectors import offered_courses

__all__ = ["NamedChoiceField", "OfferedCourseField"]


class OfferedCourseField(serializers.PrimaryKeyRelatedField):
    """A course id among those the user may take, teach or upload (UNSECOORD's, endorsed ones
    and the user's own agency's, see training_rules.courses_offered_q): another agency's
    unendorsed course is "does not exist", as on the pages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Course.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return Course.objects.none()
        return offered_courses(user)


def person_columns(prefix: str = "") -> tuple:
    """``values()`` columns naming the person (and dependant) a row is about."""
    # A model's own foreign keys keep their plain names: an annotation may not shadow a field.
    person = ("person", f"{prefix}person_id") if prefix else "person"
    dependant = ("dependant", f"{prefix}dependant_id") if prefix else "dependant"
    return (
        person,
        ("person_family_name", f"{prefix}person__family_name"),
        ("person_given_names", f"{prefix}person__given_names"),
        dependant,
        ("dependant_given_names", f"{prefix}dependant__given_names"),
    )


class PersonColumnsSerializer(serializers.Serializer):
    """The person columns of ``person_columns`` (for the schema)."""

    person = serializers.IntegerField()
    person_family_name = serializers.CharField()
    person_given_names = serializers.CharField()
    dependant = serializers.IntegerField(allow_null=True)
    dependant_given_names = serializers.CharField(allow_null=True)
