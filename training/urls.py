"""The training app's pages, under /training/ (namespace ``training``): My training, the
computer-generated test, uploads and their verification, the station and organization view,
sessions, arrival briefings, certificates and the LMS import."""

from django.urls import path

from training.views import (
    briefings,
    certificates,
    imports,
    my_training,
    records,
    requirements,
    sessions,
    tests,
)

app_name = "training"
urlpatterns = [
    path("", my_training.MyTrainingView.as_view(), name="my-training"),
    path("courses/", my_training.CourseListView.as_view(), name="course-list"),
    # The computer-generated test (¶32).
    path("courses/<int:pk>/test/", tests.TestStartView.as_view(), name="test-start"),
    path("tests/<int:pk>/", tests.TestTakeView.as_view(), name="test-take"),
    path("tests/<int:pk>/result/", tests.TestResultView.as_view(), name="test-result"),
    # Certificates obtained elsewhere and their verification.
    path("upload/", records.UploadView.as_view(), name="upload"),
    path("verification/", records.VerificationQueueView.as_view(), name="verification-queue"),
    path("records/<int:pk>/verify/", records.RecordVerifyView.as_view(), name="record-verify"),
    path("records/<int:pk>/reject/", records.RecordRejectView.as_view(), name="record-reject"),
    path(
        "records/<int:pk>/evidence/",
        records.RecordEvidenceView.as_view(),
        name="record-evidence",
    ),
    # The station and organization view, with its exports.
    path("requirements/", requirements.RequirementsView.as_view(), name="requirements"),
    # In-person sessions.
    path("sessions/", sessions.SessionListView.as_view(), name="session-list"),
    path("sessions/new/", sessions.SessionCreateView.as_view(), name="session-create"),
    path("sessions/<int:pk>/", sessions.SessionDetailView.as_view(), name="session-detail"),
    path(
        "sessions/<int:pk>/participants/",
        sessions.SessionParticipantsView.as_view(),
        name="session-participants",
    ),
    path(
        "sessions/<int:pk>/attendance/",
        sessions.SessionAttendanceView.as_view(),
        name="session-attendance",
    ),
    # Arrival briefings.
    path("briefings/", briefings.BriefingListView.as_view(), name="briefing-list"),
    path("briefings/new/", briefings.BriefingCreateView.as_view(), name="briefing-create"),
    path("briefings/<int:pk>/", briefings.BriefingDetailView.as_view(), name="briefing-detail"),
    path(
        "attendees/<int:pk>/acknowledge/",
        briefings.BriefingAcknowledgeView.as_view(),
        name="briefing-acknowledge",
    ),
    # Certificates: the scoped PDF and the public verification.
    # Names a tenant object (the certificate id); scoped, 404 unless visible and rendered.
    path(
        "certificates/<int:pk>/certificate.pdf",
        certificates.certificate_pdf,
        name="certificate-pdf",
    ),
    # Public, no login: answers only whether a code is genuine.
    path(
        "certificates/verify/",
        certificates.certificate_verify_form,
        name="certificate-verify-form",
    ),
    path(
        "certificates/verify/<str:code>/",
        certificates.certificate_verify,
        name="certificate-verify",
    ),
    # The LMS import page.
    path("records/import/", imports.RecordsImportView.as_view(), name="records-import"),
]
