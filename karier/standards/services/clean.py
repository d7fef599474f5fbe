"""What every standards service shares: field cleaners (messages in Bahasa Indonesia, collected by
field so one refusal names every problem), and the audited save and delete."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from karier.core import audit
from karier.people.access import Actor
from karier.standards.validation import NotANumber, to_decimal

MIN_TAHUN = 1990
MAX_TAHUN = 2100
MAX_NOMOR = 999
CHUNK = 2000

Errors = dict[str, str]


def clean_text(
    errors: Errors, field: str, value: Any, *, label: str, max_length: int | None = None, required: bool = True
) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors[field] = f"{label} harus berupa teks."
    elif required and not text:
        errors[field] = f"{label} wajib diisi."
    elif max_length is not None and len(text) > max_length:
        errors[field] = f"{label} paling panjang {max_length} karakter."
    elif "\x00" in text:
        errors[field] = f"{label} memuat karakter yang tidak sah."
    return text


def clean_int(
    errors: Errors, field: str, value: Any, *, label: str, low: int, high: int, required: bool = True
) -> int | None:
    if value is None or value == "":
        if required:
            errors[field] = f"{label} wajib diisi."
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        errors[field] = f"{label} harus berupa bilangan bulat."
        return None
    try:
        number = int(value)
    except ValueError:
        errors[field] = f"{label} harus berupa bilangan bulat."
        return None
    if not low <= number <= high:
        errors[field] = f"{label} harus antara {low} dan {high}."
        return None
    return number


def clean_tahun(errors: Errors, field: str, value: Any, *, label: str, required: bool = True) -> int | None:
    return clean_int(errors, field, value, label=label, low=MIN_TAHUN, high=MAX_TAHUN, required=required)


def clean_nomor(errors: Errors, value: Any) -> int | None:
    return clean_int(errors, "nomor", value, label="Nomor", low=1, high=MAX_NOMOR)


def clean_decimal(errors: Errors, field: str, value: Any) -> Decimal | None:
    try:
        return to_decimal(value)
    except NotANumber as exc:
        errors[field] = exc.message
        return None


def clean_choice(errors: Errors, field: str, value: Any, choices: type[models.TextChoices], *, label: str) -> str:
    if value not in choices.values:
        names = ", ".join(str(lbl) for lbl in choices.labels)
        errors[field] = f"{label} tidak dikenal; pilih salah satu: {names}."
        return ""
    return str(value)


def explained(errors: Errors, data: Mapping[str, Any]) -> dict[str, str]:
    """The plain-language pair every standard carries: what it means for you, and an example."""
    return {
        "penjelasan": clean_text(
            errors, "penjelasan", data.get("penjelasan", ""), label="Penjelasan", max_length=4000, required=False
        ),
        "contoh": clean_text(errors, "contoh", data.get("contoh", ""), label="Contoh", max_length=4000, required=False),
    }


def refuse(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def given(value: int | None) -> int:
    """A value `clean_int` required and `refuse` has vouched for."""
    assert value is not None
    return value


def refuse_unknown(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(changes) - set(allowed))
    if extra:
        raise ValidationError(dict.fromkeys(extra, "Kolom ini tidak dapat diubah."))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


def save_changes(*, actor: Actor, obj: models.Model, after: dict[str, Any], action: str, summary: str) -> None:
    """Write the fields that changed (none: no write, no event) and audit them as [old, new]."""
    before = snapshot(obj, after)
    changed = audit.diff(before, after)
    if not changed:
        return
    for f, v in after.items():
        setattr(obj, f, v)
    obj.save(update_fields=list(changed))
    audit.record(actor=actor, action=action, obj=obj, summary=summary, changes=changed)


def delete_audited(*, actor: Actor, obj: models.Model, action: str, blocked: str | None) -> None:
    """Delete `obj` with an audit event, or refuse with `blocked` (why it cannot go) and delete nothing."""
    if blocked:
        raise ValidationError({"__all__": blocked})
    summary = str(obj)
    pk = obj.pk
    audit.record(actor=actor, action=action, obj=obj, summary=summary)
    obj.delete()
    obj.pk = pk
