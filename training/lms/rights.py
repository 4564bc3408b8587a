"""Who may import completions, and for whom: the verifiers of training (¶27, annex ¶26).

An imported completion is recorded as verified, so the importer must be someone who may verify
it: an HQ focal point for its organization's people anywhere, an FSCO for everyone at its
stations, a country representative or country focal point for its own organization's people
at its station; never for oneself. The rule itself is scoping's (``may_verify_training``);
these are its set forms, one query for a whole file.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from actors.models import Organization, Person
from training import rules as training_rules


def verifiable_q(actor) -> Q:
    """People whose completions ``actor`` may verify: ``rules.may_verify_training`` as Q."""
    return training_rules.training_verifiable_q(actor)


def import_organizations(actor) -> QuerySet:
    """Organizations with at least one person whose completions ``actor`` may verify."""
    return Organization.objects.filter(
        pk__in=Person.objects.filter(verifiable_q(actor)).values("organization_id")
    ).order_by("code")
