"""The BKD admin's own Django admin site, "Data induk" (/data-induk/), for master data (issue #10 §6).

Why a second admin site instead of opening /admin/ to BKD admins: /admin/ lets whoever passes it
edit every table — users and their rights, evaluations, the audit trail — and decides per user
with Django's `is_staff` and per-model permissions, which Karier's roles never set. This site
admits exactly the actors with the admin role (auditors only read, so an account flagged auditor
is refused here as it is by the calendar and the year close) and shows only the master data each
app registers on it: agencies and units, positions, employees, assignments, reference tables,
years, the appraisal calendar (curve and objection policy) and its periods. /admin/ stays for
superusers.

Each app registers its own `ModelAdmin` here (`site.register_master(Model, TheAdmin)` at the end of its
admin.py, so `core` imports nothing to its right). `register_master` puts `RoleGrantedAdmin` between the
app's admin and Django's `ModelAdmin`: the admin role answers the questions Django would ask the
user's per-model permissions, while every refusal the app's admin already makes (read-only
reference tables, history rows that only a service adds, no deleting) sits above it and still
wins. Every admin of ours derives from `AuditedModelAdmin`, so every change made here is audited
(old → new), and the admins whose `save_model` calls a service keep doing so.

Nothing is deleted here unless the registration says `delete=True`: rows with history are ended
(`aktif`, an end date), never removed.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from karier.people.access import MSG_DIRI_SENDIRI, Actor, actor_from_request, is_subject

SITE_NAME = "datainduk"
MSG_BUKAN_ADMIN = _("Data induk hanya dapat dikelola oleh admin BKD.")


def may_manage(actor: Actor) -> bool:
    """The admin role, as the people services check it (`check_master_data`), without auditors:
    an auditor reads everything and writes nothing, here as on the calendar screen."""
    return actor.can_write_master_data and not actor.is_auditor and actor.user_id is not None


def _role(request: HttpRequest) -> bool:
    return bool(request.user.is_active and may_manage(actor_from_request(request)))


def _own_record(request: HttpRequest, obj: Any) -> bool:
    """The row is the admin's own employee record, or hangs from it (her assignments, her golongan):
    nobody decides about themselves, so another BKD admin changes it."""
    if obj is None:
        return False
    pegawai_id = obj.pk if obj._meta.label_lower == "people.pegawai" else getattr(obj, "pegawai_id", None)
    return pegawai_id is not None and is_subject(actor_from_request(request), (pegawai_id,))


class RoleGrantedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Stands where Django's per-user permission checks stand in an app admin's MRO (see `register_master`)."""

    datainduk_delete = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _role(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _role(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _role(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _role(request) and not _own_record(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.datainduk_delete and _role(request) and not _own_record(request, obj)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        """A new row for the admin herself (her assignment, her promotion) is refused next to the field,
        before the service would refuse it."""
        base = super().get_form(request, obj, change=change, **kwargs)
        if "pegawai" not in base.base_fields:
            return base

        def clean_pegawai(form: Any) -> Any:
            pegawai = form.cleaned_data.get("pegawai")
            if pegawai is not None and is_subject(actor_from_request(request), (pegawai.pk,)):
                raise ValidationError(gettext(MSG_DIRI_SENDIRI))
            return pegawai

        return type(base.__name__, (base,), {"clean_pegawai": clean_pegawai})


class RoleGrantedInline(InlineModelAdmin):  # type: ignore[type-arg]
    """The same for inlines; rows are never deleted from a parent's page here."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _role(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _role(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _role(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DataIndukSite(admin.AdminSite):
    site_header = _("Karier — Data induk")
    site_title = _("Data induk")
    index_title = _("Kelola data induk")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        return _role(request)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Signed-out visitors go to Karier's own login page (one login path, throttled); signed-in
        users without the role get a 403 with the reason instead of Django's admin login form."""
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied(MSG_BUKAN_ADMIN)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """No second login form: Karier's login page, then back to this site."""
        index = reverse(f"{self.name}:index")
        wanted = request.GET.get("next", "")
        return redirect_to_login(wanted if wanted.startswith(index) else index)

    def logout(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:  # type: ignore[override]
        """Sign out of Karier (a POST, as on Karier's own menu) and land on its login page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        auth_logout(request)
        return redirect(settings.LOGOUT_REDIRECT_URL)

    def register_master(
        self,
        model: type[Model],
        admin_class: type[admin.ModelAdmin],  # type: ignore[type-arg]
        *,
        delete: bool = False,
    ) -> None:
        """Register an app's own admin here, granted by the admin role (deletes only with `delete`)."""
        inlines = [
            type(f"DataInduk{i.__name__}", (i, RoleGrantedInline), {"__module__": i.__module__})
            for i in admin_class.inlines
        ]
        granted = type(
            f"DataInduk{admin_class.__name__}",
            (admin_class, RoleGrantedAdmin),
            {"__module__": admin_class.__module__, "inlines": inlines, "datainduk_delete": delete},
        )
        self.register(model, granted)


site = DataIndukSite(name=SITE_NAME)
