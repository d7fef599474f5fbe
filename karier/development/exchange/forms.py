"""Forms of the SIASN exchange screens: the export's filters and the import's upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.people.models import UnitKerja


class EksporForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("nama"),
        required=False,
        empty_label=_("Semua yang dapat Anda lihat"),
    )
    nip = forms.CharField(label=_("NIP pegawai"), required=False, max_length=30)
    tahun = forms.IntegerField(label=_("Tahun selesai"), required=False, min_value=1960, max_value=2100)

    def clean_nip(self) -> str:
        nip = "".join(str(self.cleaned_data.get("nip") or "").split())
        if nip and not nip.isdigit():
            raise forms.ValidationError(_("NIP hanya berisi angka."))
        return nip


class ImporForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas Excel (.xlsx) atau CSV dengan tata letak SIASN"))
