"""The inspection missions of the demo (issue 5) and the texts their findings carry.

Each mission is a ``Scenario``: a duty station, the stage of the cycle of ¶39–¶40 it has
reached, its dates counted from the day the seed runs, and the deficiencies (``Gap``) the
inspectors found, each with what became of it. Everything else on the checklist is found
compliant. The stations are the demo logins' (Nairobi, Mombasa, Kabul, Kandahar: the first
duty stations of the first two countries, which every scale keeps).
"""

from __future__ import annotations

from dataclasses import dataclass

NAIROBI, MOMBASA, KABUL, KANDAHAR = "nairobi", "mombasa", "kabul", "kandahar"

NON = "non_compliant"
PARTIAL = "partial"

# What became of a finding after the debrief (¶40).
OPEN = "open"  # nothing reported yet (at a follow-up visit: found not rectified)
REPORTED = "reported"  # rectification reported, awaiting verification (at a visit: confirmed)
ACCEPTED = "accepted"  # reported and verified by the inspector
RESUBMITTED = "resubmitted"  # reported, sent back, reported again and verified
FIXED_BY_VISIT = "fixed_by_visit"  # nothing reported; the follow-up visit found it rectified
REPORTED_NOT_FIXED = "reported_not_fixed"  # reported; the visit found it not rectified

# Notes on the inspectors' recording are dated on the mission's days; the rest counts back.
PLANNED_DAYS_BEFORE = 45
ANNOUNCED_DAYS_BEFORE = 21


@dataclass(frozen=True)
class Gap:
    """A deficient checklist item. ``who`` names the accountable person: a demo login, an
    agency (``org:<code>``), ``*`` for every holder of the duty at the station, or ``""``
    for the first holder; alternatives are tried in order and a gap that matches no item
    at this scale is left out. ``due``: days from the mission's last day to the
    rectification date."""

    reference: str
    who: tuple[str, ...] = ("",)
    result: str = NON
    severity: str = ""  # empty: the severity the checklist gives the duty
    due: int = 60
    fate: str = OPEN


@dataclass(frozen=True)
class Scenario:
    station: str
    stage: str  # a MissionStatus value
    starts: int  # the first day, in days from the day the seed runs
    days: int
    objectives: str
    summary: str = ""
    gaps: tuple[Gap, ...] = ()


