"""What every screen's form shares. Forms only parse; the services decide, and a service's refusal
is shown on the form with `apply_errors`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.urls import reverse_lazy

from karier.core.numbers import angka


def apply_errors(form: forms.Form, exc: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal next to the fields it names; the rest above the form.

    A `ValidationError` keyed by field puts each message on that field when the form has it (else
    among the non-field errors); one without fields, or a `PermissionDenied`, goes above the form.
    """
    if isinstance(exc, PermissionDenied):
        errors: dict[str, list[str]] = {NON_FIELD_ERRORS: [str(exc)]}
    elif hasattr(exc, "error_dict"):
        errors = exc.message_dict
    else:
        errors = {NON_FIELD_ERRORS: exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


class AngkaInput(forms.TextInput):
    """A number typed the Indonesian way ("1.250", "99,5"). While the person types, the server reads
    it with the one parser (`karier.core.numbers.baca_angka`, view `core:angka_pratinjau`) and says
    below the field what will be saved — before it is saved (issue #10: "1.250" is 1.250, not 1,25)."""

    template_name = "core/widgets/angka.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "hx-get": reverse_lazy("core:angka_pratinjau"),
                "hx-trigger": "input changed delay:300ms",
                "hx-swap": "innerHTML",
                **(attrs or {}),
            }
        )

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["hx-target"] = f"#{widget_attrs.get('id', name)}-pratinjau"
        return context

    def format_value(self, value: Any) -> str | None:
        """A stored number is shown the way it is read back: `str(Decimal("1.125"))` would put
        "1.125" in the field, which the id-ID reading saves as 1.125 (a thousandfold change on an
        unchanged save); `angka` writes "1,125". What a person typed (a str) is given back as typed."""
        if isinstance(value, Decimal):
            return angka(value.normalize())
        if isinstance(value, int | float) and not isinstance(value, bool):
            return angka(value)
        return super().format_value(value)


class TanggalInput(forms.DateInput):
    """A date picker: `<input type="date">` shows only an ISO value (2026-01-31), whatever the
    language, while Django's `id` locale would render 31-01-2026 and leave the field blank
    (issue #10). The browser shows the date in the reader's own convention."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
