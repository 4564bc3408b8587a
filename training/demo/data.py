"""Reference data for the training part of the demo (issue 4): agencies' own courses, the
share of people who have completed each kind of course, and the texts of briefings, sessions
and rejected uploads. The framework's catalogue itself is loaded by training migration 0003.
"""

from __future__ import annotations

# Agencies' own courses (annex ¶26): they count once UNSECOORD endorses them. The last one
# is still awaiting endorsement, so its completions do not meet any requirement yet.
# code, provider, title (en, fr, zh), kind, delivery, validity months, paragraph, endorsed,
# share of the provider's staff who take it instead of UNSECOORD's course of the same kind.
AGENCY_COURSES = [
    (
        "UNICEF-SEC",
        "unicef",
        "Security in the field for UNICEF staff",
        "La sécurité sur le terrain pour le personnel de l'UNICEF",
        "儿童基金会工作人员外勤安全",
        "security_awareness",
        "online",
        36,
        "¶25, ¶32",
        True,
        0.3,
    ),
    (
        "WFP-FIELD",
        "wfp",
        "Field security and safe driving workshop",
        "Atelier de sécurité sur le terrain et de conduite prudente",
        "外勤安全和安全驾驶讲习班",
        "advanced_field_security",
        "in_person",
        36,
        "¶33",
        True,
        0.4,
    ),
    (
        "UNHCR-PEER",
        "unhcr",
        "Peer support and stress in emergencies",
        "Soutien par les pairs et stress en situation d'urgence",
        "紧急情况下的同伴支持和压力",
        "stress_management",
        "in_person",
        24,
        "¶25, ¶32",
        False,
        0.4,
    ),
]

# The catalogue course that meets each kind of requirement, where the kind has several:
# security management is SMT-SM, except for HQ focal points (¶28 against ¶29).
COURSE_FOR_KIND = {"security_management": "SMT-SM"}
COURSE_FOR_RULE = {"hq-security-management": "HQ-SM"}

# Of the requirements already past their due date, the share completed, per course kind
# (dependants separately): the rest are overdue.
DONE_WHEN_LATE = {
    "security_awareness": 0.86,
    "stress_management": 0.76,
    "arrival_briefing": 0.9,
    "advanced_field_security": 0.72,
    "security_management": 0.74,
    "fsco_induction": 0.8,
    "warden_coordinator": 0.7,
}
DEPENDANTS_DONE_WHEN_LATE = 0.6
# Of those completed, how their validity stands: still valid, lapsing within the due-soon
# window, lapsed (courses without an expiry are simply valid).
VALIDITY_MIX = (("compliant", 0.78), ("due_soon", 0.07), ("expired", 0.15))
# Completed ahead of time: before the due-soon window opens, and within it.
DONE_EARLY = 0.15
DONE_WHEN_DUE_SOON = 0.45
# Of the completions of online courses with a question bank, the share taken as the
# computer-generated test (¶32); the rest came from an LMS export.
ONLINE_TEST_SHARE = 0.65

# The FSCO's weekly arrival briefing (¶10(j), ¶33), recorded in the app at the Kenyan duty
# stations for the last six months (older ones were imported from the paper registers).
BRIEFING_WEEKDAY = 1  # Tuesday
BRIEFING_MONTHS = 6
BRIEFING_CONTENT = (
    "The security situation of the duty station and its security phase; the security plan, "
    "relocation and evacuation; warden zones, assembly points and radio procedures; "
    "security clearance for travel; whom to call, day and night."
)
SESSION_PLACES = (
    "UN compound, conference room B",
    "UNSECOORD office, training room",
    "Joint operations centre",
)
REJECTION_REASONS = (
    "The scan is unreadable; upload a clearer copy.",
    "This certificate is for another course; upload the certificate of the required one.",
)