# Each agency with findings gets its own copy of a debrief report, rendered by the seed at
# about 0.15 s of CPU each: the older missions' findings concern few agencies (the DO's and
# the FSCO's duties), the current ones name most of the demo logins.
SCENARIOS: tuple[Scenario, ...] = (
    # Nairobi: a mission closed last year with every finding rectified, and the one just
    # debriefed: the two points of its compliance chart (¶39).
    Scenario(
        NAIROBI,
        "closed",
        starts=-390,
        days=4,
        objectives="Annual compliance mission; review of the previous findings.",
        summary="Every finding to be rectified within two months; no follow-up visit needed "
        "if the evidence is sent.",
        gaps=(
            Gap("¶8(a)", ("do.kenya",), PARTIAL, due=45, fate=ACCEPTED),
            Gap("¶8(g)", ("do.kenya",), NON, "high", due=30, fate=RESUBMITTED),
            Gap("¶8(k)", ("do.kenya",), PARTIAL, due=45, fate=ACCEPTED),
            Gap("¶10(e)", ("fsco.kenya",), NON, due=60, fate=ACCEPTED),
            Gap("¶10(h)", ("fsco.kenya",), PARTIAL, due=45, fate=ACCEPTED),
            Gap("¶10(l)", ("fsco.kenya",), NON, due=60, fate=ACCEPTED),
            Gap("¶10(n)", ("fsco.kenya",), NON, due=60, fate=ACCEPTED),
        ),
    ),
    # Debriefed twelve days ago: dates ahead, the first within the week (reminders, ¶40),
    # and UNICEF's representative has reported one rectification, awaiting verification.
    Scenario(
        NAIROBI,
        "debriefed",
        starts=-16,
        days=5,
        objectives="Annual compliance mission; communications and residential security.",
        summary="Good compliance overall; reporting to UNSECOORD and zone visits lag behind.",
        gaps=(
            Gap("¶8(n)", ("do.kenya",), NON, "high", due=17),
            Gap("¶10(n)", ("fsco.kenya",), PARTIAL, "medium", due=40),
            Gap("¶13(d)", ("aso.unhcr.nairobi",), PARTIAL, due=50),
            Gap("¶15(j)", ("rep.unicef.kenya",), NON, "medium", due=40, fate=REPORTED),
            Gap("¶15(f)", ("org:wfp",), PARTIAL, due=60),
            Gap("¶18(c)", ("asc.coast",), PARTIAL, due=60),
            Gap("¶20(g)", ("warden.nairobi",), NON, "medium", due=30),
            Gap("¶22(c)", ("staff.nairobi", ""), PARTIAL, "low", due=70),
        ),
    ),
    # Mombasa: two older missions closed after their follow-up visits, and the last one
    # closed with a non-compliance report still open, so the station is flagged
    # non-compliant (¶40): three points on its compliance chart. (Older missions would find
    # fewer of the demo's appointees: most took up their posts in the two years before.)
    Scenario(
        MOMBASA,
        "closed",
        starts=-470,
        days=5,
        objectives="First compliance mission to the Coast area.",
        summary="The station's security arrangements are incomplete; follow-up visit needed.",
        gaps=(
            Gap("¶8(a)", ("do.kenya",), NON, "high", due=60, fate=FIXED_BY_VISIT),
            Gap("¶8(e)", ("do.kenya",), PARTIAL, due=45, fate=ACCEPTED),
            Gap("¶8(h)", ("do.kenya",), NON, due=60, fate=FIXED_BY_VISIT),
            Gap("¶8(k)", ("do.kenya",), NON, due=90, fate=FIXED_BY_VISIT),
            Gap("¶10(e)", ("",), NON, due=45, fate=FIXED_BY_VISIT),
            Gap("¶10(h)", ("",), NON, due=60, fate=ACCEPTED),
            Gap("¶10(l)", ("",), NON, due=60, fate=FIXED_BY_VISIT),
            Gap("¶10(n)", ("",), PARTIAL, due=60, fate=FIXED_BY_VISIT),
            Gap("¶16(b)", ("",), NON, due=45, fate=FIXED_BY_VISIT),
            Gap("¶16(d)", ("",), NON, due=60, fate=FIXED_BY_VISIT),
        ),
    ),
    Scenario(
        MOMBASA,
        "closed",
        starts=-330,
        days=5,
        objectives="Compliance mission; relocation plans and communications.",
        summary="Most of the first mission's gaps closed; relocation plan still out of date.",
        gaps=(
            Gap("¶8(e)", ("do.kenya",), PARTIAL, due=45, fate=ACCEPTED),
            Gap("¶8(g)", ("do.kenya",), PARTIAL, due=60, fate=FIXED_BY_VISIT),
            Gap("¶8(k)", ("do.kenya",), NON, due=60, fate=FIXED_BY_VISIT),
            Gap("¶10(e)", ("",), PARTIAL, due=45, fate=FIXED_BY_VISIT),
            Gap("¶10(h)", ("",), PARTIAL, due=60, fate=FIXED_BY_VISIT),
            Gap("¶10(l)", ("",), NON, due=60, fate=FIXED_BY_VISIT),
            Gap("¶15(i)", ("rep.unicef.kenya",), PARTIAL, due=60, fate=RESUBMITTED),
            Gap("¶16(b)", ("",), PARTIAL, due=45, fate=FIXED_BY_VISIT),
        ),
    ),
    Scenario(
        MOMBASA,
        "closed",
        starts=-205,
        days=5,
        objectives="Compliance mission after the change of security phase in the Coast area.",
        summary="Communications equipment and staff lists of two agencies deficient.",
        gaps=(
            Gap("¶8(a)", ("do.kenya",), NON, "high", due=60, fate=ACCEPTED),
            Gap("¶10(l)", ("fsco.kenya", ""), NON, "high", due=60, fate=FIXED_BY_VISIT),
            Gap("¶15(h)", ("rep.unicef.kenya",), NON, "medium", due=90),
            Gap("¶15(i)", ("org:wfp",), PARTIAL, "medium", due=90, fate=REPORTED_NOT_FIXED),
            Gap("¶18(c)", ("asc.coast",), NON, due=120, fate=FIXED_BY_VISIT),
        ),
    ),
    # Kandahar: every date has passed, the follow-up visit is scheduled (¶40).
    Scenario(
        KANDAHAR,
        "follow_up_scheduled",
        starts=-104,
        days=5,
        objectives="Compliance mission to the Southern Region.",
        summary="Communications and staff travel clearance need urgent attention.",
        gaps=(
            Gap("¶8(f)", ("do.afghanistan",), NON, "high", due=60),
            Gap("¶10(h)", ("",), PARTIAL, due=70, fate=REPORTED),
            Gap("¶13(f)", ("org:unhcr", ""), PARTIAL, due=80),
            Gap("¶15(f)", ("org:wfp", ""), NON, due=90),
            Gap("¶22(c)", ("org:iom", ""), PARTIAL, "low", due=95),
        ),
    ),
    # Kabul: the team is at the station, part of the checklist recorded.
    Scenario(
        KABUL,
        "in_progress",
        starts=-2,
        days=5,
        objectives="Compliance mission; security plan after the phase review.",
        gaps=(
            Gap("¶8(c)", ("do.afghanistan",), PARTIAL),
            Gap("¶10(f)", ("",), NON),
            Gap("¶15(j)", ("org:unicef", ""), PARTIAL),
        ),
    ),
    # Announced: the station's DO, FSCO and SMT see the checklist (¶39).
    Scenario(
        MOMBASA,
        "announced",
        starts=10,
        days=4,
        objectives="Follow-up of the non-compliance report; full compliance mission.",
    ),
    # Planned: UNSECOORD alone sees it until it is announced.
    Scenario(
        KANDAHAR,
        "planned",
        starts=45,
        days=5,
        objectives="Annual compliance mission to the Southern Region.",
    ),
)

