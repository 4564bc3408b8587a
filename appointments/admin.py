from django.contrib import admin

from appointments.models import Appointment


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = (
        "person",
        "role",
        "scope_kind",
        "organization",
        "start_date",
        "end_date",
        "status",
    )
    list_filter = ("status", "role", "scope_kind")
    list_select_related = ("person", "role", "organization")
    search_fields = ("person__family_name", "person__given_names", "role__name")
    autocomplete_fields = (
        "person",
        "organization",
        "scope_organization",
        "scope_country",
        "scope_duty_station",
        "scope_area",
        "scope_zone",
    )
    # Rights follow appointments through the services; keep status changes there.
    readonly_fields = ("status", "appointed_by")
