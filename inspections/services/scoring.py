"""The compliance score of a mission: how much of what applied was done.

Each checklist item that applies (any result but "not applicable") weighs by its severity:
low 1, medium 2, high 3, critical 5 (a compliant item keeps the severity the checklist gave
its duty; a deficient one the severity of its finding). A compliant item earns its full
weight, a partially compliant one half, a non-compliant one nothing. The score is the share
of the weight earned, in percent, to one decimal:

    score = 100 × Σ weight × credit / Σ weight

so one critical gap costs as much as five low ones. No applicable item: no score.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.db.models.functions import Coalesce

from ..models import ItemResult, Severity

WEIGHTS = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 5}
CREDIT = {ItemResult.COMPLIANT: Decimal(1), ItemResult.PARTIAL: Decimal("0.5")}


def score(rows) -> Decimal | None:
    """The score of (result, severity) pairs."""
    earned = total = Decimal(0)
    for result, severity in rows:
        if not result or result == ItemResult.NOT_APPLICABLE:
            continue
        weight = WEIGHTS[Severity(severity)]
        total += weight
        earned += weight * CREDIT.get(result, Decimal(0))
    if not total:
        return None
    return (100 * earned / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mission_score(mission) -> Decimal | None:
    """The score of a mission's items, the finding's severity for deficient ones (one query)."""
    rows = mission.checklist_items.annotate(
        weight_severity=Coalesce(F("finding__severity"), F("severity"))
    ).values_list("result", "weight_severity")
    return score(rows)
