"""URL classification for tests/test_isolation.py: certificates URLs of the training app.

TENANT_OBJECTS: URL name -> the key in the isolation world's ids of the object its path
names (B's row: must answer 404). REFERENCE_OBJECTS: shared rows every signed-in user may
read. PUBLIC: pages anyone may open (a verification code).
Keys available: course, question, record, pending_record, certificate, certificate_code,
attempt, session, participant, briefing, attendee, person, dependant, station, country,
organization, user, appointment.
"""

# The stored PDF of B's certificate: 404 alike for missing, not yours and not rendered.
TENANT_OBJECTS: dict[str, str] = {"training:certificate-pdf": "certificate"}
REFERENCE_OBJECTS: dict[str, str] = {}
# A certificate's verification page answers anyone who holds its code (random, 64 bits) and
# shows only the holder's name, the course, the dates and the PDF's SHA-256 (which names
# nothing: it lets the holder of the file check it). The import page and API name no
# object in their paths; the crawl's lists-and-posts pass covers them.
PUBLIC: set[str] = {"training:certificate-verify", "training:certificate-verify-form"}
