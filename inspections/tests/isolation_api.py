"""URL classification for tests/test_isolation.py (see training/tests/isolation_api.py).

Keys of the isolation world's ids for inspection rows of organization B: mission,
checklist_item, finding, rectification, follow_up_visit, escalation, evidence, mission_report,
plus person, station, country, organization, user.

Every API URL of the inspection cycle names a tenant's row: a mission is UNSECOORD's, its
items and findings the agency's; none is reference data, none is public. Another
organization's user gets 404 for each, whatever the method (inspections.api).
"""

TENANT_OBJECTS: dict[str, str] = {
    # Missions (¶39): the station from the announcement, agencies with findings from the
    # debrief; only the team changes one; the report is the station's or the agency's (¶40).
    "mission-detail": "mission",
    "mission-announce": "mission",
    "mission-start": "mission",
    "mission-debrief": "mission",
    "mission-report": "mission",
    # The checklist: seen as the findings are, recorded by the team alone.
    "checklist-item-detail": "checklist_item",
    "checklist-item-evidence": "checklist_item",
    # Findings and rectifications (¶40): the agency's, the station's, the accountable person's.
    "finding-detail": "finding",
    "finding-rectify": "finding",
    "rectification-detail": "rectification",
    "rectification-decide": "rectification",
    "rectification-evidence": "rectification",
    # Evidence follows its checklist item or rectification report.
    "evidence-detail": "evidence",
    "evidence-file": "evidence",
    # The follow-up visit follows its mission; checks and completion are the team's.
    "follow-up-visit-detail": "follow_up_visit",
    "follow-up-visit-checks": "follow_up_visit",
    "follow-up-visit-complete": "follow_up_visit",
    # The non-compliance report: the station's and the agencies' concerned (¶40).
    "escalation-detail": "escalation",
    "escalation-pdf": "escalation",
}
REFERENCE_OBJECTS: dict[str, str] = {}
PUBLIC: set[str] = set()
