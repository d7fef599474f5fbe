"""Forms of the competency screens: they only parse; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.core.forms import TanggalInput
from karier.development.competency.access import SUMBER_ADMIN, SUMBER_ATASAN
from karier.development.models import Kompetensi, SumberPenilaian
from karier.people.models import UnitKerja

LEVELS = [(i, str(i)) for i in range(1, 6)]


class PenilaianForm(forms.Form):
    kompetensi = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Kompetensi.objects.filter(aktif=True))
    level = forms.TypedChoiceField(label=_("Level"), choices=LEVELS, coerce=int)
    tanggal = forms.DateField(label=_("Tanggal penilaian"), widget=TanggalInput())
    sumber = forms.ChoiceField(label=_("Sumber"))
    asesor = forms.CharField(label=_("Asesor"), max_length=150, required=False)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    berkas = forms.FileField(label=_("Bukti (PDF, gambar atau dokumen kantor)"), required=False)

    def __init__(self, *args: Any, sumber: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["sumber"]).choices = [(s, SumberPenilaian(s).label) for s in sumber]


def sumber_for(is_superior: bool, is_admin: bool) -> tuple[str, ...]:
    """The sources the screen offers: the superior's, the admin's, or both."""
    return (tuple(SUMBER_ATASAN) if is_superior else ()) + (tuple(SUMBER_ADMIN) if is_admin else ())


class StandarForm(forms.Form):
    """One select per competency of the position; empty = the default table."""

    def __init__(self, *args: Any, rows: list[Any], teknis: list[Kompetensi], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("bawaan")), *LEVELS]
        shown = set()
        for r in rows:
            shown.add(r.kompetensi.pk)
            initial = r.level if (r.bawaan is None or r.diubah) else ""
            self.fields[f"k{r.kompetensi.pk}"] = forms.TypedChoiceField(
                label=r.kompetensi.nama, choices=choices, coerce=int, empty_value=None, required=False, initial=initial
            )
        for k in teknis:
            if k.pk not in shown:
                self.fields[f"k{k.pk}"] = forms.TypedChoiceField(
                    label=k.nama,
                    choices=[("", _("tidak disyaratkan")), *LEVELS],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )


class TeknisForm(forms.Form):
    kode = forms.CharField(label=_("Kode"), max_length=20, help_text=_("Diawali “T.”, mis. T.TIK.1"))
    nama = forms.CharField(label=_("Nama kompetensi teknis"), max_length=150)
    definisi = forms.CharField(label=_("Definisi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    level1 = forms.CharField(label=_("Deskripsi level 1"), required=False, max_length=2000)
    level2 = forms.CharField(label=_("Deskripsi level 2"), required=False, max_length=2000)
    level3 = forms.CharField(label=_("Deskripsi level 3"), required=False, max_length=2000)
    level4 = forms.CharField(label=_("Deskripsi level 4"), required=False, max_length=2000)
    level5 = forms.CharField(label=_("Deskripsi level 5"), required=False, max_length=2000)


class ImporForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas Excel (.xlsx) atau CSV"))


class TnaForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama"),
        required=False,
        empty_label=_("Semua yang dapat Anda lihat"),
    )
    per = forms.ChoiceField(
        label=_("Kelompokkan per"), choices=[("opd", _("Perangkat daerah")), ("unit", _("Unit kerja"))], required=False
    )
    belum_dinilai = forms.BooleanField(label=_("Sertakan kompetensi yang belum dinilai"), required=False)


class MandiriForm(forms.Form):
    kompetensi = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Kompetensi.objects.filter(aktif=True))
    level = forms.TypedChoiceField(label=_("Level menurut Anda"), choices=LEVELS, coerce=int)
    alasan = forms.CharField(
        label=_("Contoh perilaku yang menunjukkannya"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PutusanMandiriForm(forms.Form):
    setuju = forms.TypedChoiceField(choices=[("1", _("Setujui")), ("0", _("Tolak"))], coerce=lambda v: v == "1")
    catatan = forms.CharField(required=False, max_length=2000)
