"""/api/v1/ routes of the actors app."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("countries", views.CountryViewSet, basename="country")
router.register("duty-stations", views.DutyStationViewSet, basename="duty-station")
router.register("areas", views.AreaViewSet, basename="area")
router.register("warden-zones", views.WardenZoneViewSet, basename="warden-zone")
router.register("personnel", views.PersonViewSet, basename="personnel")
router.register("dependants", views.DependantViewSet, basename="dependant")
router.register("roles", views.RoleViewSet, basename="role")
router.register("responsibilities", views.ResponsibilityViewSet, basename="responsibility")
router.register("competencies", views.CompetencyViewSet, basename="competency")
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("audit-events/", views.AuditEventView.as_view(), name="audit-events"),
    *router.urls,
]
