"""The LMS export format: one organization's completions, in ONE file (CSV in UTF-8, or XLSX,
first sheet), one row per completion.

The organization is the importer's choice (one it verifies training for, ¶27, annex ¶26); the
file names people by their index number within it. The first row names the columns, in any
order and any case; unknown names are refused, so that a misspelt optional column is not
silently dropped.

``index_number``*      the person's staff index number in the chosen organization
``dependant``          the given names of one of that person's eligible dependants, when the
                       completion is the dependant's (¶32); empty for the person's own
``course_code``*       the code of a course of the catalogue (BSITF, STRESS, ...), any case
``completed_on``*      the day of completion: YYYY-MM-DD or DD/MM/YYYY (an XLSX date cell,
                       with or without a time of day, is read as its date)
``score``              the test score in per cent, a whole number from 0 to 100
``external_reference`` the LMS's own record id, kept with the completion

(* required.) Completions are keyed by person, dependant, course and day: a row whose
completion is already recorded is skipped, so re-importing a file writes nothing. Arrival
briefings are not imported: the person acknowledges them in writing (¶33).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COLUMNS = (
    "index_number",
    "dependant",
    "course_code",
    "completed_on",
    "score",
    "external_reference",
)
REQUIRED_COLUMNS = ("index_number", "course_code", "completed_on")

MAX_LENGTHS = {
    "index_number": 30,
    "dependant": 150,
    "course_code": 40,
    "external_reference": 100,
}

COLUMN_HELP = (
    ("index_number", _("Required. The person's staff index number in the chosen organization.")),
    (
        "dependant",
        _(
            "Optional. The given names of one of the person's eligible dependants, when the "
            "completion is the dependant's; empty for the person's own."
        ),
    ),
    ("course_code", _("Required. The code of a course of the catalogue, e.g. BSITF.")),
    (
        "completed_on",
        _("Required. The day of completion, as YYYY-MM-DD or DD/MM/YYYY (or a date cell)."),
    ),
    ("score", _("Optional. The test score in per cent, a whole number from 0 to 100.")),
    ("external_reference", _("Optional. The LMS's own record id (at most 100 characters).")),
)
