"""Admin pages for the standards: to look things up. Changes go through the standards screens and
the API (services: validated and audited), so the admin is read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from karier.core import datainduk
from karier.core.admin import AuditedModelAdmin
from karier.standards.models import (
    Indikator,
    Misi,
    NilaiBerakhlak,
    NilaiIndikator,
    PanduanPerilaku,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
    Tujuan,
)


class ReadOnly(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PanduanInline(ReadOnlyInline):
    model = PanduanPerilaku


@admin.register(NilaiBerakhlak)
class NilaiBerakhlakAdmin(ReadOnly):
    list_display = ("urutan", "nama", "kode")
    inlines = [PanduanInline]


@admin.register(PanduanPerilaku)
class PanduanPerilakuAdmin(ReadOnly):
    list_display = ("nilai", "urutan", "teks")
    list_filter = ("nilai",)


class MisiInline(ReadOnlyInline):
    model = Misi


@admin.register(Rpjmd)
class RpjmdAdmin(ReadOnly):
    list_display = ("__str__", "instansi", "visi", "aktif")
    inlines = [MisiInline]


@admin.register(Misi)
class MisiAdmin(ReadOnly):
    list_display = ("rpjmd", "nomor", "teks")
    list_filter = ("rpjmd",)


@admin.register(Tujuan)
class TujuanAdmin(ReadOnly):
    list_display = ("misi", "nomor", "teks")


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(ReadOnly):
    list_display = ("tujuan", "nomor", "teks")
    search_fields = ("teks",)


class NilaiInline(ReadOnlyInline):
    model = NilaiIndikator


@admin.register(Indikator)
class IndikatorAdmin(ReadOnly):
    list_display = ("kode", "nama", "satuan", "arah", "sasaran", "sasaran_renstra", "induk")
    search_fields = ("nama", "kode")
    list_select_related = ("sasaran", "sasaran_renstra", "induk")
    inlines = [NilaiInline]


@admin.register(NilaiIndikator)
class NilaiIndikatorAdmin(ReadOnly):
    list_display = ("indikator", "tahun", "target", "realisasi", "metode")
    list_filter = ("tahun", "metode")
    list_select_related = ("indikator",)


@admin.register(Renstra)
class RenstraAdmin(ReadOnly):
    list_display = ("opd", "tahun_mulai", "tahun_selesai", "rpjmd")
    list_select_related = ("opd", "rpjmd")


@admin.register(SasaranRenstra)
class SasaranRenstraAdmin(ReadOnly):
    list_display = ("renstra", "nomor", "teks", "sasaran_rpjmd")
    list_select_related = ("renstra__opd", "sasaran_rpjmd")
    search_fields = ("teks",)


class RowInline(ReadOnlyInline):
    model = PerjanjianKinerjaRow


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(ReadOnly):
    list_display = ("opd", "tahun", "status", "ditandatangani_pada")
    list_filter = ("tahun", "status")
    list_select_related = ("opd",)
    inlines = [RowInline]


@admin.register(PerjanjianKinerjaRow)
class PerjanjianKinerjaRowAdmin(ReadOnly):
    list_display = ("perjanjian", "urutan", "indikator", "target", "perspektif")
    list_select_related = ("perjanjian__opd", "indikator")


class HasilInline(ReadOnlyInline):
    model = StandarHasil
    fields = ("urutan", "dimensi", "rhk", "aspek", "indikator", "target_angka", "satuan", "target_kualitatif")


class PerilakuInline(ReadOnlyInline):
    model = StandarPerilaku
    fields = ("nilai", "ekspektasi")


@admin.register(StandarJabatan)
class StandarJabatanAdmin(ReadOnly):
    list_display = ("jabatan", "diperbarui_pada")
    search_fields = ("jabatan__nama",)
    list_select_related = ("jabatan",)
    raw_id_fields = ("jabatan",)
    inlines = [HasilInline, PerilakuInline]


@admin.register(StandarHasil)
class StandarHasilAdmin(ReadOnly):
    list_display = ("standar", "dimensi", "rhk", "aspek", "target_angka", "satuan")
    list_filter = ("dimensi", "aspek")
    list_select_related = ("standar__jabatan",)
    search_fields = ("rhk", "indikator")


@admin.register(StandarPerilaku)
class StandarPerilakuAdmin(ReadOnly):
    list_display = ("standar", "nilai", "ekspektasi")
    list_filter = ("nilai",)
    list_select_related = ("standar__jabatan", "nilai")


# "Data induk" (/data-induk/, karier.core.datainduk): the BerAKHLAK values and their guidance are
# reference tables BKD admins look up there (read-only, like here).
datainduk.site.register_master(NilaiBerakhlak, NilaiBerakhlakAdmin)
datainduk.site.register_master(PanduanPerilaku, PanduanPerilakuAdmin)
