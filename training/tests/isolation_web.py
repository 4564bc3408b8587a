"""URL classification for tests/test_isolation.py: web URLs of the training app.

TENANT_OBJECTS: URL name -> the key in the isolation world's ids of the object its path
names (B's row: must answer 404). REFERENCE_OBJECTS: shared rows every signed-in user may
read. PUBLIC: pages anyone may open (a verification code).
Keys available: course, question, record, pending_record, certificate, certificate_code,
attempt, session, participant, briefing, attendee, person, dependant, station, country,
organization, user, appointment.
"""

TENANT_OBJECTS: dict[str, str] = {
    # A test attempt is taken and read by its person alone.
    "training:test-take": "attempt",
    "training:test-result": "attempt",
    # Verifying, rejecting and downloading an upload: its verifiers (and its owner's file).
    "training:record-verify": "pending_record",
    "training:record-reject": "pending_record",
    "training:record-evidence": "pending_record",
    "training:session-detail": "session",
    "training:session-participants": "session",
    "training:session-attendance": "session",
    "training:briefing-detail": "briefing",
    # The written acknowledgement is the staff member's own (¶33).
    "training:briefing-acknowledge": "attendee",
}
REFERENCE_OBJECTS: dict[str, str] = {
    # Courses are shared reference data, but another agency's unendorsed course offers its
    # test to no one outside it (annex ¶26): B's own course answers 404 to A's users.
    "training:test-start": "course",
}
PUBLIC: set[str] = set()
