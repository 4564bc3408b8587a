"""/api/v1/ routes of the SMT's meetings (¶16(b)) and of the appointments outside the
ASC/warden workflow (¶8(b), annex ¶12, ¶22, ¶24).

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from rest_framework.routers import SimpleRouter

from . import meeting_api, other_api

router = SimpleRouter()
router.register("smt-meetings", meeting_api.SmtMeetingViewSet, basename="smt-meeting")
router.register("action-items", meeting_api.ActionItemViewSet, basename="action-item")
router.register(
    "interim-designated-officials",
    other_api.InterimDesignatedOfficialViewSet,
    basename="interim-designated-official",
)
router.register("security-officers", other_api.SecurityOfficerViewSet, basename="security-officer")
router.register("focal-points", other_api.FocalPointViewSet, basename="focal-point")
router.register("smt-deputies", other_api.SmtDeputyViewSet, basename="smt-deputy")

urlpatterns = router.urls
