"""`{% standar_kompetensi jabatan %}`: the position's competency standard as a section of the
position-standard page (standards), without standards importing development (an app imports only
from its left; a template names the tag library instead)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from karier.development.competency.selectors import standar_jabatan

register = template.Library()


@register.inclusion_tag("development/competency/_standar_section.html")
def standar_kompetensi(jabatan: Any) -> dict[str, Any]:
    return {
        "standar_kompetensi": standar_jabatan(jabatan),
        "standar_kompetensi_url": reverse("development:kompetensi_standar", args=[jabatan.pk]),
    }
