"""What inspections add to other pages (registered from InspectionsConfig.ready()): the
dashboard's findings to rectify and a duty station's compliance (¶39–¶40)."""

from __future__ import annotations

import datetime as dt

from inspections.selectors import dashboard_findings
from inspections.views.compliance import station_compliance_panel


def findings_to_rectify(*, user, today: dt.date) -> dict:
    """Inspection findings the user answers for and may report rectified (¶40): one query."""
    return dashboard_findings(user, today)


def station_compliance(*, user, station) -> dict | None:
    """The station's flag, score trend and open findings by agency, for users who see a
    reported mission of the station (¶39–¶40); None otherwise. Three queries (one when there
    is nothing to show)."""
    return station_compliance_panel(user, station)
