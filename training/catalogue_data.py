"""The framework's courses and training rules, loaded by migration 0003 (A/57/365 ¶25–¶33).

UNSECOORD provides these courses (¶26, annex ¶26); agencies add their own, which count once
UNSECOORD endorses them. Validity periods are data on each course and may be changed there.
"""

# code, title (en), title (fr), title (zh), kind, delivery, validity months, paragraph,
# pass mark, questions per test
COURSES = [
    (
        "BSITF",
        "Basic Security in the Field",
        "Sécurité de base sur le terrain",
        "基本安全意识",
        "security_awareness",
        "online",
        36,
        "¶25, ¶32",
        80,
        8,
    ),
    (
        "STRESS",
        "Managing Stress in the Field",
        "Gérer le stress sur le terrain",
        "精神压力调控",
        "stress_management",
        "online",
        36,
        "¶25, ¶29, ¶32",
        80,
        5,
    ),
    (
        "ASITF",
        "Advanced Security in the Field",
        "Sécurité avancée sur le terrain",
        "外勤高级安全训练",
        "advanced_field_security",
        "online",
        36,
        "¶33",
        80,
        5,
    ),
    (
        "SMT-SM",
        "Security management for Designated Officials and SMT members",
        "Gestion de la sécurité pour les responsables désignés et les équipes de gestion",
        "指定官员和安全管理小组安全管理训练",
        "security_management",
        "in_person",
        48,
        "¶29",
        80,
        10,
    ),
    (
        "HQ-SM",
        "Security management for senior security managers and HQ focal points",
        "Gestion de la sécurité pour les responsables de la sécurité au siège",
        "高级安全主管和总部安全联络员安全管理训练",
        "security_management",
        "in_person",
        48,
        "¶28",
        80,
        10,
    ),
    (
        "FSCO-IND",
        "FSCO induction",
        "Formation initiale des coordonnateurs (FSCO)",
        "外勤安全协调干事上岗情况介绍",
        "fsco_induction",
        "in_person",
        None,
        "¶30",
        80,
        10,
    ),
    (
        "WARDEN",
        "Training for area security coordinators and wardens",
        "Formation des coordonnateurs de zone et des gardiens",
        "地区安全协调员和地区主管训练",
        "warden_coordinator",
        "in_person",
        24,
        "¶31",
        80,
        10,
    ),
    (
        "BRIEF",
        "Arrival security briefing",
        "Exposé de sécurité à l'arrivée",
        "到岗安全情况介绍",
        "arrival_briefing",
        "in_person",
        None,
        "¶22(c), ¶33",
        80,
        10,
    ),
]

# code, name, applies to, course kind, role code, min phase, dependants too, due within days,
# counts only from the anchor, paragraph
RULES = [
    (
        "all-security-awareness",
        "All personnel and eligible dependants: security awareness",
        "all",
        "security_awareness",
        None,
        None,
        True,
        30,
        False,
        "¶25, ¶32",
    ),
    (
        "all-stress-management",
        "All personnel: stress management",
        "all",
        "stress_management",
        None,
        None,
        False,
        90,
        False,
        "¶25, ¶32",
    ),
    (
        "arrival-briefing",
        "Everyone arriving at a duty station: the FSCO's briefing",
        "arrival",
        "arrival_briefing",
        None,
        None,
        False,
        7,
        True,
        "¶22(c), ¶33",
    ),
    (
        "phase-advanced",
        "Duty stations in phase I and above: advanced field security",
        "phase",
        "advanced_field_security",
        None,
        1,
        False,
        30,
        False,
        "¶33",
    ),
    (
        "do-security-management",
        "Designated Officials: security management",
        "role",
        "security_management",
        "designated_official",
        None,
        False,
        90,
        False,
        "¶29",
    ),
    (
        "smt-security-management",
        "SMT members: security management",
        "role",
        "security_management",
        "smt",
        None,
        False,
        90,
        False,
        "¶29",
    ),
    (
        "hq-security-management",
        "Senior security managers and HQ focal points: security management",
        "role",
        "security_management",
        "hq_focal_point",
        None,
        False,
        90,
        False,
        "¶28",
    ),
    # "Before taking up responsibility at the duty station" (¶30): due on the start date.
    (
        "fsco-induction",
        "FSCOs: induction before taking up the post",
        "role",
        "fsco_induction",
        "fsco",
        None,
        False,
        0,
        False,
        "¶30",
    ),
    (
        "asc-training",
        "Area Security Coordinators: training by the FSCO",
        "role",
        "warden_coordinator",
        "area_coordinator",
        None,
        False,
        60,
        False,
        "¶31",
    ),
    (
        "warden-training",
        "Wardens: training by the FSCO",
        "role",
        "warden_coordinator",
        "warden",
        None,
        False,
        60,
        False,
        "¶31",
    ),
]

