"""Forms of the calibration screens (unit result, moves, finalisation, reasons, objections, period close)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.appraisal.choices import PredikatChoice, PredikatOrganisasiChoice
from karier.appraisal.evaluation import close as close_svc
from karier.people.access import Actor
from karier.people.models import UnitKerja


class UnitResultForm(forms.Form):
    predikat = forms.ChoiceField(label=_("Predikat kinerja organisasi"), choices=PredikatOrganisasiChoice.choices)
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class MoveForm(forms.Form):
    ke = forms.ChoiceField(label=_("Pindahkan ke"), choices=PredikatChoice.choices)
    alasan = forms.CharField(label=_("Alasan pemindahan"), max_length=4000)


class FinaliseForm(forms.Form):
    justifikasi = forms.CharField(
        label=_("Justifikasi (bila kurva dilanggar dan kebijakan mengizinkan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class ReasonForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class DecideForm(forms.Form):
    diterima = forms.TypedChoiceField(
        label=_("Keputusan"),
        coerce=lambda v: v == "1",
        choices=(("1", _("Diterima: predikat diubah")), ("0", _("Ditolak"))),
    )
    predikat_baru = forms.ChoiceField(
        label=_("Predikat baru"), required=False, choices=(("", "—"), *PredikatChoice.choices)
    )
    keputusan = forms.CharField(
        label=_("Pertimbangan keputusan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class CloseForm(forms.Form):
    opd = forms.ChoiceField(label=_("Lingkup"), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if actor.is_admin:
            choices.append(("", str(_("Seluruh Pemerintah Provinsi"))))
        choices += [
            (str(pk), nama)
            for pk, nama in UnitKerja.objects.filter(close_svc.close_scope_q(actor))
            .order_by("nama")
            .values_list("pk", "nama")
        ]
        field = self.fields["opd"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.required = not actor.is_admin
