"""Forms of the 9-box screens: they parse what people type (Indonesian numbers, dates); the services
decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from karier.core.forms import AngkaInput, TanggalInput
from karier.core.numbers import baca_angka
from karier.people.models import UnitKerja
from karier.talent.models import AturanTalenta
from karier.talent.models.ninebox import MetodeKinerja
from karier.talent.ninebox import jenis


def _opd_queryset() -> Any:
    return UnitKerja.objects.filter(jenis="OPD", aktif=True).order_by("nama")


class GridForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_l("Tahun"), coerce=int, required=False, choices=[])
    opd = forms.ModelChoiceField(label=_l("Perangkat daerah"), queryset=UnitKerja.objects.none(), required=False)
    unit = forms.IntegerField(required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["opd"].queryset = _opd_queryset()  # type: ignore[attr-defined]
        self.fields["opd"].empty_label = _("Seluruh provinsi")  # type: ignore[attr-defined]


class HukumanForm(forms.Form):
    nip = forms.CharField(label=_l("NIP pegawai"), max_length=18, required=False)
    jenis = forms.TypedChoiceField(label=_l("Jenis hukuman"), coerce=int, choices=[])
    nomor_sk = forms.CharField(label=_l("Nomor SK"), required=False, max_length=200)
    tanggal_sk = forms.DateField(label=_l("Tanggal SK"), required=False, widget=TanggalInput())
    tmt_mulai = forms.DateField(label=_l("TMT hukuman"), required=False, widget=TanggalInput())
    tmt_selesai = forms.DateField(
        label=_l("Akhir hukuman"), required=False, widget=TanggalInput(), help_text=_l("Kosongkan bila tidak ada.")
    )
    keterangan = forms.CharField(label=_l("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, with_nip: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", "—"), *jenis.choices()]  # type: ignore[attr-defined]
        if not with_nip:
            del self.fields["nip"]
        else:
            self.fields["nip"].required = True


class HukumanFilterForm(forms.Form):
    q = forms.CharField(label=_l("Nama, NIP atau nomor SK"), required=False, max_length=100)
    opd = forms.ModelChoiceField(label=_l("Perangkat daerah"), queryset=UnitKerja.objects.none(), required=False)
    tingkat = forms.ChoiceField(label=_l("Tingkat"), required=False, choices=[])
    jenis = forms.TypedChoiceField(label=_l("Jenis hukuman"), coerce=int, required=False, choices=[])
    tahun = forms.IntegerField(label=_l("Tahun TMT"), required=False, min_value=1950, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_queryset()  # type: ignore[attr-defined]
        self.fields["tingkat"].choices = [("", _("Semua")), *jenis.tingkat_choices()]  # type: ignore[attr-defined]
        self.fields["jenis"].choices = [("", _("Semua")), *jenis.choices()]  # type: ignore[attr-defined]


def _number(value: str) -> Decimal | str:
    """The typed number read the Indonesian way; the text as is when it is not a number (the
    service then refuses it with its reason)."""
    try:
        return baca_angka(value)
    except ValueError:
        return value


class AturanForm(forms.Form):
    nama = forms.CharField(label=_l("Nama"), max_length=150)
    regulasi = forms.CharField(label=_l("Dasar regulasi"), max_length=120)
    metode_kinerja = forms.ChoiceField(label=_l("Metode level kinerja"), choices=MetodeKinerja.choices)
    batas_tinggi = forms.CharField(label=_l("Batas potensial Tinggi (≥)"), widget=AngkaInput())
    batas_menengah = forms.CharField(label=_l("Batas potensial Menengah (≥)"), widget=AngkaInput())
    bobot = forms.CharField(
        label=_l("Bobot komponen potensial"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l(
            "Satu per baris: komponen=bobot, misalnya kompetensi=50. Kosongkan untuk memakai nilai JPM apa adanya."
        ),
    )
    tahun_hukuman = forms.IntegerField(label=_l("Masa pengecualian hukuman (tahun)"), min_value=0, max_value=10)
    kesiapan_sekarang = forms.CharField(label=_l("Kesesuaian minimal 'Siap sekarang' (%)"), widget=AngkaInput())
    kesiapan_1_2_tahun = forms.CharField(label=_l("Kesesuaian minimal 'Siap 1–2 tahun' (%)"), widget=AngkaInput())
    berlaku_mulai = forms.DateField(label=_l("Berlaku mulai"), widget=TanggalInput())
    opd = forms.ModelChoiceField(
        label=_l("Perangkat daerah"),
        queryset=UnitKerja.objects.none(),
        required=False,
        help_text=_l("Kosongkan untuk aturan umum (semua perangkat daerah tanpa aturan sendiri)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd_queryset()  # type: ignore[attr-defined]
        self.fields["opd"].empty_label = _("Aturan umum")  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(aturan: AturanTalenta) -> dict[str, Any]:
        return {
            "nama": aturan.nama,
            "regulasi": aturan.regulasi,
            "metode_kinerja": aturan.metode_kinerja,
            "batas_tinggi": aturan.batas_tinggi,
            "batas_menengah": aturan.batas_menengah,
            "bobot": "\n".join(f"{k}={v}" for k, v in (aturan.bobot or {}).items()),
            "tahun_hukuman": aturan.tahun_hukuman,
            "kesiapan_sekarang": aturan.kesiapan_sekarang,
            "kesiapan_1_2_tahun": aturan.kesiapan_1_2_tahun,
            "berlaku_mulai": aturan.berlaku_mulai,
            "opd": aturan.opd_id,
        }

    def clean_bobot(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for line in (self.cleaned_data.get("bobot") or "").replace(";", "\n").splitlines():
            if not line.strip():
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise forms.ValidationError(_("Tulis setiap bobot sebagai komponen=bobot, misalnya kompetensi=50."))
            out[name.strip()] = _number(value.strip())
        return out

    def data_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "nama": d["nama"],
            "regulasi": d["regulasi"],
            "metode_kinerja": d["metode_kinerja"],
            "batas_tinggi": _number(d["batas_tinggi"]),
            "batas_menengah": _number(d["batas_menengah"]),
            "bobot": d["bobot"],
            "tahun_hukuman": d["tahun_hukuman"],
            "kesiapan_sekarang": _number(d["kesiapan_sekarang"]),
            "kesiapan_1_2_tahun": _number(d["kesiapan_1_2_tahun"]),
            "berlaku_mulai": d["berlaku_mulai"],
            "opd_id": d["opd"].pk if d.get("opd") else None,
        }
