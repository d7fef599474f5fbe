"""Django admin for master data. Writes that have rules go through the services, so the admin
cannot store an NIP that disagrees with the birth date, or a superior chain that loops."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop

from karier.core import datainduk
from karier.core.admin import AuditedModelAdmin
from karier.people.access import actor_from_request
from karier.people.models import (
    Eselon,
    Golongan,
    Instansi,
    Jabatan,
    JabatanFungsional,
    JenisJabatanSiasn,
    Pegawai,
    Penugasan,
    RiwayatGolongan,
    UnitKerja,
)
from karier.people.services.jabatan import JabatanData, jabatan_create, jabatan_set_atasan
from karier.people.services.pegawai import golongan_record, nip_clean
from karier.people.services.penugasan import penugasan_assign
from karier.people.services.unit import unit_create


class ReadOnlyReference(AuditedModelAdmin):
    """SIASN reference tables change only through `karier load-refdata`."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Golongan)
class GolonganAdmin(ReadOnlyReference):
    list_display = ("id", "kode", "pangkat")


@admin.register(Eselon)
class EselonAdmin(ReadOnlyReference):
    list_display = ("id", "nama", "jabatan_asn")


@admin.register(JenisJabatanSiasn)
class JenisJabatanSiasnAdmin(ReadOnlyReference):
    list_display = ("id", "nama")


@admin.register(JabatanFungsional)
class JabatanFungsionalAdmin(ReadOnlyReference):
    list_display = ("nama", "jenjang", "usia_bup", "aktif")
    list_filter = ("jenjang", "aktif")
    search_fields = ("nama",)


@admin.register(Instansi)
class InstansiAdmin(AuditedModelAdmin):
    list_display = ("nama", "kode_cepat", "jenis", "jenis_instansi")
    list_filter = ("jenis", "jenis_instansi")
    search_fields = ("nama", "kode_cepat")


MSG_UNIT_MOVE = gettext_noop("Memindahkan unit belum didukung dari sini; buat unit baru lalu pindahkan jabatan.")


class UnitKerjaForm(forms.ModelForm):
    """Refuses a move of an existing unit next to the field (not a 500 from `save_model`): the unit's
    path, its agency and every position below it would have to follow, which no service does yet."""

    class Meta:
        model = UnitKerja
        fields = ("instansi", "parent", "nama", "singkatan", "jenis", "aktif")

    def clean_parent(self) -> UnitKerja | None:
        parent: UnitKerja | None = self.cleaned_data.get("parent")
        if self.instance.pk and (parent.pk if parent else None) != self.instance.parent_id:
            raise ValidationError(_(MSG_UNIT_MOVE))
        return parent


@admin.register(UnitKerja)
class UnitKerjaAdmin(AuditedModelAdmin):
    form = UnitKerjaForm
    list_display = ("nama", "jenis", "parent", "opd", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama",)
    raw_id_fields = ("parent",)
    readonly_fields = ("opd", "path", "depth")
    list_select_related = ("parent", "opd")

    def save_model(self, request: HttpRequest, obj: UnitKerja, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)  # audited by AuditedModelAdmin (old → new)
            return
        created = unit_create(
            actor=actor_from_request(request),
            instansi=obj.instansi,
            nama=obj.nama,
            jenis=obj.jenis,
            parent=obj.parent,
            singkatan=obj.singkatan,
        )
        obj.pk = created.pk


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = (
            "unit",
            "nama",
            "jenis",
            "jabatan_fungsional",
            "jenjang",
            "kelas",
            "eselon",
            "atasan",
            "adalah_kepala_unit",
            "formasi",
            "aktif",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        atasan = data.get("atasan")
        if (
            self.instance.pk
            and atasan is not None
            and (atasan.pk == self.instance.pk or atasan.path.startswith(self.instance.path))
        ):
            raise ValidationError(
                {"atasan": _("Rantai atasan akan berputar (melingkar): pilih jabatan di luar bawahan jabatan ini.")}
            )
        return data


@admin.register(Jabatan)
class JabatanAdmin(AuditedModelAdmin):
    form = JabatanForm
    list_display = ("nama", "jenis", "jenjang", "kelas", "unit", "atasan", "formasi", "aktif")
    list_filter = ("jenis", "jenjang", "aktif")
    search_fields = ("nama", "unit__nama")
    raw_id_fields = ("unit", "atasan", "jabatan_fungsional")
    list_select_related = ("unit", "atasan")
    readonly_fields = ("path",)

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Jabatan, form: Any, change: bool) -> None:
        if not change:
            created = jabatan_create(
                actor=actor_from_request(request),
                data=JabatanData(
                    unit=obj.unit,
                    nama=obj.nama,
                    jenis=obj.jenis,
                    atasan=obj.atasan,
                    adalah_kepala_unit=obj.adalah_kepala_unit,
                    jenjang=obj.jenjang,
                    kelas=obj.kelas,
                    formasi=obj.formasi,
                    jabatan_fungsional_id=obj.jabatan_fungsional_id,
                    eselon_id=obj.eselon_id,
                ),
            )
            obj.pk, obj.path = created.pk, created.path
            return
        new_atasan = obj.atasan
        moved = "atasan" in form.changed_data
        if moved:  # the service moves it (subtree paths, audit old → new); the plain save keeps the old one
            obj.atasan_id = form.initial.get("atasan")
        super().save_model(request, obj, form, change)  # the plain change is audited by AuditedModelAdmin
        if moved:
            done = jabatan_set_atasan(actor=actor_from_request(request), jabatan=obj, atasan=new_atasan)
            obj.atasan, obj.path = done.atasan, done.path


class PegawaiForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = (
            "nip",
            "jenis_asn",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "pendidikan",
            "jurusan",
            "email",
            "telepon",
            "instansi",
            "aktif",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"nip", "jenis_asn"} <= data.keys():
            data["nip"] = nip_clean(
                data["nip"],
                jenis_asn=data["jenis_asn"],
                tanggal_lahir=data.get("tanggal_lahir"),
                jenis_kelamin=data.get("jenis_kelamin", ""),
            )
        return data


class RiwayatGolonganInline(admin.TabularInline):
    model = RiwayatGolongan
    extra = 0
    can_delete = False
    readonly_fields = ("golongan", "tmt", "nomor_sk")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PenugasanInline(admin.TabularInline):
    model = Penugasan
    extra = 0
    can_delete = False
    readonly_fields = ("jabatan", "jenis", "mulai", "selesai", "nomor_sk")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Pegawai)
