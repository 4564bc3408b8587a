"""Web pages of the SMT's meetings (¶16(b)), included at the site root."""

from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("duty-stations/<int:pk>/smt-meetings/", views.MeetingListView.as_view(), name="list"),
    path(
        "duty-stations/<int:pk>/smt-meetings/new/",
        views.MeetingCreateView.as_view(),
        name="create",
    ),
    path("smt-meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("smt-meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="edit"),
    path(
        "smt-meetings/<int:pk>/action-items/new/",
        views.ActionItemCreateView.as_view(),
        name="action-item-add",
    ),
    path(
        "action-items/<int:pk>/done/",
        views.ActionItemDoneView.as_view(),
        name="action-item-done",
    ),
]
