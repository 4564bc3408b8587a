"""What the training pages share: the signed-in staff member's own person record, the
training navigation and safe redirects (pagination is the core's,
``accountability.core.views.paginate``)."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

from accountability.core import scoping
from actors.models import Person


def own_person(user) -> Person | None:
    """The active member of personnel behind the login, if any (¶21)."""
    return (
        Person.objects.filter(user_id=user.pk, is_active=True)
        .select_related("duty_station")
        .first()
    )


def training_nav(user) -> dict:
    """Which of the training pages for managers to link: the verification queue for those who
    verify completions, the requirements view for those who see other people. Reads the
    request's grants (one query, shared with the page's scoped querysets)."""
    return {
        "nav_verifies": scoping.holds(user, "verify_training", "verify_own_org_training"),
        "nav_oversees": scoping.holds(
            user, "view_people", "view_own_org_people", "view_everything"
        ),
    }


def safe_next(request, default: str) -> str:
    """The ``next`` field of a POST when it points back into this site, else ``default``."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
