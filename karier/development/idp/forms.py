"""Forms of the development-plan screens: they only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _l

from karier.core.forms import AngkaInput
from karier.development.idp.services import TANPA, ItemData
from karier.development.models import MetodePengembangan
from karier.rules import BULAN


class ItemForm(forms.Form):
    """An item: pick an activity of the catalogue, or type self-development outside it."""

    kegiatan_id = forms.TypedChoiceField(
        label=_l("Kegiatan dari katalog"), required=False, coerce=int, empty_value=None
    )
    sesi_id = forms.TypedChoiceField(label=_l("Sesi (opsional)"), required=False, coerce=int, empty_value=None)
    judul = forms.CharField(
        label=_l("Atau: judul pengembangan mandiri"),
        required=False,
        max_length=200,
        help_text=_l("Di luar katalog, misalnya kursus daring (MOOC) atau seminar."),
    )
    metode = forms.ChoiceField(
        label=_l("Metode (pengembangan mandiri)"), required=False, choices=[("", "—"), *MetodePengembangan.choices]
    )
    penyelenggara = forms.CharField(label=_l("Penyelenggara (pengembangan mandiri)"), required=False, max_length=200)
    jp = forms.CharField(label=_l("JP direncanakan (pengembangan mandiri)"), required=False, widget=AngkaInput())
    kebutuhan_kode = forms.ChoiceField(label=_l("Kebutuhan yang ditutup"), required=False)
    target_bulan = forms.TypedChoiceField(
        label=_l("Target bulan"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(str(n), f"{nama} (TW {(n - 1) // 3 + 1})") for n, nama in enumerate(BULAN, 1)]],
    )
    catatan = forms.CharField(label=_l("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self,
        *args: Any,
        kegiatan: list[tuple[int, str]],
        sesi: list[tuple[int, str]],
        kebutuhan: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kegiatan_id"].choices = [("", "—"), *[(str(k), v) for k, v in kegiatan]]  # type: ignore[attr-defined]
        self.fields["sesi_id"].choices = [("", "—"), *[(str(k), v) for k, v in sesi]]  # type: ignore[attr-defined]
        self.fields["kebutuhan_kode"].choices = [  # type: ignore[attr-defined]
            ("", _l("Otomatis: kesenjangan kompetensi yang dikembangkan kegiatan ini")),
            *kebutuhan,
            (TANPA, _l("Tidak ada — tanpa kesenjangan")),
        ]

    def data_item(self) -> ItemData:
        cd = self.cleaned_data
        return ItemData(
            kegiatan_id=cd.get("kegiatan_id"),
            sesi_id=cd.get("sesi_id"),
            judul=cd.get("judul") or "",
            metode=cd.get("metode") or "",
            penyelenggara=cd.get("penyelenggara") or "",
            jp=cd.get("jp") or None,
            kebutuhan_kode=cd.get("kebutuhan_kode") or "",
            target_bulan=cd.get("target_bulan"),
            catatan=cd.get("catatan") or "",
        )


class PutusanForm(forms.Form):
    setuju = forms.TypedChoiceField(
        label=_l("Keputusan"),
        choices=[("1", _l("Setujui")), ("0", _l("Kembalikan"))],
        coerce=lambda v: v == "1",
    )
    catatan = forms.CharField(label=_l("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AjukanForm(forms.Form):
    catatan = forms.CharField(
        label=_l("Catatan untuk atasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TambahForm(forms.Form):
    """The recommendations page's "masukkan ke rencana" (POST only)."""

    kegiatan_id = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    kompetensi_kode = forms.CharField(required=False, max_length=40)
    sesi_id = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
