"""Small display helpers: NIP formatting and "apa artinya?" links to the glossary."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from karier.rules import format_nip

register = template.Library()


@register.filter
def nip(value: str) -> str:
    try:
        return format_nip(value)
    except ValueError:
        return value


@register.simple_tag
def artinya(term: str) -> str:
    return format_html(
        '<a class="help" href="{}#{}" title="{}">{}</a>',
        reverse("core:glossary"),
        term,
        _("Penjelasan istilah"),
        _("apa artinya?"),
    )
