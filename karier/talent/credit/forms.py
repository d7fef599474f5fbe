"""Forms of the angka kredit screens: they only parse; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karier.core.forms import AngkaInput, TanggalInput
from karier.people.choices import JenisUnit, Jenjang
from karier.people.models import JabatanFungsional, UnitKerja


def _years() -> list[tuple[int, int]]:
    this = timezone.localdate().year
    return [(y, y) for y in range(this + 1, 1999, -1)]


class KonversiForm(forms.Form):
    nilai = forms.CharField(
        label=_("Angka kredit konversi"),
        max_length=20,
        widget=AngkaInput(),
        help_text=_("Contoh: 45,5. Angka kredit awal saat pengangkatan pertama, integrasi atau perpindahan."),
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, choices=_years)
    nomor_dokumen = forms.CharField(label=_("Nomor dokumen (PAK/SK)"), max_length=80)
    catatan = forms.CharField(label=_("Keterangan"), max_length=160, required=False)


class UjiKompetensiForm(forms.Form):
    jenjang_tujuan = forms.ChoiceField(label=_("Jenjang tujuan"), choices=Jenjang.choices)
    tanggal = forms.DateField(label=_("Tanggal uji"), widget=TanggalInput())
    lulus = forms.TypedChoiceField(
        label=_("Hasil"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Lulus")), ("0", _("Tidak lulus"))],
    )
    nomor_sertifikat = forms.CharField(label=_("Nomor sertifikat/berita acara"), max_length=80, required=False)
    penyelenggara = forms.CharField(label=_("Penyelenggara"), max_length=200, required=False)


class PakForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun penilaian"), coerce=int, choices=_years)
    nomor = forms.CharField(label=_("Nomor PAK"), max_length=80)
    tanggal = forms.DateField(label=_("Tanggal penetapan"), widget=TanggalInput())


def _opd_choices() -> Any:
    return UnitKerja.objects.filter(jenis=JenisUnit.OPD, aktif=True).order_by("nama")


class FormasiForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("Perangkat daerah"), queryset=UnitKerja.objects.none())
    jabatan_fungsional = forms.ModelChoiceField(
        label=_("Jabatan fungsional"), queryset=JabatanFungsional.objects.filter(aktif=True).order_by("nama")
    )
    jenjang = forms.ChoiceField(label=_("Jenjang"), choices=Jenjang.choices)
    jumlah = forms.IntegerField(label=_("Jumlah formasi"), min_value=0, max_value=100_000)
    nomor_dokumen = forms.CharField(label=_("Nomor penetapan formasi"), max_length=80, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_choices()  # type: ignore[attr-defined]


class FormasiFilter(forms.Form):
    opd = forms.ModelChoiceField(label=_("Perangkat daerah"), queryset=UnitKerja.objects.none(), required=False)
    jenjang = forms.ChoiceField(label=_("Jenjang"), choices=[("", _("Semua")), *Jenjang.choices], required=False)
    q = forms.CharField(label=_("Jabatan fungsional"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_choices()  # type: ignore[attr-defined]


class StatusFilter(forms.Form):
    opd = forms.ModelChoiceField(label=_("Perangkat daerah"), queryset=UnitKerja.objects.none(), required=False)
    jenjang = forms.ChoiceField(label=_("Jenjang"), choices=[("", _("Semua")), *Jenjang.choices], required=False)
    memenuhi = forms.ChoiceField(
        label=_("Angka kredit untuk langkah berikutnya"),
        choices=[("", _("Semua")), ("ya", _("Sudah cukup")), ("tidak", _("Belum cukup"))],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_choices()  # type: ignore[attr-defined]
