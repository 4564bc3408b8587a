"""Reads of staff lists, built on ``accountability.core.scoping``.

A "list" is one organization's people at one duty station. A user may see a list when it may
see some of its people (``visible_to(user, Person)``) or keeps it
(``scoping.may_create(user, Person, organization=…, duty_station=…)``); anything else answers
404, as do unknown ids.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.utils import timezone

from accountability.core import scoping
from actors import rules as actor_rules
from actors.models import DutyStation, Organization, Person, StaffListConfirmation


def _as_id(value) -> int:
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        raise Http404 from None
    if pk <= 0 or pk > 2**63 - 1:
        raise Http404
    return pk


def get_list_for_user(user, organization_id, duty_station_id, *, keep: bool = False):
    """(organization, duty_station) of a list ``user`` may see (or keep), else 404."""
    org_pk, station_pk = _as_id(organization_id), _as_id(duty_station_id)
    organization = Organization.objects.filter(pk=org_pk).first()
    station = DutyStation.objects.filter(pk=station_pk).first()
    if organization is None or station is None or not getattr(user, "is_authenticated", False):
        raise Http404
    keeps = scoping.may_create(user, Person, organization=organization, duty_station=station)
    if keep and not keeps:
        raise Http404
    if not keeps and not (
        scoping.visible_to(user, Person)
        .filter(organization=organization, duty_station=station)
        .exists()
    ):
        raise Http404
    return organization, station


def stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.STAFF_LIST_CONFIRMATION_MAX_AGE_DAYS)


def stafflist_index(user, *, organization_id=None, duty_station_id=None) -> QuerySet:
    """One row per list with people the user may see: counts, last confirmation, whether the
    user keeps it, whether the confirmation is stale. One query (plus COUNT when paginated).
    """
    confirmations = (
        scoping.visible_to(user, StaffListConfirmation)
        .filter(organization=OuterRef("organization"), duty_station=OuterRef("duty_station"))
        .order_by("-confirmed_at", "-id")
    )
    qs = scoping.visible_to(user, Person)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if duty_station_id is not None:
        qs = qs.filter(duty_station_id=duty_station_id)
    return (
        qs.order_by()
        .values("organization", "duty_station")
        .annotate(
            organization_code=F("organization__code"),
            organization_name=F("organization__name"),
            duty_station_name=F("duty_station__name"),
            country_name=F("duty_station__country__name"),
            people=Count("id", distinct=True),
            active_people=Count("id", filter=Q(is_active=True), distinct=True),
            dependants=Count("dependants", distinct=True),
            confirmed_at=Subquery(confirmations.values("confirmed_at")[:1]),
            confirmed_by=Subquery(confirmations.values("confirmed_by__username")[:1]),
            keeps=Value(True)
            if user.is_superuser
            else ExpressionWrapper(
                actor_rules.stafflists_kept_q(user), output_field=BooleanField()
            ),
        )
        .order_by(
            "organization__code",
            "duty_station__country__name",
            "duty_station__name",
            "organization",
            "duty_station",
        )
    )


def shape(row: dict, *, stale_limit: dt.datetime) -> dict:
    """An index row for output: ids named, stale flag added."""
    confirmed_at = row["confirmed_at"]
    return {
        "organization": row["organization"],
        "organization_code": row["organization_code"],
        "organization_name": row["organization_name"],
        "duty_station": row["duty_station"],
        "duty_station_name": row["duty_station_name"],
        "country_name": row["country_name"],
        "people": row["people"],
        "active_people": row["active_people"],
        "dependants": row["dependants"],
        "confirmed_at": confirmed_at,
        "confirmed_by": row["confirmed_by"],
        "stale": confirmed_at is None or confirmed_at < stale_limit,
        "may_keep": bool(row["keeps"]),
    }
