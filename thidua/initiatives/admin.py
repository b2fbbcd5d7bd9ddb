from django.contrib import admin

from thidua.initiatives.models import Appraisal, EvidenceFile, ReformModel


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the services (audited); the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReformModel)
class ReformModelAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year", "category", "status"]
    list_filter = ["status", "category", "year"]
    search_fields = ["title", "unit__name", "unit__code"]


@admin.register(Appraisal)
class AppraisalAdmin(ReadOnlyAdmin):
    list_display = ["model", "decision", "created_at"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "model", "kind", "size", "is_public"]
