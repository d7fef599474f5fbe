from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from karier.accounts import tokens
from karier.accounts.models import ApiToken, LoginAttempt, User
from karier.core.admin import AuditedAdminMixin, AuditedModelAdmin, ReadOnlyAdmin
from karier.people.access import actor_from_request


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "pegawai", "is_admin_bkd", "is_auditor", "is_active")
    list_filter = ("is_admin_bkd", "is_auditor", "is_active", "is_staff")
    raw_id_fields = ("pegawai",)
    list_select_related = ("pegawai",)  # one query for the page, not one per user
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Karier", {"fields": ("pegawai", "is_admin_bkd", "is_auditor")}))
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """A read view with one action. Tokens are made on /akun/token/ (password asked again) and revoked
    through `tokens.token_revoke`; editing here could move a working key to another user or bring a
    revoked one back, and deleting would drop the row the trail points to."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    list_select_related = ("user",)
    actions = ("cabut_token",)

    @admin.action(description="Cabut token terpilih")
    def cabut_token(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = actor_from_request(request)
        count = 0
        for token in queryset.filter(revoked=False).select_related("user"):
            tokens.token_revoke(actor=actor, token=token)
            count += 1
        self.message_user(request, f"{count} token dicabut.", messages.SUCCESS)


@admin.register(LoginAttempt)
class LoginAttemptAdmin(AuditedModelAdmin):
    """Failed logins may be cleared (an audited unlock) but never made up or rewritten here: an edited
    row would move a lock onto another account or address."""

    list_display = ("created_at", "username", "ip")
    search_fields = ("username", "ip")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
