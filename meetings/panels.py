"""What meetings add to other pages (registered from MeetingsConfig.ready()): the link from a
duty station's page to its SMT's meetings (¶16(b))."""

from __future__ import annotations

from accountability.core import scoping


def station_meetings(*, user, station) -> dict | None:
    """The link to the station's SMT meetings, for whoever sees them: as the meetings' rules
    say, who sees everything or the station's structure. No query beyond the request's
    grants; None for the others."""
    if scoping.sees_everything(user) or scoping.holds_on_station(user, "view_structure", station):
        return {"station": station}
    return None
