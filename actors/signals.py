"""What the actors announce for the apps above them, which actors does not know.

``people_left``: people left their duty station (moved) or the organization (inactive). Sent
inside the transaction that records it, with ``actor``, ``people`` and ``reason``; each
receiver answers how many rows it ended, so a staff-list import can report them (the
appointments app ends every live appointment the same day, ¶17, ¶19).
"""

from typing import Any

from django.dispatch import Signal

people_left = Signal()


def announce_people_left(*, actor: Any, people: Any, reason: str) -> int:
    """Send ``people_left`` and add up what the receivers ended."""
    if not people:
        return 0
    responses = people_left.send(sender=None, actor=actor, people=list(people), reason=reason)
    return sum(int(count or 0) for _receiver, count in responses)
