"""URL classification for tests/test_isolation.py (see training/tests/isolation_api.py): the
web pages of findings, rectification, follow-up visits, non-compliance reports and the
report downloads (inspections/urls.py).

Keys of the isolation world's ids for inspection rows of organization B: mission,
checklist_item, finding, rectification, follow_up_visit, escalation, evidence, mission_report,
plus person, station, country, organization, user.
"""

TENANT_OBJECTS: dict[str, str] = {
    # A finding is its agency's; its page, its rectification form: 404 outside (¶40).
    "inspections:finding-detail": "finding",
    "inspections:finding-rectify": "finding",
    # Verification is the mission team's alone.
    "inspections:rectification-decide": "rectification",
    # Evidence follows its checklist item or its rectification report.
    "inspections:evidence-file": "evidence",
    # The debrief report: the full one for the station, a copy per agency with findings.
    "inspections:mission-report-pdf": "mission",
    # The follow-up visit of a mission; checks and completion are the team's.
    "inspections:follow-up-detail": "follow_up_visit",
    "inspections:follow-up-check": "follow_up_visit",
    "inspections:follow-up-complete": "follow_up_visit",
    # The non-compliance report goes to the station and the agencies concerned.
    "inspections:escalation-detail": "escalation",
    "inspections:escalation-pdf": "escalation",
}
REFERENCE_OBJECTS: dict[str, str] = {}
PUBLIC: set[str] = set()
