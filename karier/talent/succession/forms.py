"""Forms of the succession screens: they only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.development.models import Kompetensi
from karier.people.choices import JenisJabatan, Jenjang, Pendidikan
from karier.people.models import Golongan, Jabatan, UnitKerja
from karier.rules import SUCCESSION_BOXES
from karier.talent.models import JabatanKritikal
from karier.talent.succession.services import SyaratData

KOSONG = [("", _l("Semua"))]
TANPA = [("", _l("Tanpa syarat"))]


class OpdChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.nama)


class KritikalFilterForm(forms.Form):
    opd = OpdChoice(label=_l("Perangkat daerah"), required=False, queryset=UnitKerja.objects.none())
    q = forms.CharField(label=_l("Cari jabatan atau unit"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_l("Status"),
        required=False,
        choices=[("", _l("Aktif")), ("nonaktif", _l("Tidak aktif lagi"))],
    )

    def __init__(self, *args: Any, opd_qs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs if opd_qs is not None else UnitKerja.objects.none()  # type: ignore[attr-defined]


class PoolFilterForm(forms.Form):
    opd = OpdChoice(label=_l("Perangkat daerah"), required=False, queryset=UnitKerja.objects.none())
    kotak = forms.TypedChoiceField(
        label=_l("Kotak"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[*KOSONG, *((k, str(k)) for k in sorted(SUCCESSION_BOXES, reverse=True))],
    )

    def __init__(self, *args: Any, opd_qs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs if opd_qs is not None else UnitKerja.objects.none()  # type: ignore[attr-defined]


class JabatanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nama} — {obj.unit.nama}"


class GolonganChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.kode} {obj.pangkat}"


def _levels(text: str) -> dict[int, int]:
    """ "M.3=3" lines → {competency id: level}; a line naming no known code or level is a form error."""
    wanted: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            code, _sep, level = line.partition("=")
            wanted[code.strip()] = level.strip()
    ids = dict(Kompetensi.objects.filter(kode__in=list(wanted)[:100]).values_list("kode", "pk"))
    out: dict[int, int] = {}
    for code, level in wanted.items():
        if code not in ids or not level.isdigit() or len(level) > 1:
            raise ValidationError(
                _('Baris "%(baris)s" tidak dikenali: tulis kode=level, misalnya M.3=3.') % {"baris": f"{code}={level}"}
            )
        out[ids[code]] = int(level)
    return out


def levels_text(kritikal: JabatanKritikal) -> str:
    rows = kritikal.syarat_kompetensi.select_related("kompetensi").order_by("kompetensi__urutan")
    return "\n".join(f"{r.kompetensi.kode}={r.level}" for r in rows)


class KritikalForm(forms.Form):
    jabatan = JabatanChoice(label=_l("Jabatan"), queryset=Jabatan.objects.none())
    jenis_jabatan = forms.MultipleChoiceField(
        label=_l("Jenis jabatan asal yang diterima"),
        required=False,
        choices=JenisJabatan.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("Kosong: semua jenis jabatan."),
    )
    jenjang_minimal = forms.ChoiceField(
        label=_l("Jenjang fungsional minimal"), required=False, choices=TANPA + Jenjang.choices
    )
    golongan_minimal = GolonganChoice(label=_l("Golongan minimal"), required=False, queryset=Golongan.objects.all())
    pendidikan_minimal = forms.ChoiceField(
        label=_l("Pendidikan minimal"), required=False, choices=TANPA + Pendidikan.choices
    )
    masa_kerja_minimal = forms.IntegerField(
        label=_l("Masa kerja minimal (tahun)"), min_value=0, max_value=40, initial=0
    )
    kompetensi = forms.CharField(
        label=_l("Level kompetensi yang disyaratkan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_l("Satu per baris: kode=level (1–5), misalnya M.3=4 atau T.TIK.1=3."),
    )
    catatan = forms.CharField(
        label=_l("Catatan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, jabatan_qs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = jabatan_qs if jabatan_qs is not None else Jabatan.objects.none()  # type: ignore[attr-defined]

    def clean_kompetensi(self) -> dict[int, int]:
        return _levels(self.cleaned_data.get("kompetensi") or "")

    def syarat(self) -> SyaratData:
        cd = self.cleaned_data
        gol = cd.get("golongan_minimal")
        return SyaratData(
            jenis_jabatan=list(cd.get("jenis_jabatan") or []),
            jenjang_minimal=cd.get("jenjang_minimal") or "",
            golongan_minimal_id=gol.pk if gol else None,
            pendidikan_minimal=cd.get("pendidikan_minimal") or "",
            masa_kerja_minimal=cd.get("masa_kerja_minimal") or 0,
            kompetensi=cd.get("kompetensi") or {},
            catatan=cd.get("catatan") or "",
        )


class NominasiForm(forms.Form):
    pegawai = forms.IntegerField(
        label=_l("Pegawai yang diusulkan"), min_value=1, max_value=2**63 - 1, widget=forms.Select(choices=[])
    )
    alasan = forms.CharField(label=_l("Alasan pengusulan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, pilihan: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].widget.choices = pilihan or []  # type: ignore[attr-defined]


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_l("Keputusan komite"), choices=[("setuju", _l("Setujui")), ("tolak", _l("Tolak"))]
    )
    nomor_berita_acara = forms.CharField(label=_l("Nomor berita acara"), max_length=80)
    catatan = forms.CharField(
        label=_l("Catatan komite"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
