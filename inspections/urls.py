"""Web pages of the inspection cycle (namespace "inspections")."""

from . import finding_urls, mission_urls

app_name = "inspections"
urlpatterns = [*mission_urls.urlpatterns, *finding_urls.urlpatterns]
