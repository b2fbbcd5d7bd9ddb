from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from thidua.core.admin import AuditedModelAdmin
from thidua.organizations.models import ApiToken, IssuedDocument, Membership, Unit, User


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "official_name",
        "document_abbreviation",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "is_confirmed",
    ]
    list_filter = ["kind", "is_confirmed"]
    search_fields = ["code", "name", "official_name", "search_key"]
    filter_horizontal = ["successors"]

    def audit_unit(self, obj):
        return obj


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(AuditedModelAdmin):
    """The register is written by the numbering service only; the admin shows it."""

    list_display = ["number", "issuer", "issued_on", "subject", "created_by"]
    list_filter = ["type_code", "year"]
    search_fields = ["number", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Thi Đua CCHC", {"fields": ["full_name", "job_title", "phone"]}),
    ]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "unit", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["token_hash", "hint", "created_by", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        # Tokens are created on the API tokens page, which shows the secret once.
        return False
