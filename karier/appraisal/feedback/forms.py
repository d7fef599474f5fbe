"""Forms of the multi-rater and public feedback screens (validation in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import JenisRater, StatusModerasi
from karier.appraisal.feedback.services import MAX_KOMENTAR
from karier.appraisal.public.services import MAKS_KOMENTAR

SKALA_PERILAKU = [
    ("1", _("1 · Sangat kurang")),
    ("2", _("2 · Kurang")),
    ("3", _("3 · Cukup")),
    ("4", _("4 · Baik")),
    ("5", _("5 · Sangat baik")),
]
SKALA_LAYANAN = [
    ("1", _("1 · Sangat tidak puas")),
    ("2", _("2 · Tidak puas")),
    ("3", _("3 · Cukup")),
    ("4", _("4 · Puas")),
    ("5", _("5 · Sangat puas")),
]
SKALA_SIKAP = [
    ("1", _("1 · Sangat buruk")),
    ("2", _("2 · Buruk")),
    ("3", _("3 · Cukup")),
    ("4", _("4 · Baik")),
    ("5", _("5 · Sangat baik")),
]


PILIH = {"required": _("Pilih salah satu angka 1 sampai 5."), "invalid_choice": _("Pilih salah satu angka 1 sampai 5.")}


class KandidatFilterForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis penilai"), choices=JenisRater.choices, required=False)
    q = forms.CharField(label=_("Cari nama atau NIP"), max_length=100, required=False)


class NominasiForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis penilai"), choices=JenisRater.choices)
    penilai_rekan = forms.IntegerField(label=_("Pegawai"), min_value=1, max_value=2**63 - 1)


class PutusanForm(forms.Form):
    setuju = forms.TypedChoiceField(choices=[("1", _("Setujui")), ("0", _("Tolak"))], coerce=lambda v: v == "1")


class JawabanForm(forms.Form):
    """One 1–5 score (required) and one comment (optional) per BerAKHLAK value."""

    def __init__(self, *args: Any, nilai: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nilai = nilai
        for n in nilai:
            self.fields[f"skor_{n.kode}"] = forms.ChoiceField(
                label=n.nama,
                choices=SKALA_PERILAKU,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih skor 1 sampai 5."), "invalid_choice": _("Pilih skor 1 sampai 5.")},
            )
            self.fields[f"komentar_{n.kode}"] = forms.CharField(
                label=_("Contoh perilaku (opsional)"),
                required=False,
                max_length=MAX_KOMENTAR,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_KOMENTAR}),
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(n, self[f"skor_{n.kode}"], self[f"komentar_{n.kode}"]) for n in self.nilai]

    def skor(self) -> dict[str, str]:
        return {n.kode: self.cleaned_data.get(f"skor_{n.kode}") or "" for n in self.nilai}

    def komentar(self) -> dict[str, str]:
        return {n.kode: self.cleaned_data.get(f"komentar_{n.kode}") or "" for n in self.nilai}


class PublikForm(forms.Form):
    """The 30-second public form. `website` is a honeypot (hidden from people, filled by bots);
    `ft` the signed form token (link + the time the form was shown)."""

    skor_layanan = forms.ChoiceField(
        label=_("Kepuasan layanan"), choices=SKALA_LAYANAN, widget=forms.RadioSelect, error_messages=PILIH
    )
    skor_perilaku = forms.ChoiceField(
        label=_("Sikap petugas"), choices=SKALA_SIKAP, widget=forms.RadioSelect, error_messages=PILIH
    )
    komentar = forms.CharField(
        label=_("Saran atau komentar (opsional)"),
        required=False,
        max_length=MAKS_KOMENTAR,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAKS_KOMENTAR}),
        error_messages={"max_length": _("Komentar paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")},
    )
    website = forms.CharField(
        required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )
    ft = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)


class ModerasiFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *StatusModerasi.choices])


class RingkasanFilterForm(forms.Form):
    periode = forms.IntegerField(label=_("Periode"), required=False, min_value=1, max_value=2**63 - 1)
