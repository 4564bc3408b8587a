"""Web pages of the inspection cycle (namespace "inspections"): missions, checklists and
recording; findings, rectification, follow-up visits, non-compliance reports and the report
downloads (¶39, ¶40)."""

from django.urls import path

from inspections.views import escalations, findings, followups, missions, recording, reports

app_name = "inspections"
urlpatterns = [
    # Missions, checklists and recording.
    path("", missions.MissionListView.as_view(), name="mission-list"),
    path("missions/new/", missions.MissionCreateView.as_view(), name="mission-create"),
    path("missions/<int:pk>/", missions.MissionDetailView.as_view(), name="mission-detail"),
    path("missions/<int:pk>/edit/", missions.MissionEditView.as_view(), name="mission-edit"),
    path(
        "missions/<int:pk>/announce/",
        missions.MissionAnnounceView.as_view(),
        name="mission-announce",
    ),
    path(
        "missions/<int:pk>/debrief/", missions.MissionDebriefView.as_view(), name="mission-debrief"
    ),
    # Recording on site (¶39): the page, one item's entry (JSON for the autosave script, a
    # plain form post without it) and one item's evidence.
    path("missions/<int:pk>/record/", recording.RecordView.as_view(), name="mission-record"),
    path("items/<int:pk>/record/", recording.ItemRecordView.as_view(), name="item-record"),
    path("items/<int:pk>/evidence/", recording.ItemEvidenceView.as_view(), name="item-evidence"),
    # Findings and their rectification.
    path("findings/", findings.FindingListView.as_view(), name="finding-list"),
    path("findings/<int:pk>/", findings.FindingDetailView.as_view(), name="finding-detail"),
    path(
        "findings/<int:pk>/rectification/",
        findings.RectificationReportView.as_view(),
        name="finding-rectify",
    ),
    path(
        "rectifications/<int:pk>/decision/",
        findings.RectificationDecideView.as_view(),
        name="rectification-decide",
    ),
    path("evidence/<int:pk>/", findings.EvidenceFileView.as_view(), name="evidence-file"),
    # The debrief report of a mission (the full one or the agency's copy).
    path(
        "missions/<int:pk>/report.pdf",
        reports.MissionReportPdfView.as_view(),
        name="mission-report-pdf",
    ),
    # Follow-up visits.
    path("follow-ups/", followups.FollowUpListView.as_view(), name="follow-up-list"),
    path("follow-ups/<int:pk>/", followups.FollowUpDetailView.as_view(), name="follow-up-detail"),
    path(
        "follow-ups/<int:pk>/checks/",
        followups.FollowUpCheckView.as_view(),
        name="follow-up-check",
    ),
    path(
        "follow-ups/<int:pk>/completion/",
        followups.FollowUpCompleteView.as_view(),
        name="follow-up-complete",
    ),
    # Non-compliance reports to the agencies and the HLCM.
    path("non-compliance/", escalations.EscalationListView.as_view(), name="escalation-list"),
    path(
        "non-compliance/<int:pk>/",
        escalations.EscalationDetailView.as_view(),
        name="escalation-detail",
    ),
    path(
        "non-compliance/<int:pk>/report.pdf",
        reports.EscalationPdfView.as_view(),
        name="escalation-pdf",
    ),
]
