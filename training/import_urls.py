"""The LMS import page, under /training/ (see training.import_views)."""

from django.urls import path

from training import import_views

urlpatterns = [
    path("records/import/", import_views.RecordsImportView.as_view(), name="records-import"),
]
