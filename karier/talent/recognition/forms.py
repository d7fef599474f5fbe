from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.core.forms import TanggalInput
from karier.plans.models import RencanaHasilKerja
from karier.standards.models import NilaiBerakhlak
from karier.talent.recognition.services import MAX_APRESIASI, MAX_CATATAN, MAX_JUDUL, MAX_TEKS


def _rhk_choices(rhk: Any) -> list[tuple[str, Any]]:
    items: list[RencanaHasilKerja] = [] if isinstance(rhk, tuple) else list(rhk[:200])
    return [("", _("— tidak dikaitkan —"))] + [(str(r.pk), f"{r.skp.tahun_id} · {r.teks[:90]}") for r in items]


class ApresiasiForm(forms.Form):
    teks = forms.CharField(
        label=_("Apresiasi"),
        max_length=MAX_APRESIASI,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_APRESIASI}),
        help_text=_("Singkat dan spesifik: apa yang dilakukan dan mengapa berarti (paling banyak 500 karakter)."),
    )
    nilai = forms.ModelChoiceField(
        label=_("Nilai BerAKHLAK"),
        queryset=NilaiBerakhlak.objects.order_by("urutan"),
        required=False,
        empty_label=_("— pilih nilai —"),
    )
    rhk = forms.TypedChoiceField(label=_("RHK penerima"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, rhk: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["rhk"])
        field.choices = _rhk_choices(rhk)


class InovasiForm(forms.Form):
    judul = forms.CharField(label=_("Judul inovasi"), max_length=MAX_JUDUL)
    uraian = forms.CharField(label=_("Uraian"), max_length=MAX_TEKS, widget=forms.Textarea(attrs={"rows": 3}))
    hasil = forms.CharField(
        label=_("Hasil/dampak"), max_length=MAX_TEKS, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rhk = forms.TypedChoiceField(label=_("RHK yang didukung"), required=False, coerce=int, empty_value=None)
    tanggal = forms.DateField(label=_("Tanggal"), widget=TanggalInput())

    def __init__(self, *args: Any, rhk: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["rhk"])
        field.choices = _rhk_choices(rhk)


class KeputusanForm(forms.Form):
    teruskan = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Teruskan ke panitia penghargaan")), ("0", _("Tidak diteruskan"))],
        coerce=lambda v: v == "1",
    )
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=MAX_CATATAN)
