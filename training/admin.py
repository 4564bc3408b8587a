"""Django admin for superusers: the course catalogue, question banks and rules, and read
access to records. Edits here bypass the services; the audit trail still records them."""

from django.contrib import admin

from training import models as t


class QuestionInline(admin.TabularInline):
    model = t.Question
    extra = 0
    fields = ("position", "text", "is_active")
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = t.Choice
    extra = 0


@admin.register(t.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "title",
        "kind",
        "delivery",
        "provider",
        "validity_months",
        "endorsed_at",
    )
    list_filter = ("kind", "delivery", "is_active")
    list_select_related = ("provider",)
    search_fields = ("code", "title", "title_fr", "title_zh")
    inlines = [QuestionInline]


@admin.register(t.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("course", "position", "text", "is_active")
    list_select_related = ("course__provider",)
    list_filter = ("course",)
    inlines = [ChoiceInline]


@admin.register(t.TrainingRule)
class TrainingRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "applies_to", "course_kind", "role", "min_phase", "due_within_days")
    list_filter = ("applies_to", "course_kind", "is_active")
    list_select_related = ("role",)


@admin.register(t.TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ("person", "course", "completed_on", "valid_until", "source", "status")
    list_filter = ("status", "source", "course")
    list_select_related = ("person", "course")
    raw_id_fields = ("person", "dependant", "session", "recorded_by", "verified_by")
    search_fields = ("person__family_name", "person__index_number", "external_reference")
    date_hierarchy = "completed_on"


@admin.register(t.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("verification_code", "record", "language", "issued_at")
    list_select_related = ("record__person", "record__course")
    raw_id_fields = ("record",)
    readonly_fields = ("sha256", "issued_at", "pdf")
    search_fields = ("verification_code",)


@admin.register(t.TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("course", "duty_station", "held_on", "trainer", "attendance_marked_at")
    list_select_related = ("course", "duty_station__country", "trainer")
    raw_id_fields = ("trainer", "created_by")


@admin.register(t.Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ("duty_station", "given_on", "version", "given_by")
    list_select_related = ("duty_station__country", "given_by")
    raw_id_fields = ("given_by", "created_by")
