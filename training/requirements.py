"""What each person must complete, and where they stand: reads of the requirement view.

The ``training_requirement`` view (migration 0002) derives one row per rule and person (or
eligible dependant) from the rules, the person's active or approved appointments, duty station
and its security phase, joined with the best completion that counts. Nothing is stored, so a
new appointment, a move or a phase change is reflected at once.

Status, for ``today`` and the due-soon window (``TRAINING_DUE_SOON_DAYS``):
- with a counting completion: EXPIRED after ``valid_until``; DUE_SOON when ``valid_until`` is
  within the window (the renewal is coming); COMPLIANT otherwise (or when it never expires);
- without one: OVERDUE after ``due_on``; DUE_SOON when ``due_on`` is within the window;
  NOT_DUE otherwise.
``valid_until`` is the last day a completion counts and ``due_on`` the last day to complete it:
on those days the requirement is still due soon, the day after it is expired or overdue.
The ``deadline`` is whichever of the two decides, and ``days_late`` counts from it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, DateField, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from accountability.core import scoping
from training.models import RequirementStatus as S
from training.models import TrainingRequirement

# The statuses that call for a reminder, most urgent first.
REMINDED = (S.EXPIRED, S.OVERDUE, S.DUE_SOON)
LATE = (S.EXPIRED, S.OVERDUE)


def window_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.TRAINING_DUE_SOON_DAYS)


def status_q(status: str, today: dt.date) -> Q:
    """Rows of one status, as plain column conditions (the planner can use them as such)."""
    soon = window_end(today)
    done = Q(completed_on__isnull=False)
    open_ = Q(completed_on__isnull=True)
    return {
        S.EXPIRED: done & Q(valid_until__lt=today),
        S.DUE_SOON: (done & Q(valid_until__gte=today, valid_until__lte=soon))
        | (open_ & Q(due_on__gte=today, due_on__lte=soon)),
        S.COMPLIANT: done & (Q(valid_until__isnull=True) | Q(valid_until__gt=soon)),
        S.OVERDUE: open_ & Q(due_on__lt=today),
        S.NOT_DUE: open_ & Q(due_on__gt=soon),
    }[status]


def statuses_q(statuses, today: dt.date) -> Q:
    result = Q(pk__in=[])
    for status in statuses:
        result |= status_q(status, today)
    return result


def status_case(today: dt.date) -> Case:
    return Case(
        *(When(status_q(status, today), then=Value(status.value)) for status in S),
        default=Value(S.NOT_DUE.value),
    )


def with_status(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Adds ``status``, ``deadline`` (the date that decides) and ``days_late`` to each row."""
    deadline = Coalesce("valid_until", "due_on", output_field=DateField())
    return queryset.annotate(
        status=status_case(today),
        deadline=deadline,
        days_late=Case(
            When(
                statuses_q(LATE, today),
                # date - date is a number of days in PostgreSQL (Django would make it an interval).
                then=Func(
                    Value(today, output_field=DateField()),
                    deadline,
                    template="(%(expressions)s)",
                    arg_joiner=" - ",
                    output_field=IntegerField(),
                ),
            ),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def requirements_for(user, *, today: dt.date, queryset: QuerySet | None = None) -> QuerySet:
    """The requirements of the people ``user`` may see, with their status."""
    return with_status(scoping.visible_to(user, TrainingRequirement, queryset), today)


def requirements_of(person, *, today: dt.date) -> QuerySet:
    """One person's requirements with status (for the person's own page; not scoped)."""
    return with_status(
        TrainingRequirement.objects.filter(person_id=person.pk), today
    ).select_related("rule", "dependant", "record__course")


def status_counts(queryset: QuerySet, today: dt.date, *group_by: str) -> QuerySet:
    """Counts by status per group (one GROUP BY): the compliance aggregation."""
    from django.db.models import Count

    counts = {status.value: Count("pk", filter=status_q(status, today)) for status in S}
    return queryset.values(*group_by).annotate(total=Count("pk"), **counts).order_by(*group_by)


__all__ = [
    "LATE",
    "REMINDED",
    "requirements_for",
    "requirements_of",
    "status_counts",
    "status_q",
    "statuses_q",
    "window_end",
    "with_status",
]
