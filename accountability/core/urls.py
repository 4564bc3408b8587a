"""The core's own pages: the signed-in user's notifications."""

from django.urls import path

from . import notification_views as views

app_name = "core"
urlpatterns = [
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
