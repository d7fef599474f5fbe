"""Admin for plans. The performance year's deadline is configured here by the BKD admin (audited
by AuditedModelAdmin) and the year is closed by an action calling `plans.years.tahun_close`; plans
themselves are read-only here — they change only through the services (screens and API), which
keep the workflow and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.core import datainduk
from karier.core.admin import AuditedModelAdmin
from karier.people.access import actor_from_request
from karier.plans import years
from karier.plans.models import DialogKinerja, Skp, SkpRevisi, TahunKinerja


@admin.register(TahunKinerja)
class TahunKinerjaAdmin(AuditedModelAdmin):
    list_display = ("tahun", "batas_penetapan_skp", "ditutup")
    list_filter = ("ditutup",)
    # Closing is a service with its checks (karier.plans.years.tahun_close), reached by the action below.
    readonly_fields = ("ditutup",)
    actions = ("tutup_tahun",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_l("Tutup tahun kinerja terpilih (setelah semua periode ditutup dan evaluasi final)"))
    def tutup_tahun(self, request: HttpRequest, queryset: QuerySet[TahunKinerja]) -> None:
        for tahun in queryset.order_by("tahun"):
            try:
                years.tahun_close(actor=actor_from_request(request), tahun=tahun)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("Tahun %(tahun)s tidak dapat ditutup: %(alasan)s")
                    % {"tahun": tahun.tahun, "alasan": " ".join(exc.messages)},
                    messages.ERROR,
                )
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
            else:
                self.message_user(
                    request, _("Tahun kinerja %(tahun)s ditutup.") % {"tahun": tahun.tahun}, messages.SUCCESS
                )


class ReadOnly(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Skp)
class SkpAdmin(ReadOnly):
    list_display = ("pegawai", "tahun", "periode_mulai", "jabatan", "status", "versi")
    list_filter = ("tahun", "status", "sumber")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai", "tahun", "jabatan")
    raw_id_fields = ("pegawai", "penilai")


@admin.register(SkpRevisi)
class SkpRevisiAdmin(ReadOnly):
    list_display = ("skp", "versi", "alasan", "dibuat_pada")
    list_select_related = ("skp", "skp__pegawai")


@admin.register(DialogKinerja)
class DialogKinerjaAdmin(ReadOnly):
    list_display = ("skp", "jenis", "versi", "dibuat_pada")
    list_select_related = ("skp", "skp__pegawai")


# "Data induk" (/data-induk/, karier.core.datainduk): BKD admins add years and set the planning deadline
# there; closing stays the action above (the service), and years are never deleted.
datainduk.site.register_master(TahunKinerja, TahunKinerjaAdmin)
