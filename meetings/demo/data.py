"""The texts of the SMT meetings in the demo (meetings/demo/)."""

MEETING_AGENDAS = (
    "1. Security situation. 2. Security plan and relocation list. 3. Warden system.",
    "1. MOSS compliance. 2. Radio checks. 3. Staff list and dependants.",
    "1. Incident review. 2. Security phase. 3. Training of new staff.",
)
MEETING_DECISIONS = (
    "Security plan to be updated; relocation list to be confirmed by every agency.",
    "Every agency to complete the MOSS self-assessment; radio checks weekly.",
    "Phase unchanged; new staff to be briefed by the FSCO on arrival.",
)
ACTION_TEXTS = (
    "Send the updated staff and dependants list to the FSCO.",
    "Test the radio tree in every warden zone.",
    "Confirm the relocation assembly points.",
    "Schedule Basic Security in the Field for new staff.",
)
