"""Forms of the promotion screens: they only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _l

from karier.api.schemas import MAX_ID
from karier.core.forms import TanggalInput
from karier.talent.promotion.services import MAX_SK, MAX_TEKS


class UsulForm(forms.Form):
    """Propose one person for a promotion date (posted from the list or the person's summary)."""

    pegawai_id = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    tmt = forms.DateField(label=_l("TMT kenaikan pangkat"), widget=TanggalInput())
    catatan = forms.CharField(label=_l("Catatan"), required=False, max_length=MAX_TEKS)


class VerifikasiForm(forms.Form):
    catatan = forms.CharField(
        label=_l("Catatan verifikasi"), required=False, max_length=MAX_TEKS, widget=forms.Textarea(attrs={"rows": 2})
    )


class TolakForm(forms.Form):
    alasan = forms.CharField(
        label=_l("Alasan penolakan"), required=False, max_length=MAX_TEKS, widget=forms.Textarea(attrs={"rows": 2})
    )


class TetapkanForm(forms.Form):
    nomor_sk = forms.CharField(label=_l("Nomor SK"), required=False, max_length=MAX_SK)
    tanggal_sk = forms.DateField(label=_l("Tanggal SK"), required=False, widget=TanggalInput())
