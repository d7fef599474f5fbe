"""Forms of the SKM screens. The public questionnaire leaves the checks of the answers to the
service (one message per element, the same for the browser and the API): its fields only parse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karier.appraisal.public.skm.choices import PERTANYAAN, PROFIL_FIELDS, UNSUR_FIELDS, StatusTindakLanjut, UnsurSkm
from karier.appraisal.public.skm.services import MAKS_SARAN


class SkmForm(forms.Form):
    """The nine questions (radio buttons 1–4), the optional profile, a suggestion, a honeypot
    (`website`) and the signed form token (`ft`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, unsur in zip(UNSUR_FIELDS, UnsurSkm, strict=True):
            question, answers = PERTANYAAN[unsur.value]
            self.fields[name] = forms.CharField(
                label=str(question),
                required=False,
                widget=forms.RadioSelect(choices=[(str(i), a) for i, a in enumerate(answers, start=1)]),
            )
            self.fields[name].unsur = unsur  # type: ignore[attr-defined]
        labels = {
            "usia": _("Umur"),
            "jenis_kelamin": _("Jenis kelamin"),
            "pendidikan": _("Pendidikan terakhir"),
            "pekerjaan": _("Pekerjaan utama"),
        }
        for name, choices in PROFIL_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=labels[name],
                required=False,
                widget=forms.Select(choices=[("", _("— tidak ingin menjawab —")), *choices.choices]),
            )
        self.fields["saran"] = forms.CharField(
            label=_("Saran untuk perbaikan layanan (opsional)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAKS_SARAN}),
        )
        self.fields["website"] = forms.CharField(
            required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        self.fields["ft"] = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)

    def unsur_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in UNSUR_FIELDS]

    def profil_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PROFIL_FIELDS]


class PeriodeForm(forms.Form):
    nama = forms.CharField(label=_("Nama periode"), max_length=120)
    mulai = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(label=_("Selesai"), widget=forms.DateInput(attrs={"type": "date"}))


class TindakLanjutForm(forms.Form):
    unsur = forms.ChoiceField(label=_("Unsur"), choices=UnsurSkm.choices)
    tindakan = forms.CharField(label=_("Tindakan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    penanggung_jawab = forms.CharField(label=_("Penanggung jawab"), max_length=200, required=False)
    batas_waktu = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))


class TindakLanjutStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StatusTindakLanjut.choices)
