"""`karier.core.forms.apply_errors`: the one way a service's refusal is put on a screen's form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from karier.core.forms import apply_errors


class _Form(forms.Form):
    tahun = forms.IntegerField()
    nama = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({"tahun": "2026", "nama": "x"})
    assert form.is_valid()
    return form


def test_field_errors_go_next_to_their_fields_and_unknown_keys_above_the_form() -> None:
    form = _bound()
    apply_errors(
        form,
        ValidationError(
            {
                "tahun": ["Tahun sudah ditutup.", "Pilih tahun lain."],
                "unit": "Unit kerja tidak ditemukan.",
                "__all__": "Periode belum dibuka.",
            }
        ),
    )
    assert form.errors["tahun"] == ["Tahun sudah ditutup.", "Pilih tahun lain."]
    assert form.non_field_errors() == ["Unit kerja tidak ditemukan.", "Periode belum dibuka."]
    assert "tahun" not in form.cleaned_data and form.cleaned_data["nama"] == "x"


def test_a_refusal_without_fields_goes_above_the_form() -> None:
    form = _bound()
    apply_errors(form, ValidationError(["Evaluasi sudah final.", "Hubungi admin."]))
    assert form.non_field_errors() == ["Evaluasi sudah final.", "Hubungi admin."]
    assert set(form.errors) == {"__all__"}


def test_a_permission_refusal_goes_above_the_form() -> None:
    form = _bound()
    apply_errors(form, PermissionDenied("Hanya pejabat penilai yang dapat memberi rating."))
    assert form.non_field_errors() == ["Hanya pejabat penilai yang dapat memberi rating."]
