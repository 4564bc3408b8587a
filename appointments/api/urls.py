"""/api/v1/ routes of the appointments: the appointments themselves, the ASC and warden
workflow (¶17, ¶19), the appointments made by designation (¶8(b), annex ¶12, ¶22, ¶24) and the
vacancies of the structure.

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from appointments.api import appointments, designations, workflow

router = SimpleRouter()
router.register("appointments", appointments.AppointmentViewSet, basename="appointment")
router.register("nominations", workflow.NominationViewSet, basename="nomination")
router.register("approval-queue", workflow.ApprovalQueueViewSet, basename="approval-queue")
router.register("consultations", workflow.ConsultationViewSet, basename="consultation")
router.register(
    "interim-designated-officials",
    designations.InterimDesignatedOfficialViewSet,
    basename="interim-designated-official",
)
router.register(
    "security-officers", designations.SecurityOfficerViewSet, basename="security-officer"
)
router.register("focal-points", designations.FocalPointViewSet, basename="focal-point")
router.register("smt-deputies", designations.SmtDeputyViewSet, basename="smt-deputy")

urlpatterns = [
    path("vacancies/", workflow.VacancyView.as_view(), name="vacancies"),
    *router.urls,
]
