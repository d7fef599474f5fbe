"""Admin for plans. The performance year (deadline, closing) is configured here by the BKD admin,
audited; plans themselves are read-only here — they change only through the services (screens
and API), which keep the workflow and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from karier.core import audit
from karier.plans.models import DialogKinerja, Skp, SkpRevisi, TahunKinerja


@admin.register(TahunKinerja)
class TahunKinerjaAdmin(admin.ModelAdmin):
    list_display = ("tahun", "batas_penetapan_skp", "ditutup")
    list_filter = ("ditutup",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TahunKinerja, form: Any, change: bool) -> None:
        row = TahunKinerja.objects.filter(pk=obj.pk).values("batas_penetapan_skp", "ditutup").first()
        before: dict[str, Any] = dict(row) if row else {}
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action="skp.tahun", obj=obj, summary=f"Tahun kinerja {obj.tahun}",
                     changes=audit.diff(before, {"batas_penetapan_skp": obj.batas_penetapan_skp,
                                                 "ditutup": obj.ditutup}))


class ReadOnly(admin.ModelAdmin):
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