# The computer-generated test of ¶32 draws from these. Each question: text, [(choice, correct)].
QUESTIONS = {
    "BSITF": [
        (
            "Who is accountable to the Secretary-General for the security of UN personnel and "
            "their eligible dependants at a duty station?",
            [
                ("The Designated Official", True),
                ("The country representative of each agency", False),
                ("The warden of the zone", False),
                ("The host government only", False),
            ],
        ),
        (
            "On arrival at a new duty station, who briefs you on its specific security situation?",
            [
                ("The Field Security Coordination Officer", True),
                ("The HQ focal point", False),
                ("No one: the briefing is optional", False),
            ],
        ),
        (
            "How do you confirm that you received the arrival security briefing?",
            [
                ("By acknowledging it in writing", True),
                ("By telling a colleague", False),
                ("There is nothing to confirm", False),
            ],
        ),
        (
            "Who keeps the personnel and dependants of a residential zone informed in a crisis?",
            [
                ("The zone's warden", True),
                ("The travel unit", False),
                ("The nearest embassy", False),
            ],
        ),
        (
            "Who must hold the security certificate at a duty station?",
            [
                ("All UN system personnel and their eligible dependants", True),
                ("Only international staff", False),
                ("Only managers", False),
            ],
        ),
        (
            "Before travelling outside your usual city area where a security phase is in force, "
            "you must:",
            [
                ("Obtain security clearance and carry its written record", True),
                ("Inform a friend", False),
                ("Nothing: clearance is for missions abroad only", False),
            ],
        ),
        (
            "To whom do you report a security incident at your duty station?",
            [
                ("Your warden and the FSCO, without delay", True),
                ("Only your supervisor, next week", False),
                ("Nobody, unless someone was hurt", False),
            ],
        ),
        (
            "Who keeps the list of your dependants at the duty station up to date for the DO?",
            [
                ("Your organization, through you: report changes to it", True),
                ("The host government", False),
                ("No one", False),
            ],
        ),
        (
            "Is security training optional for staff who are only briefly at a duty station?",
            [
                ("No: security training is mandatory for all personnel", True),
                ("Yes, under three months", False),
                ("Yes, for locally recruited staff", False),
            ],
        ),
        (
            "What should you know about your residential zone?",
            [
                ("Its warden, the alternates and how to reach them", True),
                ("Only the name of the zone", False),
                ("Nothing", False),
            ],
        ),
        (
            "Who decides on the appointment of wardens at a duty station?",
            [
                ("The Designated Official, after consulting the SMT", True),
                ("Each agency alone", False),
                ("The wardens elect one another", False),
            ],
        ),
        (
            "What does the security plan of a duty station tell you?",
            [
                ("What to do and where to go in each security phase", True),
                ("The office opening hours", False),
                ("Nothing relevant to staff", False),
            ],
        ),
    ],
    "STRESS": [
        (
            "Which is a common early sign of cumulative stress?",
            [
                ("Persistent fatigue and irritability", True),
                ("Better sleep", False),
                ("More appetite for work", False),
            ],
        ),
        (
            "After a critical incident, what helps most?",
            [
                ("Talking to a trained counsellor or peer helper", True),
                ("Keeping it to yourself", False),
                ("Working longer hours", False),
            ],
        ),
        (
            "Who is responsible for looking after your own stress levels?",
            [
                ("You, with support from your organization", True),
                ("Only the DO", False),
                ("No one", False),
            ],
        ),
        (
            "Which habit protects against stress on mission?",
            [
                ("Regular rest, exercise and contact with family", True),
                ("Skipping rest days", False),
                ("Avoiding colleagues", False),
            ],
        ),
        (
            "When a colleague shows signs of severe stress you should:",
            [
                ("Encourage them to seek help and tell the appropriate manager", True),
                ("Ignore it", False),
                ("Report them for misconduct", False),
            ],
        ),
        (
            "Stress management training is required of:",
            [
                ("All personnel (¶25)", True),
                ("Only security officers", False),
                ("Only managers", False),
            ],
        ),
    ],
    "ASITF": [
        (
            "In a duty station under a security phase, movements are:",
            [
                ("Restricted according to the phase and the DO's instructions", True),
                ("Unrestricted", False),
                ("Decided by each staff member", False),
            ],
        ),
        (
            "At a checkpoint you should:",
            [
                ("Stay calm, follow instructions and keep your identification ready", True),
                ("Drive through quickly", False),
                ("Argue with the guards", False),
            ],
        ),
        (
            "Before a field trip you must check:",
            [
                ("Clearance, communications, route and who knows your plans", True),
                ("Only the fuel", False),
                ("Nothing if the trip is short", False),
            ],
        ),
        (
            "The radio call sign you were given is used to:",
            [
                ("Identify you on the security communications network", True),
                ("Order supplies", False),
                ("Nothing", False),
            ],
        ),
        (
            "In an evacuation (phase V) you follow:",
            [
                ("The DO's instructions and your warden's directions", True),
                ("Your own plan only", False),
                ("Rumours", False),
            ],
        ),
        (
            "Where do you find the assembly points of your zone?",
            [
                ("In the duty station's security plan, from your warden", True),
                ("On social media", False),
                ("Nowhere", False),
            ],
        ),
    ],
}
