"""Web pages of the ASC and warden workflow, the approval queue and notifications.

Path kwargs: ``pk`` names an appointment (``appointments/<pk>/…``), a notification of the
signed-in user (``notifications/<pk>/…``), a country (``countries/<pk>/…``) or a duty station
(``duty-stations/<pk>/…``); ``token`` a consulted SMT member's signed answer link."""

from django.urls import path

from structure import consultation_link_views, other_views, views

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
    # Public, no login: the signed token is the credential of an SMT member with no login.
    path(
        "consultations/answer/<str:token>/",
        consultation_link_views.consultation_answer,
        name="consultation-answer",
    ),
    # Appointments outside the ASC/warden workflow (structure.other).
    path(
        "unsecoord/decisions/",
        other_views.UnsecoordDecisionsView.as_view(),
        name="unsecoord-decisions",
    ),
    path(
        "appointments/<int:pk>/interim-approve/",
        other_views.InterimApproveView.as_view(),
        name="interim-approve",
    ),
    path(
        "appointments/<int:pk>/interim-reject/",
        other_views.InterimRejectView.as_view(),
        name="interim-reject",
    ),
    path(
        "appointments/<int:pk>/officer-clear/",
        other_views.SecurityOfficerClearView.as_view(),
        name="officer-clear",
    ),
    path(
        "appointments/<int:pk>/officer-refuse/",
        other_views.SecurityOfficerRefuseView.as_view(),
        name="officer-refuse",
    ),
    path(
        "countries/<int:pk>/interim-do/new/",
        other_views.InterimRecommendView.as_view(),
        name="interim-recommend",
    ),
    path(
        "duty-stations/<int:pk>/focal-point/new/",
        other_views.FocalPointNameView.as_view(),
        name="focal-point-name",
    ),
    path(
        "duty-stations/<int:pk>/smt-deputy/new/",
        other_views.SmtDeputyView.as_view(),
        name="smt-deputy",
    ),
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
