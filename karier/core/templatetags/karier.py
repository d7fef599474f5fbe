"""Small display helpers: NIP formatting and "apa artinya?" links to the glossary."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from karier.core.audit_export import changes_text
from karier.core.numbers import angka as _angka
from karier.rules import nip_as_printed

register = template.Library()


@register.filter
def nip(value: str) -> str:
    return nip_as_printed(value)


@register.simple_tag
def artinya(term: str) -> str:
    return format_html(
        '<a class="help" href="{}#{}" title="{}">{}</a>',
        reverse("core:glossary"),
        term,
        _("Penjelasan istilah"),
        _("apa artinya?"),
    )


@register.filter(name="angka")
def angka(value: Any, places: str = "") -> str:
    """A number for people, the id-ID way (`karier.core.numbers.angka`): `{{ v|angka }}` shows every
    significant decimal (1.250; 99,5), `{{ v|angka:"-2" }}` two decimals unless whole (like
    floatformat:"-2"), `{{ v|angka:1 }}` a fixed count. Empty for None, so `|default:"—"` works."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if places == "-2":
        return _angka(number, 0 if number == number.to_integral_value() else 2)
    if places:
        return _angka(number, int(places))
    return _angka(number.normalize())


@register.filter(name="tautan_objek")
def tautan_objek(event: Any) -> str:
    """The screen of an audit entry's object ("" when it has none): `karier.core.object_links`."""
    from karier.core.object_links import url_for

    return url_for(str(event.object_type), str(event.object_id))


@register.filter(name="perubahan")
def perubahan(changes: Any) -> str:
    """An audit event's changes in words: "status: DRAFT → DIAJUKAN" (`karier.core.audit_export`)."""
    return changes_text(changes)


@register.simple_tag
def angka_input(name: str, value: Any = "", *, id: str, errors: Any = None) -> str:
    """The `AngkaInput` widget (karier.core.forms) where a template lays out its own form, so the live
    "akan disimpan sebagai" preview (its htmx attributes and the preview element) has one source.
    Text as typed (a refused value given back) is kept as typed; a stored number is written the id-ID
    way. `errors` marks the input invalid and points it at `<id>-error`."""
    from karier.core.forms import AngkaInput

    attrs = {"id": id}
    if errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{id}-error"})
    shown = value if isinstance(value, str) else angka(value)
    return AngkaInput().render(name, shown, attrs=attrs)
