"""/api/v1/staff-lists/ routes (see actors.stafflists.api)."""

from django.urls import path

from . import api

urlpatterns = [
    path("staff-lists/", api.StaffListStatusView.as_view(), name="stafflist-status"),
    path("staff-lists/import/", api.StaffListImportView.as_view(), name="stafflist-import"),
    path("staff-lists/export/", api.StaffListExportView.as_view(), name="stafflist-export"),
    path("staff-lists/confirm/", api.StaffListConfirmView.as_view(), name="stafflist-confirm"),
]
