from django.contrib import admin

from thidua.core.audit import audit_record
from thidua.core.models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes are state changes too: each one also writes an audit entry in the admin's transaction."""

    def audit_unit(self, obj):
        """The unit the entry is filed under; an admin whose objects are units themselves overrides this."""
        return getattr(obj, "unit", None)

    def log_addition(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.added",
            target=obj,
            unit=self.audit_unit(obj),
            data={"message": str(message)},
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.changed",
            target=obj,
            unit=self.audit_unit(obj),
            data={"message": str(message)},
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(
                actor=request.user,
                action=f"admin.{obj._meta.model_name}.deleted",
                target=obj,
                unit=self.audit_unit(obj),
            )
        return super().log_deletions(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "unit", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["action", "target_label", "actor_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
