"""/api/v1/training-records/import/ (see training.import_api)."""

from django.urls import path

from training import import_api

urlpatterns = [
    path(
        "training-records/import/",
        import_api.RecordsImportView.as_view(),
        name="training-records-import",
    ),
]
