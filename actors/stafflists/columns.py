"""The staff-list file format (¶16(d), ¶10(e)): one organization's personnel and their eligible
dependants at one duty station, in ONE file (CSV or XLSX, first sheet), one row per record.

The first row names the columns (any order, case-insensitive; unknown names are refused). The
``record`` column says what a row is:

``record = person`` (key: ``index_number``, unique in the organization)
    index_number*, family_name*, given_names*, category* (international | local),
    contract_type* (permanent | fixed_term | temporary | consultant | volunteer | other), grade,
    email, phone, radio_call_sign, residential_address, residential_zone (the name of a warden
    zone at this duty station), active (true | false; empty = true).
``record = dependant`` (key: the person's ``index_number`` + the dependant's ``family_name``
and ``given_names``)
    index_number* (of a person row in the same file), family_name*, given_names*,
    relationship* (spouse | child | other), birth_date (YYYY-MM-DD), residential_address
    (empty = lives with the person), lives_at_duty_station (true | false; empty = true).
    Person-only columns (category, contract_type, grade, email, phone, radio_call_sign,
    residential_zone, active) stay empty on dependant rows.

(* required.) Optional columns may be left out: then the stored values are kept (new rows get
the default). A file without the ``birth_date`` column carries no dependants' private details
(the export of someone who may not see them): their birth dates and addresses stay as stored.

Cells starting with ``=`` are refused as spreadsheet formulas; an apostrophe in front of ``=``,
``+``, ``-``, ``@`` (how exports escape them against formula injection) is removed on import.

What an import does: all-or-nothing. Every row is checked and every error reported (row,
column, message); one bad row and nothing is written. Otherwise new people and dependants are
created, changed ones updated, equal ones not written at all (so re-importing a file changes
nothing and adds no audit event). People and dependants of the list that the file does not
name are LEFT UNTOUCHED and reported as "not in file": an import never deletes; mark someone
who left with ``active = false`` (which ends their appointments). A person whose index number
belongs to the organization at another duty station is refused: move them on their page first.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

RECORD_PERSON = "person"
RECORD_DEPENDANT = "dependant"

# Columns in export order.
COLUMNS = (
    "record",
    "index_number",
    "family_name",
    "given_names",
    "category",
    "contract_type",
    "grade",
    "email",
    "phone",
    "radio_call_sign",
    "residential_address",
    "residential_zone",
    "active",
    "relationship",
    "birth_date",
    "lives_at_duty_station",
)
REQUIRED_COLUMNS = ("record", "index_number", "family_name", "given_names")
PERSON_ONLY = (
    "category",
    "contract_type",
    "grade",
    "email",
    "phone",
    "radio_call_sign",
    "residential_zone",
    "active",
)
DEPENDANT_ONLY = ("relationship", "birth_date", "lives_at_duty_station")

MAX_LENGTHS = {
    "index_number": 30,
    "family_name": 100,
    "given_names": 150,
    "grade": 20,
    "email": 254,
    "phone": 40,
    "radio_call_sign": 30,
    "residential_address": 2000,
}

COLUMN_HELP = (
    ("record", _("person or dependant")),
    ("index_number", _("The person's staff index number (on dependant rows: their person's).")),
    ("family_name", _("Family name.")),
    ("given_names", _("Given names.")),
    ("category", _("international or local (person rows).")),
    (
        "contract_type",
        _("permanent, fixed_term, temporary, consultant, volunteer or other (person rows)."),
    ),
    ("grade", _("Grade, e.g. P-3 (person rows, optional).")),
    ("email", _("Email address (person rows, optional).")),
    ("phone", _("Phone number (person rows, optional).")),
    ("radio_call_sign", _("Radio call sign (person rows, optional).")),
    ("residential_address", _("Residential address (optional).")),
    ("residential_zone", _("Name of a warden zone at this duty station (person rows, optional).")),
    ("active", _("true or false; empty means true (person rows).")),
    ("relationship", _("spouse, child or other (dependant rows).")),
    ("birth_date", _("YYYY-MM-DD (dependant rows, optional).")),
    ("lives_at_duty_station", _("true or false; empty means true (dependant rows).")),
)

TEMPLATE_ROWS = (
    {
        "record": RECORD_PERSON,
        "index_number": "123456",
        "family_name": "Mwangi",
        "given_names": "Grace Wanjiru",
        "category": "international",
        "contract_type": "fixed_term",
        "grade": "P-3",
        "email": "grace.mwangi@example.org",
        "phone": "+254 700 000 000",
        "radio_call_sign": "ALPHA 12",
        "residential_address": "12 Example Road",
        "residential_zone": "",
        "active": "true",
    },
    {
        "record": RECORD_DEPENDANT,
        "index_number": "123456",
        "family_name": "Mwangi",
        "given_names": "Amani",
        "relationship": "child",
        "birth_date": "2015-05-17",
        "residential_address": "",
        "lives_at_duty_station": "true",
    },
)
