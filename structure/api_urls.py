"""/api/v1/ routes of the appointment workflow and the structure's vacancies.

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("nominations", api.NominationViewSet, basename="nomination")
router.register("approval-queue", api.ApprovalQueueViewSet, basename="approval-queue")
router.register("consultations", api.ConsultationViewSet, basename="consultation")
router.register("notifications", api.NotificationViewSet, basename="notification")

urlpatterns = [
    path("vacancies/", api.VacancyView.as_view(), name="vacancies"),
    *router.urls,
]
