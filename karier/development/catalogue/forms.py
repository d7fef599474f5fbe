"""Forms of the catalogue and JP screens: they only parse; the services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _l

from karier.core.forms import AngkaInput, TanggalInput
from karier.development.models import JenisKegiatan, MetodePengembangan, Penyelenggara
from karier.people.choices import JenisAsn

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KOSONG = [("", _l("Semua"))]


class KatalogFilterForm(forms.Form):
    q = forms.CharField(label=_l("Cari"), required=False, max_length=100)
    jenis = forms.ChoiceField(label=_l("Jenis kompetensi"), required=False, choices=KOSONG + JenisKegiatan.choices)
    metode = forms.ChoiceField(label=_l("Metode"), required=False, choices=KOSONG + MetodePengembangan.choices)
    penyelenggara = forms.ChoiceField(label=_l("Penyelenggara"), required=False, choices=KOSONG + Penyelenggara.choices)


class KegiatanForm(forms.Form):
    kode = forms.CharField(label=_l("Kode"), max_length=30)
    nama = forms.CharField(label=_l("Nama kegiatan"), max_length=200)
    jenis = forms.ChoiceField(label=_l("Jenis kompetensi"), choices=JenisKegiatan.choices)
    metode = forms.ChoiceField(label=_l("Metode"), choices=MetodePengembangan.choices)
    penyelenggara = forms.ChoiceField(label=_l("Penyelenggara"), choices=Penyelenggara.choices)
    jp = forms.CharField(
        label=_l("JP"),
        required=False,
        widget=AngkaInput(),
        help_text=_l("0–200. Kosongkan untuk memakai JP bawaan metode."),
    )
    jenis_kursus_siasn = forms.CharField(label=_l("Jenis kursus SIASN"), required=False, max_length=40)
    uraian = forms.CharField(label=_l("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    kompetensi = forms.CharField(
        label=_l("Kompetensi yang dikembangkan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("Satu per baris: kode=level sampai, misalnya M.3=3 atau T.TIK.1=2."),
    )
    aktif = forms.BooleanField(label=_l("Aktif (tampil di katalog)"), required=False, initial=True)


class SesiForm(forms.Form):
    nama = forms.CharField(label=_l("Nama sesi"), required=False, max_length=120)
    mulai = forms.DateField(label=_l("Tanggal mulai"), widget=TanggalInput())
    selesai = forms.DateField(label=_l("Tanggal selesai"), widget=TanggalInput())
    tempat = forms.CharField(label=_l("Tempat"), required=False, max_length=200)
    tautan = forms.CharField(label=_l("Tautan daring"), required=False, max_length=300)
    kapasitas = forms.IntegerField(label=_l("Kapasitas"), min_value=1, max_value=10_000)
    biaya = forms.CharField(label=_l("Biaya per peserta (Rp)"), required=False, widget=AngkaInput())


class SertifikatForm(forms.Form):
    sertifikat = forms.FileField(label=_l("Sertifikat"), required=False)


class MandiriForm(forms.Form):
    judul = forms.CharField(label=_l("Judul kegiatan"), max_length=200)
    metode = forms.ChoiceField(label=_l("Metode"), choices=MetodePengembangan.choices)
    penyelenggara = forms.CharField(label=_l("Penyelenggara"), max_length=200)
    mulai = forms.DateField(label=_l("Tanggal mulai"), widget=TanggalInput())
    selesai = forms.DateField(label=_l("Tanggal selesai"), widget=TanggalInput())
    jp = forms.CharField(label=_l("JP (dari sertifikat)"), required=False, widget=AngkaInput())
    menit = forms.IntegerField(
        label=_l("Atau durasi (menit)"), required=False, min_value=1, help_text=_l("1 JP = 45 menit.")
    )
    sertifikat = forms.FileField(label=_l("Sertifikat (PDF atau gambar)"), required=False)


class VerifikasiForm(forms.Form):
    setuju = forms.TypedChoiceField(
        label=_l("Keputusan"),
        choices=[("1", _l("Verifikasi")), ("0", _l("Tolak"))],
        coerce=lambda v: v == "1",
    )
    catatan = forms.CharField(label=_l("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TargetForm(forms.Form):
    jenis_asn = forms.ChoiceField(label=_l("Jenis ASN"), choices=JenisAsn.choices)
    target = forms.CharField(label=_l("Target JP per tahun"), widget=AngkaInput())
    batas = forms.CharField(label=_l("Batas JP yang dihitung"), required=False, widget=AngkaInput())


class JpBawaanForm(forms.Form):
    metode = forms.ChoiceField(label=_l("Metode"), choices=MetodePengembangan.choices)
    jp = forms.CharField(label=_l("JP bawaan"), widget=AngkaInput())


SKALA_PILIHAN = [(str(n), str(n)) for n in range(1, 6)]


def _skala(label: StrOrPromise) -> forms.ChoiceField:
    hint = _l("1 = sangat kurang, 5 = sangat baik.")
    return forms.ChoiceField(label=label, choices=SKALA_PILIHAN, widget=forms.RadioSelect, help_text=hint)


class EvaluasiKegiatanForm(forms.Form):
    """The participant's evaluation: the service validates the scale again."""

    relevansi = _skala(_l("Relevansi dengan pekerjaan Anda"))
    materi = _skala(_l("Materi"))
    fasilitator = _skala(_l("Fasilitator atau narasumber"))
    manfaat = _skala(_l("Manfaat bagi pekerjaan"))
    komentar = forms.CharField(
        label=_l("Komentar atau saran"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TindakLanjutForm(forms.Form):
    hasil = forms.ChoiceField(
        label=_l("Apakah perilaku kerjanya berubah setelah kegiatan ini?"),
        choices=[("YA", _l("Ya")), ("SEBAGIAN", _l("Sebagian")), ("BELUM", _l("Belum"))],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(
        label=_l("Catatan (contoh perilaku yang Anda amati)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
