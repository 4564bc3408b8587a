"""URL classification for tests/test_isolation.py (see training/tests/isolation_api.py): the
web pages of missions, checklists and recording (inspections/urls.py).

Keys of the isolation world's ids for inspection rows of organization B: mission,
checklist_item, finding, rectification, follow_up_visit, escalation, evidence, mission_report,
plus person, station, country, organization, user.
"""

TENANT_OBJECTS: dict[str, str] = {
    # A mission is seen by UNSECOORD, its team, the station's DO/FSCO/SMT from the
    # announcement (¶39) and the agencies with findings from the debrief (¶40): 404 to others.
    "inspections:mission-detail": "mission",
    # Changing, announcing, debriefing and recording: the mission's team only.
    "inspections:mission-edit": "mission",
    "inspections:mission-announce": "mission",
    "inspections:mission-debrief": "mission",
    "inspections:mission-record": "mission",
    # One checklist item's entry (the autosave endpoint) and its evidence: the team only.
    "inspections:item-record": "checklist_item",
    "inspections:item-evidence": "checklist_item",
}
REFERENCE_OBJECTS: dict[str, str] = {}
PUBLIC: set[str] = set()
