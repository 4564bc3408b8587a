"""The texts of the appointments' demo rows (appointments/demo/)."""

# What nominators write for each competency of an ASC or warden (¶17, ¶19).
STATEMENT_PHRASES = (
    "Has run the warden network drills of the duty station for two years.",
    "Led the last relocation exercise and briefed every agency's staff.",
    "Known to staff of every agency; speaks the local language.",
    "Keeps the radio tree current and answers checks at all hours.",
    "Completed Basic Security in the Field and the FSCO's warden training.",
)
