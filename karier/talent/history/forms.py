from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImporForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas Excel (.xlsx) atau CSV"))
