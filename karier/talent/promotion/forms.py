"""Forms of the promotion screens: they only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _l

from karier.core.forms import TanggalInput


class UsulForm(forms.Form):
    """Propose one person for a promotion date (posted from the list or the person's summary)."""

    pegawai_id = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    tmt = forms.DateField(label=_l("TMT kenaikan pangkat"), widget=TanggalInput())
    catatan = forms.CharField(label=_l("Catatan"), required=False, max_length=2000)


class VerifikasiForm(forms.Form):
    catatan = forms.CharField(
        label=_l("Catatan verifikasi"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TolakForm(forms.Form):
    alasan = forms.CharField(
        label=_l("Alasan penolakan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TetapkanForm(forms.Form):
    nomor_sk = forms.CharField(label=_l("Nomor SK"), required=False, max_length=80)
    tanggal_sk = forms.DateField(label=_l("Tanggal SK"), required=False, widget=TanggalInput())
