"""Web pages of the appointments: the list and page of each, appointing and ending, the ASC and
warden workflow, the approval queue, and the appointments made by designation.

Path kwargs: ``pk`` names an appointment (``appointments/<pk>/…``), a person
(``personnel/<person_pk>/appoint/``), a country (``countries/<pk>/…``) or a duty station
(``duty-stations/<pk>/…``); ``token`` a consulted SMT member's signed answer link."""

from django.urls import path

from appointments.views import appointments, designations
from appointments.views import consultation_links as consultation_link_views
from appointments.views import workflow as views

app_name = "appointments"

urlpatterns = [
    path("appointments/", appointments.AppointmentListView.as_view(), name="appointment-list"),
    path(
        "appointments/<int:pk>/",
        appointments.AppointmentDetailView.as_view(),
        name="appointment-detail",
    ),
    path(
        "personnel/<int:person_pk>/appoint/",
        appointments.AppointmentCreateView.as_view(),
        name="appointment-create",
    ),
    path(
        "appointments/<int:pk>/end/",
        appointments.AppointmentEndView.as_view(),
        name="appointment-end",
    ),
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
    # Appointments outside the ASC/warden workflow (appointments.services.designations).
    path(
        "unsecoord/decisions/",
        designations.UnsecoordDecisionsView.as_view(),
        name="unsecoord-decisions",
    ),
    path(
        "appointments/<int:pk>/interim-approve/",
        designations.InterimApproveView.as_view(),
        name="interim-approve",
    ),
    path(
        "appointments/<int:pk>/interim-reject/",
        designations.InterimRejectView.as_view(),
        name="interim-reject",
    ),
    path(
        "appointments/<int:pk>/officer-clear/",
        designations.SecurityOfficerClearView.as_view(),
        name="officer-clear",
    ),
    path(
        "appointments/<int:pk>/officer-refuse/",
        designations.SecurityOfficerRefuseView.as_view(),
        name="officer-refuse",
    ),
    path(
        "countries/<int:pk>/interim-do/new/",
        designations.InterimRecommendView.as_view(),
        name="interim-recommend",
    ),
    path(
        "duty-stations/<int:pk>/focal-point/new/",
        designations.FocalPointNameView.as_view(),
        name="focal-point-name",
    ),
    path(
        "duty-stations/<int:pk>/smt-deputy/new/",
        designations.SmtDeputyView.as_view(),
        name="smt-deputy",
    ),
]
