"""URL classification for tests/test_isolation.py: api URLs of the training app.

TENANT_OBJECTS: URL name -> the key in the isolation world's ids of the object its path
names (B's row: must answer 404). REFERENCE_OBJECTS: shared rows every signed-in user may
read. PUBLIC: pages anyone may open (a verification code).
Keys available: course, question, record, pending_record, certificate, certificate_code,
attempt, session, participant, briefing, attendee, person, dependant, station, country,
organization, user, appointment.
"""

TENANT_OBJECTS: dict[str, str] = {}
REFERENCE_OBJECTS: dict[str, str] = {}
PUBLIC: set[str] = set()
