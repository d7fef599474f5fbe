"""What every screen's form shares. Forms only parse; the services decide, and a service's refusal
is shown on the form with `apply_errors`."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError


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
