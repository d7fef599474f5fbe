"""Forms of the standards screens. They only parse; the services validate (and their messages are
attached to the fields with `karier.core.forms.apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from karier.core.forms import AngkaInput
from karier.people.choices import JenisJabatan
from karier.people.models import UnitKerja
from karier.standards.choices import Aspek, Dimensi, Perspektif, StatusPerjanjian
from karier.standards.models import Indikator, NilaiBerakhlak

TEXT = {"rows": 2}


def _opd_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        required=False,
        empty_label=_("Semua"),
        queryset=UnitKerja.objects.filter(parent__isnull=True).order_by("nama"),
    )


# ---------------------------------------------------------------------------- filters
class RenstraFilter(forms.Form):
    opd = _opd_field()


class PerjanjianFilter(forms.Form):
    opd = _opd_field()
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *StatusPerjanjian.choices])


class JabatanFilter(forms.Form):
    q = forms.CharField(label=_("Cari nama jabatan"), required=False, max_length=100)
    opd = _opd_field()
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"), required=False, choices=[("", _("Semua")), *JenisJabatan.choices]
    )
    ada = forms.ChoiceField(
        label=_("Standar"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Sudah ada")), ("tidak", _("Belum ada"))],
    )

    def clean_q(self) -> str:
        value = str(self.cleaned_data.get("q") or "")
        if "\x00" in value:
            raise ValidationError(_("Karakter tidak sah."))
        return value


# ---------------------------------------------------------------------------- writes
class NilaiForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=1990, max_value=2100)
    target = forms.CharField(label=_("Target"), required=False, max_length=40, widget=AngkaInput)
    realisasi = forms.CharField(label=_("Realisasi"), required=False, max_length=40, widget=AngkaInput)
    metode = forms.CharField(
        label=_("Seri/metode"),
        required=False,
        max_length=60,
        help_text=_('Isi bila cara penghitungan berubah, mis. "BPS baru (2023)".'),
    )
    sumber = forms.CharField(label=_("Sumber"), required=False, max_length=300)


class StandarForm(forms.Form):
    ringkasan = forms.CharField(
        label=_("Ringkasan tugas"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT)
    )
    penjelasan = forms.CharField(
        label=_("Apa artinya bagi Anda"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT)
    )
    contoh = forms.CharField(label=_("Contoh"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT))


class HasilForm(forms.Form):
    dimensi = forms.ChoiceField(label=_("Dimensi"), choices=Dimensi.choices)
    rhk = forms.CharField(label=_("Hasil yang diharapkan (RHK)"), max_length=2000, widget=forms.Textarea(attrs=TEXT))
    aspek = forms.ChoiceField(label=_("Aspek"), choices=Aspek.choices)
    indikator = forms.CharField(label=_("Indikator (IKI)"), max_length=2000, widget=forms.Textarea(attrs=TEXT))
    # Text, not a number field: the service says in plain words what is wrong with a target.
    target_angka = forms.CharField(label=_("Target (angka)"), required=False, max_length=40, widget=AngkaInput)
    satuan = forms.CharField(label=_("Satuan"), required=False, max_length=40)
    target_kualitatif = forms.CharField(label=_("Target (uraian)"), required=False, max_length=300)
    penjelasan = forms.CharField(
        label=_("Apa artinya bagi Anda"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT)
    )
    contoh = forms.CharField(label=_("Contoh"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT))


class PerilakuForm(forms.Form):
    """One ekspektasi textarea per BerAKHLAK value (blank = only the general guidelines apply)."""

    def __init__(
        self, *args: Any, nilai: list[NilaiBerakhlak], initial_text: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.nilai = nilai
        for n in nilai:
            self.fields[f"e_{n.kode}"] = forms.CharField(
                label=n.nama,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs=TEXT),
                initial=(initial_text or {}).get(n.kode, ""),
            )


class PkRowForm(forms.Form):
    indikator = forms.ModelChoiceField(label=_("Indikator"), queryset=Indikator.objects.none())
    target = forms.CharField(label=_("Target (angka)"), required=False, max_length=40, widget=AngkaInput)
    target_kualitatif = forms.CharField(label=_("Target (uraian)"), required=False, max_length=300)
    perspektif = forms.ChoiceField(label=_("Perspektif"), choices=Perspektif.choices)

    def __init__(self, *args: Any, indikator_qs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if indikator_qs is not None:
            self.fields["indikator"].queryset = indikator_qs  # type: ignore[attr-defined]


class ReopenForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan membuka kembali"), max_length=500, widget=forms.Textarea(attrs=TEXT))