class PegawaiAdmin(AuditedModelAdmin):
    form = PegawaiForm
    list_display = ("nip", "nama", "jenis_asn", "golongan", "jabatan", "opd", "aktif")
    list_filter = ("jenis_asn", "aktif", "golongan")
    search_fields = ("nip", "nama")
    list_select_related = ("golongan", "jabatan", "opd")
    readonly_fields = ("golongan", "tmt_golongan", "jabatan", "tmt_jabatan", "unit", "opd", "tmt_cpns")
    inlines = (RiwayatGolonganInline, PenugasanInline)
    show_full_result_count = False


@admin.register(RiwayatGolongan)
class RiwayatGolonganAdmin(AuditedModelAdmin):
    list_display = ("pegawai", "golongan", "tmt", "nomor_sk")
    raw_id_fields = ("pegawai",)
    search_fields = ("pegawai__nip", "pegawai__nama")
    list_select_related = ("pegawai", "golongan")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: RiwayatGolongan, form: Any, change: bool) -> None:
        row = golongan_record(
            actor=actor_from_request(request),
            pegawai=obj.pegawai,
            golongan=obj.golongan,
            tmt=obj.tmt,
            nomor_sk=obj.nomor_sk,
        )
        obj.pk = row.pk


class PenugasanForm(forms.ModelForm):
    close_previous = forms.BooleanField(label=_l("Akhiri jabatan definitif sebelumnya (mutasi)"), required=False)

    class Meta:
        model = Penugasan
        fields = ("pegawai", "jabatan", "jenis", "mulai", "selesai", "nomor_sk")


@admin.register(Penugasan)
class PenugasanAdmin(AuditedModelAdmin):
    form = PenugasanForm
    list_display = ("pegawai", "jabatan", "jenis", "mulai", "selesai")
    list_filter = ("jenis",)
    raw_id_fields = ("pegawai", "jabatan")
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama")
    list_select_related = ("pegawai", "jabatan")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Penugasan, form: Any, change: bool) -> None:
        row = penugasan_assign(
            actor=actor_from_request(request),
            pegawai=obj.pegawai,
            jabatan=obj.jabatan,
            mulai=obj.mulai,
            selesai=obj.selesai,
            jenis=obj.jenis,
            nomor_sk=obj.nomor_sk,
            close_previous=form.cleaned_data.get("close_previous", False),
        )
        obj.pk = row.pk


# ---------------------------------------------------------------------------- "Data induk" (/data-induk/)
# The BKD admin's site (karier.core.datainduk): the same admins, granted by the admin role. Nothing is
# deleted there but an agency nobody uses (every reference to Instansi is PROTECT, so a used one is
# refused by Django's own page): units, positions and employees are ended with "aktif", assignments
# with an end date, and golongan history rows are only added (through the services).
for _model, _admin in (
    (Instansi, InstansiAdmin),
    (UnitKerja, UnitKerjaAdmin),
    (Jabatan, JabatanAdmin),
    (Pegawai, PegawaiAdmin),
    (Penugasan, PenugasanAdmin),
    (RiwayatGolongan, RiwayatGolonganAdmin),
    (Golongan, GolonganAdmin),
    (Eselon, EselonAdmin),
    (JenisJabatanSiasn, JenisJabatanSiasnAdmin),
    (JabatanFungsional, JabatanFungsionalAdmin),
):
    datainduk.site.register_master(_model, _admin, delete=_model is Instansi)
