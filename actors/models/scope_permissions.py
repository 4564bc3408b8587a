"""The object permissions that appointments grant on scope objects.

Declared once and attached to every scope model (organization, country, duty station,
area, warden zone). What each codename lets a user see or do is decided in
accountability.core.scoping; which role grants which codename too.
"""

SCOPE_PERMISSIONS = (
    ("view_people", "See every person and household in the scope, of every organization"),
    ("change_people", "Keep the staff lists of every organization in the scope"),
    ("view_own_org_people", "See the people of one's own organization in the scope"),
    ("change_own_org_people", "Keep one's own organization's staff list in the scope"),
    ("view_dependant_details", "See dependants' birth dates and addresses in the scope"),
    ("view_structure", "See the security structure (areas, zones, appointments)"),
    ("change_structure", "Change the security structure (areas, zones, phases)"),
    # The appointment workflow of ¶17 and ¶19.
    ("nominate", "Nominate area security coordinators and wardens (FSCO, SMT, DO)"),
    ("consult", "Answer the DO's consultation on nominations (SMT member)"),
    ("release_staff", "Allot an own staff member's working time to a security role"),
    ("decide_appointments", "Approve, reject and revoke ASC and warden appointments (DO)"),
    # Training and briefings (¶25–¶33, annex ¶26).
    ("train", "Run training sessions and arrival briefings, and mark attendance"),
    ("verify_training", "Verify the training completions of every organization in the scope"),
    ("verify_own_org_training", "Verify one's own organization's training completions"),
    # Inspections (¶39–¶40).
    ("view_inspections", "See the station's inspection missions, checklists and findings"),
    ("view_own_org_findings", "See one's own organization's inspection findings"),
    ("rectify_findings", "Report the rectification of any organization's findings"),
    ("rectify_own_org_findings", "Report the rectification of one's own organization's findings"),
)

ORGANIZATION_PERMISSIONS = SCOPE_PERMISSIONS + (
    ("manage_appointments", "Appoint the organization's own people to agency roles"),
    ("manage_users", "Manage the organization's logins"),
    ("view_everything", "Read every row of every organization (UNSECOORD)"),
    ("appoint_anyone", "Appoint anyone to any role (UNSECOORD)"),
    ("endorse_courses", "Endorse agencies' courses and set the training rules (UNSECOORD)"),
    ("inspect", "Plan inspection missions and record their findings (UNSECOORD, ¶39)"),
    ("view_org_findings", "See the organization's inspection findings worldwide (¶40)"),
)
