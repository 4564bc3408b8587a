"""/api/v1/ routes of the SMT's meetings and their action items (¶16(b)).

A SimpleRouter: the actors router already serves the API root at /api/v1/.
"""

from rest_framework.routers import SimpleRouter

from meetings import api

router = SimpleRouter()
router.register("smt-meetings", api.SmtMeetingViewSet, basename="smt-meeting")
router.register("action-items", api.ActionItemViewSet, basename="action-item")

urlpatterns = router.urls
