"""Forms of the coaching screens: they only parse; the services decide (a missing mentor is the
service's refusal, shown next to the field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from karier.core.forms import TanggalInput
from karier.people.models import Pegawai
from karier.people.selectors import appraiser_on
from karier.talent.coaching.access import mentor_candidates
from karier.talent.models import HasilBimbingan, JenisBimbingan

MAX_MENTOR_PILIHAN = 200


def mentor_choices(pegawai: Pegawai, current: Pegawai | None = None) -> tuple[list[tuple[str, str]], int | None]:
    """Officials who may mentor the person (`access.mentor_candidates`), the superior first; and the
    superior's id (the default). Three queries."""
    default = appraiser_on(pegawai.pk, timezone.localdate())
    heads = mentor_candidates(pegawai).select_related("jabatan").order_by("nama", "pk")[:MAX_MENTOR_PILIHAN]
    people: dict[int, Pegawai] = {}
    for p in [default.pegawai if default else None, current, *heads]:
        if p is not None and p.pk != pegawai.pk:
            people.setdefault(p.pk, p)
    choices = [("", "—")] + [(str(p.pk), f"{p.nama} — {p.jabatan.nama if p.jabatan else ''}") for p in people.values()]
    return choices, default.pegawai.pk if default and default.pegawai.pk != pegawai.pk else None


class RencanaForm(forms.Form):
    mentor = forms.TypedChoiceField(label=_l("Mentor"), required=False, coerce=int, empty_value=None)
    jenis = forms.ChoiceField(label=_l("Jenis"), choices=JenisBimbingan.choices, initial=JenisBimbingan.BIMBINGAN)
    tujuan = forms.CharField(
        label=_l("Tujuan yang disepakati"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("Apa yang ingin dicapai bersama, dalam kata-kata yang jelas dan terukur."),
    )
    tanggal_tindak_lanjut = forms.DateField(
        label=_l("Tanggal tindak lanjut"), required=False, widget=TanggalInput, help_text=_l("Kosong: tiga bulan lagi.")
    )

    def __init__(self, *args: Any, mentor_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = mentor_choices  # type: ignore[attr-defined]


class PertemuanForm(forms.Form):
    tanggal = forms.DateField(label=_l("Tanggal pertemuan"), widget=TanggalInput)
    catatan = forms.CharField(label=_l("Catatan pertemuan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class TindakanForm(forms.Form):
    uraian = forms.CharField(label=_l("Tindakan yang disepakati"), max_length=300)
    batas = forms.DateField(label=_l("Batas waktu"), widget=TanggalInput)


class TutupForm(forms.Form):
    hasil = forms.ChoiceField(label=_l("Hasil"), choices=[("", "—"), *HasilBimbingan.choices])
    catatan_hasil = forms.CharField(
        label=_l("Catatan hasil"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
