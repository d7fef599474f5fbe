"""Forms parse what a person typed; the services decide whether it is acceptable.

Targets are text fields on purpose: the service reads "12", "99,5" or "99.5" and answers in
Bahasa Indonesia when the aspect needs a number and the text is not one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karier.core.forms import AngkaInput
from karier.plans.choices import JenisHasil, SumberSkp
from karier.plans.models import RencanaHasilKerja
from karier.standards.choices import Aspek, Dimensi, Perspektif

SUMBER_CHOICES = [
    (SumberSkp.STANDAR, _("Dari standar jabatan (JPT: dari perjanjian kinerja)")),
    (SumberSkp.TAHUN_LALU, _("Salin dari SKP tahun lalu")),
    (SumberSkp.KOSONG, _("Mulai dari kosong")),
]


class SkpCreateForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    sumber = forms.ChoiceField(
        label=_("Buat dari"), choices=SUMBER_CHOICES, widget=forms.RadioSelect, initial=SumberSkp.STANDAR
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year


class IkiFields(forms.Form):
    aspek = forms.ChoiceField(label=_("Aspek"), choices=Aspek.choices, initial=Aspek.KUANTITAS)
    indikator = forms.CharField(label=_("Indikator kinerja individu (IKI)"), max_length=2000, widget=forms.TextInput)
    target_angka = forms.CharField(
        label=_("Target (angka)"),
        required=False,
        max_length=30,
        widget=AngkaInput,
        help_text=_("Contoh: 12, 1.250 atau 99,5. Wajib untuk aspek kuantitas, waktu, biaya."),
    )
    satuan = forms.CharField(
        label=_("Satuan"), required=False, max_length=40, help_text=_("Contoh: laporan, %, bulan, rupiah.")
    )
    target_kualitatif = forms.CharField(
        label=_("Target (uraian)"),
        required=False,
        max_length=300,
        help_text=_("Untuk aspek kualitas bila target bukan angka."),
    )


class IkiForm(IkiFields):
    pass


class RhkForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Bagian"), choices=JenisHasil.choices, initial=JenisHasil.UTAMA)
    teks = forms.CharField(
        label=_("Rencana hasil kerja (RHK)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    dimensi = forms.ChoiceField(label=_("Dimensi"), choices=Dimensi.choices, initial=Dimensi.PRODUKTIVITAS)
    perspektif = forms.ChoiceField(label=_("Perspektif"), required=False, choices=[("", _("—")), *Perspektif.choices])


class RhkAddForm(RhkForm, IkiFields):
    """A new row with its first indicator and, optionally, the superior's RHK it supports."""

    rhk_atasan = forms.TypedChoiceField(
        label=_("RHK atasan yang diintervensi"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, options: list[RencanaHasilKerja] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_atasan_choices(self, options or [])


class LinkForm(forms.Form):
    rhk_atasan = forms.TypedChoiceField(
        label=_("RHK atasan yang diintervensi"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, options: list[RencanaHasilKerja] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_atasan_choices(self, options or [])


def set_atasan_choices(form: forms.Form, options: list[RencanaHasilKerja]) -> None:
    field = form.fields["rhk_atasan"]
    field.choices = [("", _("— belum ditautkan —")), *[(r.pk, r.teks[:120]) for r in options]]  # type: ignore[attr-defined]


class KomentarForm(forms.Form):
    # Not required here: the service says "Komentar wajib diisi." (the same words as the API).
    komentar = forms.CharField(
        label=_("Komentar untuk pegawai"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SetujuiForm(forms.Form):
    komentar = forms.CharField(
        label=_("Catatan (boleh kosong)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan revisi"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DialogForm(forms.Form):
    teks = forms.CharField(label=_("Catatan dialog kinerja"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class LampiranForm(forms.Form):
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EkspektasiForm(forms.Form):
    ekspektasi_khusus = forms.CharField(
        label=_("Ekspektasi khusus pimpinan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BawahanFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from karier.plans.choices import StatusSkp
        from karier.plans.selectors import BELUM

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            (BELUM, _("Belum membuat SKP")),
            *StatusSkp.choices,
        ]
