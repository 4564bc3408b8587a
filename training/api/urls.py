"""/api/v1/ routes of the training app (issue 4): courses, requirements, completions and
their LMS import, certificates, briefings, sessions, test attempts and the compliance
aggregation.

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from training.api import (
    attempts,
    briefings,
    compliance,
    courses,
    imports,
    records,
    requirements,
    sessions,
)

router = SimpleRouter()
router.register("courses", courses.CourseViewSet, basename="course")
router.register(
    "training-requirements",
    requirements.TrainingRequirementViewSet,
    basename="training-requirement",
)
router.register("training-records", records.TrainingRecordViewSet, basename="training-record")
router.register("certificates", records.CertificateViewSet, basename="certificate")
router.register("briefings", briefings.BriefingViewSet, basename="briefing")
router.register("training-sessions", sessions.TrainingSessionViewSet, basename="training-session")
router.register("test-attempts", attempts.TestAttemptViewSet, basename="test-attempt")

urlpatterns = [
    # The import before the router: "training-records/import/" is not a record's id.
    path(
        "training-records/import/",
        imports.RecordsImportView.as_view(),
        name="training-records-import",
    ),
    path(
        "compliance/training/",
        compliance.TrainingComplianceView.as_view(),
        name="compliance-training",
    ),
    *router.urls,
]