# Items recorded so far on the mission in progress, besides its gaps: the DO's and the FSCO's
# checklists, and the first country representative's items.
IN_PROGRESS_ROLES = ("designated_official", "fsco")
IN_PROGRESS_EXTRA = 10

# Per duty (checklist reference): the inspector's note, the recommendation, and what the
# responsible actor reports having done.
TEXTS: dict[str, tuple[str, str, str]] = {
    "¶8(a)": (
        "Security plan last revised two years ago; does not cover the new compound.",
        "Revise the security plan with the SMT and circulate it to every agency.",
        "Security plan revised with the SMT and circulated; copy attached.",
    ),
    "¶8(c)": (
        "Incident reports to UNSECOORD sent late on three occasions this quarter.",
        "Send incident reports to UNSECOORD within 24 hours.",
        "Reporting schedule set with the FSCO; last reports sent the same day.",
    ),
    "¶8(e)": (
        "SMT met twice in six months; no minutes kept.",
        "Convene the SMT monthly and keep minutes of its decisions.",
        "SMT meets monthly; minutes of the last three meetings attached.",
    ),
    "¶8(f)": (
        "No back-up to the VHF network; radio room unstaffed at night.",
        "Establish an HF back-up and a 24-hour radio room roster.",
        "HF back-up installed; roster covers nights and weekends.",
    ),
    "¶8(g)": (
        "MOSS self-assessment not completed; telecommunications standard not met.",
        "Complete the MOSS self-assessment with the SMT and close the telecommunications gaps.",
        "MOSS self-assessment completed; satellite phones issued to every agency head.",
    ),
    "¶8(h)": (
        "Two warden zones without an alternate warden.",
        "Designate alternate wardens for every zone and have them trained.",
        "Alternates designated and trained by the FSCO.",
    ),
    "¶8(k)": (
        "No arrival briefing held for new staff in the last four months.",
        "Brief every newly arrived staff member and eligible dependant within a week.",
        "Briefings held weekly; attendance sheets attached.",
    ),
    "¶8(n)": (
        "Quarterly security report to UNSECOORD not submitted.",
        "Submit the overdue quarterly report and keep to the schedule.",
        "Quarterly report submitted.",
    ),
    "¶10(e)": (
        "Security list of personnel not updated since the last rotation.",
        "Update the security list and reconcile it with every agency's staff list.",
        "Security list updated and reconciled with the agencies' lists.",
    ),
    "¶10(f)": (
        "No risk assessment of the new residential area.",
        "Assess the residential area and brief the SMT on the results.",
        "Risk assessment done and presented to the SMT.",
    ),
    "¶10(h)": (
        "Four of twelve handsets failed the radio check.",
        "Repair or replace the failed handsets and run weekly radio checks.",
        "Handsets replaced; weekly radio check log attached.",
    ),
    "¶10(l)": (
        "Relocation plan names an assembly point no longer in use.",
        "Update the relocation plan and test it in an exercise.",
        "Relocation plan updated and exercised.",
    ),
    "¶10(n)": (
        "Residential security surveys outstanding for eleven houses.",
        "Complete the outstanding residential surveys.",
        "Surveys completed for every house on the list.",
    ),
    "¶13(d)": (
        "Half of the agency's new staff not yet briefed.",
        "Brief every new staff member on arrival and record it.",
        "All new staff briefed; records attached.",
    ),
    "¶13(f)": (
        "Residential security measures not reviewed for international staff.",
        "Review the residential security measures of every international staff member.",
        "Review completed; three residences upgraded.",
    ),
    "¶15(f)": (
        "Several staff without a valid Basic Security in the Field certificate.",
        "Have every staff member complete the security awareness training.",
        "Every staff member has completed the training; certificates on file.",
    ),
    "¶15(h)": (
        "Field vehicles without working radios.",
        "Equip every field vehicle with a working radio, as MOSS requires.",
        "Radios fitted and tested in every field vehicle.",
    ),
    "¶15(i)": (
        "List of local personnel and dependants given to the DO is a year old.",
        "Give the DO an up-to-date list of local personnel and their dependants.",
        "Updated list given to the DO.",
    ),
    "¶15(j)": (
        "Movements of staff on mission not reported to the DO.",
        "Report every staff movement to the DO as the station's procedure requires.",
        "Movement reporting in place; log of the last month attached.",
    ),
    "¶16(b)": (
        "The area SMT has not met since the last phase change.",
        "Meet at least monthly and review the security situation.",
        "Meetings held monthly; minutes attached.",
    ),
    "¶16(d)": (
        "Staff lists of two agencies missing from the station's records.",
        "Keep every agency's staff and dependants list up to date.",
        "Lists of every agency received and filed.",
    ),
    "¶18(c)": (
        "No area security plan for the sub-offices.",
        "Prepare the area security plan and submit it to the DO.",
        "Area security plan prepared and approved by the DO.",
    ),
    "¶18(d)": (
        "Personnel list of the area incomplete.",
        "Complete the list of personnel and eligible dependants in the area.",
        "List completed and shared with the FSCO.",
    ),
    "¶18(f)": (
        "Incidents in the area reported to the DO with delays of several days.",
        "Inform the DO of incidents in the area without delay.",
        "Incidents now reported the same day.",
    ),
    "¶20(b)": (
        "Households not told of the current security phase.",
        "Inform every household of the current arrangements and phase.",
        "Every household informed; visit log attached.",
    ),
    "¶20(g)": (
        "Not every household of the zone visited this year.",
        "Visit every household of the zone and record the visits.",
        "Every household visited; visit log attached.",
    ),
    "¶22(b)": (
        "Travelled without security clearance once this year.",
        "Obtain security clearance before every journey.",
        "Briefed on the clearance procedure; clearances obtained since.",
    ),
    "¶22(c)": (
        "No signed briefing certificate on file.",
        "Attend the security briefing and sign the certificate.",
        "Briefing attended; signed certificate attached.",
    ),
    "¶22(d)": (
        "Did not know the warden of the zone.",
        "Learn the name and contact of the zone's warden.",
        "Warden's contact recorded in the staff member's phone and at home.",
    ),
}

# Why an inspector sent a reported rectification back before accepting the second report.
SENT_BACK = "The evidence does not show the measure in place; send the signed record."
# Notes of the inspectors on the follow-up visit.
VISIT_RECTIFIED = "Seen in place on the visit."
VISIT_NOT_RECTIFIED = "Not in place on the visit; no evidence of progress."
VISIT_NOTES = "Every open finding re-checked with the DO and the FSCO."
