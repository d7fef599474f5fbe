from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from karier.accounts.models import ApiToken, LoginAttempt, User
from karier.core.admin import AuditedAdminMixin, AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "pegawai", "is_admin_bkd", "is_auditor", "is_active")
    list_filter = ("is_admin_bkd", "is_auditor", "is_active", "is_staff")
    raw_id_fields = ("pegawai",)
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Karier", {"fields": ("pegawai", "is_admin_bkd", "is_auditor")}))
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
    raw_id_fields = ("user",)


@admin.register(LoginAttempt)
class LoginAttemptAdmin(AuditedModelAdmin):
    list_display = ("created_at", "username", "ip")
    search_fields = ("username", "ip")
