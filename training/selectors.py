"""Reads of the training app, built on the scoping module and the requirement view."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from accountability.core import scoping
from training import requirements
from training import rules as training_rules
from training.models import Course, Delivery, Question, RequirementStatus, TrainingRequirement

# Filters the station and organization views and the API share (query parameter -> column).
REQUIREMENT_FILTERS = {
    "organization": "organization_id",
    "duty_station": "duty_station_id",
    "person": "person_id",
    "course_kind": "course_kind",
    "rule": "rule_id",
    "rule_kind": "rule_kind",
    "role": "role_id",
}


def requirement_rows(user, *, today: dt.date, statuses=(), **filters) -> QuerySet:
    """The requirements ``user`` may see, with status, narrowed by ``filters`` (keys of
    REQUIREMENT_FILTERS, values ids or codes) and by status."""
    queryset = TrainingRequirement.objects.all()
    for name, value in filters.items():
        if value in (None, ""):
            continue
        queryset = queryset.filter(**{REQUIREMENT_FILTERS[name]: value})
    if statuses:
        queryset = queryset.filter(requirements.statuses_q(statuses, today))
    return requirements.requirements_for(user, today=today, queryset=queryset)


GROUPINGS = {
    "organization": ("organization_id", "organization__code"),
    "duty_station": ("duty_station_id", "duty_station__name"),
}


def compliance(user, *, today: dt.date, group_by=("organization", "duty_station"), **filters):
    """Counts and percentages by status per group, over the requirements ``user`` may see:
    one GROUP BY on the requirement view (the compliance aggregation of issue 4)."""
    queryset = scoping.visible_to(user, TrainingRequirement)
    for name, value in filters.items():
        if value not in (None, ""):
            queryset = queryset.filter(**{REQUIREMENT_FILTERS[name]: value})
    columns = [column for name in group_by for column in GROUPINGS[name]]
    rows = requirements.status_counts(queryset, today, *columns)
    result = []
    for row in rows:
        total = row["total"]
        shaped = {name: row[GROUPINGS[name][0]] for name in group_by}
        shaped |= {f"{name}_label": row[GROUPINGS[name][1]] for name in group_by}
        shaped["total"] = total
        for status in RequirementStatus:
            count = row[status.value]
            shaped[status.value] = count
            shaped[f"{status.value}_percent"] = round(100 * count / total, 1) if total else 0.0
        result.append(shaped)
    return result


def offered_courses(user) -> QuerySet:
    """Active courses ``user`` may take, teach or upload (``training.rules.courses_offered_q``)."""
    return Course.objects.filter(training_rules.courses_offered_q(user), is_active=True)


def has_test_q() -> Q:
    """Courses with the computer-generated test of ¶32: online, with a question bank."""
    return Q(delivery=Delivery.ONLINE) & Q(
        Exists(Question.objects.filter(course_id=OuterRef("pk"), is_active=True))
    )


def testable_courses(user) -> QuerySet:
    return offered_courses(user).filter(has_test_q())


def offered(user, course: Course) -> bool:
    return offered_courses(user).filter(pk=course.pk).exists()
