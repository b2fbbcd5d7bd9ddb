from django.contrib import admin

from thidua.campaigns.models import Campaign, CampaignExtension, Registration, Target
from thidua.core.admin import AuditedModelAdmin


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = CampaignExtension
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(AuditedModelAdmin):
    list_display = ["number", "title", "issue_date", "period_start", "period_end"]
    inlines = [TargetInline, ExtensionInline]


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ["campaign", "unit", "year", "status"]
    list_filter = ["status", "year"]
    readonly_fields = ["created_by", "submitted_by", "submitted_at", "confirmed_by", "confirmed_at"]
