"""The course catalogue: agencies add their own courses; UNSECOORD endorses them (annex ¶26)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from training.models import Course

COURSE_FIELDS = (
    "code",
    "title",
    "title_fr",
    "title_zh",
    "kind",
    "delivery",
    "validity_months",
    "paragraph",
    "description",
    "pass_mark",
    "questions_per_test",
    "is_active",
)


def _check_fields(fields) -> None:
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})


@transaction.atomic
def course_create(*, actor, provider, **fields) -> Course:
    """An agency's course (it counts once endorsed) or, by UNSECOORD, a framework course."""
    _check_fields(fields)
    g = scoping.grants(actor)
    if not (
        actor.is_superuser
        or g.holds_globally("endorse_courses")
        or provider.pk in g.ids("organization", "train")
    ):
        raise ValidationError({"provider": [_("You may not add courses for this provider.")]})
    course = Course(provider=provider, **fields)
    if Course.objects.filter(code=course.code).exists():
        raise ValidationError({"code": [_("This code is already used by another course.")]})
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **changes) -> Course:
    _check_fields(changes)
    if not scoping.can_change(actor, course):
        raise ValidationError({"__all__": [_("You may not change this course.")]})
    for name, value in changes.items():
        setattr(course, name, value)
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_endorse(*, actor, course: Course) -> Course:
    """UNSECOORD endorses an agency's course: its completions count from now (annex ¶26)."""
    if not (actor.is_superuser or scoping.grants(actor).holds_globally("endorse_courses")):
        raise ValidationError({"__all__": [_("Only UNSECOORD endorses courses.")]})
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    if course.endorsed_at is None and not course.provider.is_unsecoord:
        course.endorsed_at = timezone.now()
        course.endorsed_by = actor
        course.save(update_fields=["endorsed_at", "endorsed_by", "updated_at"])
    return course
