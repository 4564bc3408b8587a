"""/api/v1/ endpoints of the inspection cycle."""

urlpatterns: list = []
