"""Django admin for superusers. Edits here bypass the services, so it is a superuser's tool for
repairs; the audit trail still records every change (database triggers)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from actors import models as m


@admin.register(m.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")


@admin.register(m.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("iso_code", "name")
    search_fields = ("iso_code", "name")


@admin.register(m.DutyStation)
class DutyStationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "is_capital", "area", "security_phase")
    list_filter = ("security_phase", "is_capital")
    list_select_related = ("country", "area__country")
    search_fields = ("name", "country__name")
    autocomplete_fields = ("country", "area")


@admin.register(m.SecurityPhaseChange)
class SecurityPhaseChangeAdmin(admin.ModelAdmin):
    list_display = ("duty_station", "phase", "effective_from", "declared_by")
    list_select_related = ("duty_station__country", "declared_by")
    autocomplete_fields = ("duty_station",)


@admin.register(m.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "country")
    list_select_related = ("country",)
    search_fields = ("name", "country__name")
    autocomplete_fields = ("country",)


@admin.register(m.WardenZone)
class WardenZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "duty_station")
    list_select_related = ("duty_station",)
    search_fields = ("name", "duty_station__name")
    autocomplete_fields = ("duty_station",)


@admin.register(m.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = (
        "family_name",
        "given_names",
        "index_number",
        "organization",
        "duty_station",
        "category",
        "is_active",
    )
    list_filter = ("category", "is_active", "organization")
    list_select_related = ("organization", "duty_station__country")
    search_fields = ("family_name", "given_names", "index_number", "email")
    autocomplete_fields = ("organization", "duty_station", "residential_zone", "user")


@admin.register(m.Dependant)
class DependantAdmin(admin.ModelAdmin):
    list_display = ("family_name", "given_names", "relationship", "person", "organization")
    list_filter = ("relationship",)
    list_select_related = ("person", "organization")
    search_fields = ("family_name", "given_names", "person__family_name")
    autocomplete_fields = ("person", "organization")


@admin.register(m.Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("sort_order", "code", "name", "name_zh", "accountable_to", "paragraphs")
    list_display_links = ("code",)
    search_fields = ("code", "name", "name_zh")


@admin.register(m.Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ("reference", "role", "text_en")
    list_filter = ("role", "source")
    list_select_related = ("role",)
    search_fields = ("text_en", "text_zh")


@admin.register(m.Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("role", "paragraph_letter", "position", "name_en", "name_zh")
    list_filter = ("role",)
    list_select_related = ("role",)


@admin.register(m.StaffListConfirmation)
class StaffListConfirmationAdmin(admin.ModelAdmin):
    list_display = (
        "organization",
        "duty_station",
        "confirmed_by",
        "confirmed_at",
        "people_count",
        "dependants_count",
    )
    list_select_related = ("organization", "duty_station__country", "confirmed_by")
    date_hierarchy = "confirmed_at"


@admin.register(m.User)
class AccountabilityUserAdmin(UserAdmin):
    list_display = ("username", "email", "organization", "is_active", "is_superuser", "last_login")
    list_filter = ("is_active", "is_superuser", "organization")
    list_select_related = ("organization",)
    fieldsets = (*UserAdmin.fieldsets, ("Organization", {"fields": ("organization",)}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("Organization", {"fields": ("organization",)}))
    autocomplete_fields = ("organization",)
