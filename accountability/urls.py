from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

handler400 = "accountability.core.errors.bad_request"
handler404 = "accountability.core.errors.not_found"
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("accountability.core.api.notifications")),
    path("api/v1/", include("appointments.api.urls")),
    path("api/v1/", include("meetings.api_urls")),
    path("api/v1/", include("actors.api.urls")),
    path("api/v1/", include("actors.stafflists.api_urls")),
    # training.api.urls puts its import before its router: "training-records/import/" is not a
    # record's id.
    path("api/v1/", include("training.api.urls")),
    path("api/v1/", include("inspections.api.urls")),
    path("staff-lists/", include("actors.stafflists.urls")),
    path("training/", include("training.urls")),
    path("inspections/", include("inspections.urls")),
    path("", include("accountability.core.urls")),
    path("", include("appointments.urls")),
    path("", include("appointments.letter_urls")),
    path("", include("meetings.urls")),
    path("", include("actors.urls")),
]
