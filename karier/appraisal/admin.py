"""Django admin for the appraisal calendar and a read view of evaluations (writes go through services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi, KalenderPenilaian, Pengingat, PeriodePenilaian
from karier.core import datainduk
from karier.core.admin import AuditedModelAdmin
from karier.people.access import actor_from_request
from karier.rules import curve_policy_from_dict


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


# ---------------------------------------------------------------------------- "Data induk" (/data-induk/)
# The BKD admin's site (karier.core.datainduk). The calendar screen (/penilaian/kalender/) makes a year's
# calendar and its periods (`periods.kalender_set`) and opens and closes periods (jobs); here the admin
# sets what that screen does not — the curve policy and the objection window — and renames or re-dates
# a period through `periods.periode_update`. Status and frequency are read-only here; a closed year
# changes no more.
def _kalender_link(tahun: int, text: str | Promise) -> SafeString:
    return format_html('<a href="{}?tahun={}">{}</a>', reverse("appraisal:kalender"), tahun, text)


class KalenderDataIndukForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = KalenderPenilaian
        fields = ("hari_pengingat", "jendela_keberatan_hari", "izinkan_justifikasi_kurva", "kebijakan_kurva")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The calendar service's bounds (`periods.kalender_set`), so both paths accept the same values.
        self.fields["hari_pengingat"].validators += [
            MinValueValidator(0),
            MaxValueValidator(periods.MAX_HARI_PENGINGAT),
        ]
        self.fields["jendela_keberatan_hari"].validators += [
            MinValueValidator(1),
            MaxValueValidator(periods.MAX_JENDELA_KEBERATAN),
        ]

    def clean_kebijakan_kurva(self) -> Any:
        """A policy the calibration cannot read would break every unit of the year: refused here,
        with the rule's own message (`karier.rules.curve_policy_from_dict`)."""
        data = self.cleaned_data.get("kebijakan_kurva")
        if data:
            try:
                curve_policy_from_dict(data)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValidationError(str(exc) or _("Kebijakan kurva tidak dapat dibaca.")) from None
        return data


class KalenderDataIndukAdmin(KalenderPenilaianAdmin):
    form = KalenderDataIndukForm
    fields = (
        "tahun",
        "frekuensi",
        "hari_pengingat",
        "jendela_keberatan_hari",
        "izinkan_justifikasi_kurva",
        "kebijakan_kurva",
        "kalender",
    )
    readonly_fields = ("tahun", "frekuensi", "kalender")

    @admin.display(description=_("periode dan frekuensi"))
    def kalender(self, obj: KalenderPenilaian) -> SafeString:
        return _kalender_link(obj.tahun_id, _("Atur frekuensi dan periode di layar Kalender penilaian"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a year's calendar is made with its periods on the calendar screen

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.tahun.ditutup:
            return False
        return super().has_change_permission(request, obj)


class PeriodeDataIndukForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PeriodePenilaian
        fields = ("nama", "dibuka_pada", "batas_pengisian")


class PeriodeDataIndukAdmin(PeriodePenilaianAdmin):
    form = PeriodeDataIndukForm
    fields = (
        "tahun",
        "jenis",
        "nomor",
        "nama",
        "mulai",
        "selesai",
        "dibuka_pada",
        "batas_pengisian",
        "status",
        "kalender",
    )
    list_select_related = ("tahun",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("tahun", "jenis", "nomor", "mulai", "selesai", "status", "kalender")

    @admin.display(description=_("buka atau tutup"))
    def kalender(self, obj: PeriodePenilaian) -> SafeString:
        return _kalender_link(obj.tahun_id, _("Buka atau tutup periode di layar Kalender penilaian"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # periods follow the year's frequency (`periods.kalender_set`)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.tahun.ditutup:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: PeriodePenilaian, form: Any, change: bool) -> None:
        """Through the calendar's service (its checks, its audit event): no second, looser path."""
        request._karier_audited = True  # type: ignore[attr-defined]  # the service records the change
        stored = PeriodePenilaian.objects.select_related("tahun").get(pk=obj.pk)
        done = periods.periode_update(
            actor=actor_from_request(request),
            periode=stored,
            dibuka_pada=obj.dibuka_pada,
            batas_pengisian=obj.batas_pengisian,
            nama=obj.nama,
        )
        obj.nama, obj.dibuka_pada, obj.batas_pengisian = done.nama, done.dibuka_pada, done.batas_pengisian

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        """A refusal of the service (rolled back with the whole request) comes back as a message on
        the same page, never as a server error."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


datainduk.site.register_master(KalenderPenilaian, KalenderDataIndukAdmin)
datainduk.site.register_master(PeriodePenilaian, PeriodeDataIndukAdmin)
