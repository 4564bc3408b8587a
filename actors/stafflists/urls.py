"""/staff-lists/ pages (see actors.stafflists.views)."""

from django.urls import path

from . import views

app_name = "stafflists"

urlpatterns = [
    path("", views.StaffListIndexView.as_view(), name="index"),
    path("import/", views.StaffListImportView.as_view(), name="import"),
    path("export/", views.StaffListExportView.as_view(), name="export"),
    path("template/", views.StaffListTemplateView.as_view(), name="template"),
    path("confirm/", views.StaffListConfirmView.as_view(), name="confirm"),
]
