"""Serializer fields every app's API shares."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_choice_field
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as its own named enum component (``CourseKindEnum``, ...).

    drf-spectacular names enums after the field, so a second ``kind`` or ``status`` with other
    choices would collide with the organization's kind or the appointment's status (a schema
    warning) and rename their enums; a name of its own avoids both.
    """

    def __init__(self, choices: Any, *, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(choices=choices, **kwargs)


# drf-spectacular's extension registry (__init_subclass__) is untyped.
class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    target_class = NamedChoiceField

    def get_name(self) -> str:
        name: str = self.target.enum_name
        return name

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        schema = build_choice_field(self.target)
        schema.pop("x-spec-enum-id", None)
        return schema
