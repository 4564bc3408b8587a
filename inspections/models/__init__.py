"""Inspections and compliance missions (A/57/365 ¶39–¶40).

UNSECOORD sends a mission to a duty station; its checklist is generated from the framework
catalogue for every actor present (¶39); each deficiency becomes a finding with a date by
which it must be rectified (¶40); a follow-up visit checks them; what remains is reported to
the agencies and the HLCM, and the station stays flagged non-compliant until it is closed.
"""

from .checklists import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    ItemResult,
    Severity,
)
from .escalations import Escalation, EscalationDelivery, EscalationFinding
from .evidence import Evidence
from .findings import (
    Finding,
    FindingReminder,
    FindingStatus,
    FollowUpCheck,
    FollowUpResult,
    FollowUpVisit,
    Rectification,
    RectificationDecision,
)
from .missions import Mission, MissionMember, MissionStatus
from .reports import MissionReport

__all__ = [
    "ChecklistItem",
    "ChecklistTemplate",
    "ChecklistTemplateItem",
    "Escalation",
    "EscalationDelivery",
    "EscalationFinding",
    "Evidence",
    "Finding",
    "FindingReminder",
    "FindingStatus",
    "FollowUpCheck",
    "FollowUpResult",
    "FollowUpVisit",
    "ItemResult",
    "Mission",
    "MissionMember",
    "MissionReport",
    "MissionStatus",
    "Rectification",
    "RectificationDecision",
    "Severity",
]
