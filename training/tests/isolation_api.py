"""URL classification for tests/test_isolation.py: api URLs of the training app.

TENANT_OBJECTS: URL name -> the key in the isolation world's ids of the object its path
names (B's row: must answer 404). REFERENCE_OBJECTS: shared rows every signed-in user may
read. PUBLIC: pages anyone may open (a verification code).
Keys available: course, question, record, pending_record, certificate, certificate_code,
attempt, session, participant, briefing, attendee, person, dependant, station, country,
organization, user, appointment.
"""

TENANT_OBJECTS: dict[str, str] = {
    # Completions and certificates follow the person (¶27); verifying is for focal points.
    "training-record-detail": "record",
    "training-record-verify": "pending_record",
    "training-record-reject": "pending_record",
    "training-record-evidence": "record",
    "certificate-detail": "certificate",
    "certificate-pdf": "certificate",
    # Briefings are the station's (¶33); acknowledging is the person's own.
    "briefing-detail": "briefing",
    "briefing-acknowledge": "briefing",
    "training-session-detail": "session",
    "training-session-participants": "session",
    "training-session-attendance": "session",
    # A test is taken by the person alone; managers who see the person see the score.
    "test-attempt-detail": "attempt",
    "test-attempt-submit": "attempt",
}
# The catalogue is read by everyone; only the provider's focal point changes its course, and
# only UNSECOORD endorses one (annex ¶26): changes of B's course answer 404.
REFERENCE_OBJECTS: dict[str, str] = {
    "course-detail": "course",
    "course-endorse": "course",
}
PUBLIC: set[str] = set()
