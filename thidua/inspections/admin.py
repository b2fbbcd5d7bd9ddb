"""Read-only admin: every change to inspections goes through the services (versioning, audit trail)."""

from django.contrib import admin

from thidua.inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    DisciplineRecord,
    Finding,
    Inspection,
    Remediation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "created_at"]
    inlines = [ChecklistItemInline]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "inspected_on", "status", "record_number", "is_demo"]
    list_filter = ["kind", "status"]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "item", "result"]


@admin.register(Remediation)
class RemediationAdmin(ReadOnlyAdmin):
    list_display = ["unit", "owner", "due_date", "status"]
    list_filter = ["status"]


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(ReadOnlyAdmin):
    list_display = ["unit", "occurred_on", "rule"]
    exclude = ["person_name"]
