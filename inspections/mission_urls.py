"""Web pages of missions, checklists and recording (included by inspections/urls.py)."""

from django.urls import path

from .views import missions, recording

urlpatterns = [
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
]
