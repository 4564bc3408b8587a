"""Who holds which role where, and the records of how they came to hold it."""

from .appointments import SCOPE_FIELDS, Appointment, AppointmentStatus
from .records import Answer, AppointmentLetter, CompetencyStatement, Consultation

__all__ = [
    "SCOPE_FIELDS",
    "Answer",
    "Appointment",
    "AppointmentLetter",
    "AppointmentStatus",
    "CompetencyStatement",
    "Consultation",
]
