"""Web pages of the ASC and warden workflow, the approval queue and notifications.

Path kwargs: ``pk`` names an appointment (``appointments/<pk>/…``) or a notification of the
signed-in user (``notifications/<pk>/…``)."""

from django.urls import path

from structure import views

app_name = "structure"

urlpatterns = [
    path("nominations/new/", views.NominateView.as_view(), name="nominate"),
    path("appointments/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("appointments/<int:pk>/consult/", views.ConsultView.as_view(), name="consult"),
    path("appointments/<int:pk>/release/", views.ReleaseView.as_view(), name="release"),
    path("appointments/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("appointments/<int:pk>/revoke/", views.RevokeView.as_view(), name="revoke"),
    path("appointments/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("approvals/", views.ApprovalQueueView.as_view(), name="approvals"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/<int:pk>/read/",
        views.NotificationReadView.as_view(),
        name="notification-read",
    ),
    path(
        "notifications/read-all/",
        views.NotificationReadAllView.as_view(),
        name="notifications-read-all",
    ),
]
