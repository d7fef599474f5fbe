"""Forms of the appraisal screens. They parse; the services validate (and their messages are put
next to the fields with `karier.core.forms.apply_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import Frekuensi, RatingChoice
from karier.appraisal.evaluation.evidence import ACCEPT
from karier.core.forms import AngkaInput, TanggalInput

RATING_CHOICES = [("", _("— pilih —")), *RatingChoice.choices]


class RealisasiForm(forms.Form):
    realisasi_angka = forms.CharField(
        label=_("Realisasi (angka)"),
        required=False,
        max_length=30,
        widget=AngkaInput,
    )
    realisasi_uraian = forms.CharField(
        label=_("Realisasi (uraian)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label=_("Bukti dukung"),
        required=False,
        help_text=_("PDF, JPG/PNG/WEBP, DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS/ODP; paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class TeksForm(forms.Form):
    teks = forms.CharField(
        label=_("Catatan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RatingForm(forms.Form):
    rating_hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=RATING_CHOICES, required=False)
    alasan_hasil_kerja = forms.CharField(
        label=_("Alasan rating hasil kerja"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=RATING_CHOICES, required=False)
    alasan_perilaku = forms.CharField(
        label=_("Alasan rating perilaku"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class KalenderForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    frekuensi = forms.ChoiceField(
        label=_("Frekuensi penilaian periodik"), choices=Frekuensi.choices, initial=Frekuensi.TRIWULAN
    )
    hari_pengingat = forms.IntegerField(label=_("Pengingat (hari sebelum batas)"), min_value=0, max_value=60, initial=7)
    jendela_keberatan_hari = forms.IntegerField(
        label=_("Jendela keberatan (hari)"), min_value=1, max_value=90, initial=14
    )


class PeriodeForm(forms.Form):
    nama = forms.CharField(label=_("Nama"), max_length=60)
    dibuka_pada = forms.DateField(label=_("Dibuka untuk pengisian"), widget=TanggalInput)
    batas_pengisian = forms.DateField(label=_("Batas pengisian"), widget=TanggalInput)
