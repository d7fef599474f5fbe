"""Django admin for the appraisal calendar and a read view of evaluations (writes go through services)."""

from __future__ import annotations

from django.contrib import admin

from karier.appraisal.models import Evaluasi, KalenderPenilaian, Pengingat, PeriodePenilaian
from karier.core.admin import AuditedModelAdmin


@admin.register(KalenderPenilaian)
class KalenderPenilaianAdmin(AuditedModelAdmin):
    list_display = ("tahun", "frekuensi", "hari_pengingat", "jendela_keberatan_hari")


@admin.register(PeriodePenilaian)
class PeriodePenilaianAdmin(AuditedModelAdmin):
    list_display = ("nama", "tahun", "mulai", "selesai", "dibuka_pada", "batas_pengisian", "status")
    list_filter = ("tahun", "jenis", "status")
    readonly_fields = ("status",)  # opened/closed through the calendar screen (audited)


@admin.register(Evaluasi)
class EvaluasiAdmin(AuditedModelAdmin):
    list_display = ("pegawai", "periode", "status", "predikat")
    list_filter = ("status", "periode__tahun")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai", "periode")
    raw_id_fields = ("skp", "pegawai", "penilai", "unit", "jabatan", "penilai_jabatan", "ditandatangani_atasan_oleh")

    def has_add_permission(self, request: object) -> bool:
        return False  # evaluations are made by opening a period (periods.periode_open)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # ratings, locks and reopenings are services with an audit trail

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Pengingat)
class PengingatAdmin(AuditedModelAdmin):
    list_display = ("pengguna", "periode", "jenis", "dibaca", "dibuat_pada")
    list_filter = ("jenis", "dibaca")
