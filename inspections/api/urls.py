"""/api/v1/ endpoints of the inspection cycle (issue 5; ¶39–¶40): missions, checklist items,
findings and their rectifications, evidence, follow-up visits, non-compliance reports and the
compliance aggregation.

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from inspections.api import (
    checklist,
    compliance,
    escalations,
    evidence,
    findings,
    followups,
    missions,
)

router = SimpleRouter()
router.register("inspections", missions.MissionViewSet, basename="mission")
router.register("checklist-items", checklist.ChecklistItemViewSet, basename="checklist-item")
router.register("findings", findings.FindingViewSet, basename="finding")
router.register("rectifications", findings.RectificationViewSet, basename="rectification")
router.register("evidence", evidence.EvidenceViewSet, basename="evidence")
router.register("follow-up-visits", followups.FollowUpVisitViewSet, basename="follow-up-visit")
router.register("escalations", escalations.EscalationViewSet, basename="escalation")

urlpatterns = [
    path(
        "compliance/inspections/",
        compliance.InspectionComplianceView.as_view(),
        name="compliance-inspections",
    ),
    *router.urls,
]
