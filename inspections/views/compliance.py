"""The duty station's compliance panel (¶39–¶40): the "non-compliant" flag while a
non-compliance report is open, the compliance score of each reported inspection as a line
chart drawn here as SVG (no script, no library; the figures also in a table), and the open
and overdue findings by agency. Shown to users who see a reported mission of the station."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from inspections import selectors
from inspections.models import MissionStatus

# The chart's drawing box, in SVG user units (it scales with the page width).
WIDTH, HEIGHT = 640, 240
# Room on both sides for the mission references centred under the first and last points.
LEFT, RIGHT, TOP, BOTTOM = 56, 48, 16, 48
GRID = (0, 25, 50, 75, 100)


@dataclasses.dataclass(frozen=True)
class Point:
    mission: int
    reference: str
    ends_on: dt.date
    score: Decimal
    x: float
    y: float


def _y(score: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 100), 1)


def trend_chart(trend: list[dict]) -> dict:
    """Coordinates of the trend: one point per scored mission, evenly spaced in date order
    (missions are months or years apart; equal spacing keeps every label readable), the score
    (0–100 %) upwards. A single inspection is a dot in the middle."""
    scored = [row for row in trend if row["score"] is not None]
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / (len(scored) - 1) if len(scored) > 1 else 0
    points = [
        Point(
            mission=row["mission"],
            reference=row["reference"],
            ends_on=row["ends_on"],
            score=row["score"],
            x=round(LEFT + (index * step if len(scored) > 1 else plot_width / 2), 1),
            y=_y(float(row["score"])),
        )
        for index, row in enumerate(scored)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 18,
        "date_y": HEIGHT - BOTTOM + 34,
        "grid": [{"value": value, "y": _y(value)} for value in GRID],
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "first": points[0] if points else None,
        "last": points[-1] if points else None,
    }


def station_compliance_panel(user, station) -> dict | None:
    """The panel's data, or None for a user who sees no reported mission of the station.
    Three queries (one when there is nothing to show): ``selectors.station_compliance``."""
    rows = selectors.station_compliance(user, stations=[station.pk])
    if not rows:
        return None
    row = rows[0]
    statuses = dict(MissionStatus.choices)
    trend = [{**point, "status_label": statuses.get(point["status"], "")} for point in row["trend"]]
    return {
        **row,
        "trend": trend,
        "chart": trend_chart(row["trend"]),
        "open_total": sum(agency["open"] for agency in row["by_agency"]),
        "overdue_total": sum(agency["overdue"] for agency in row["by_agency"]),
    }
