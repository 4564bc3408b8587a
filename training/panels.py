"""What training adds to the dashboard (registered from TrainingConfig.ready())."""

from __future__ import annotations

import datetime as dt

from training.models import RequirementStatus, TrainingRequirement
from training.requirements import REMINDED, statuses_q, with_status

SHOWN = 10  # rows in the panel; a "more" link when there are others


def my_training(*, user, today: dt.date) -> dict:
    """What the user still owes (¶25–¶33): its own and its dependants' requirements that
    call for action, most urgent first. One query (the requirement view)."""
    rows = list(
        with_status(
            TrainingRequirement.objects.filter(statuses_q(REMINDED, today), user_id=user.pk),
            today,
        )
        .select_related("rule", "dependant")
        .order_by("deadline", "rule_id", "dependant_id")[: SHOWN + 1]
    )
    for row in rows:
        row.status_label = RequirementStatus(row.status).label
    return {"rows": rows[:SHOWN], "more": len(rows) > SHOWN}
