"""The competency dictionary and position standards on the BKD admin's "Data induk" site.

Every change is audited (`AuditedModelAdmin`); levels stay 1–5 by the models' constraints, which the
admin's forms check. A position-standard row may be deleted: that returns the position to the default
table (or, for a technical competency, stops requiring it). Assessments are not edited here: they are
a history, added through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from karier.core import datainduk
from karier.core.admin import AuditedModelAdmin
from karier.development.models import Kompetensi, LevelKompetensi, StandarKompetensiJabatan


class LevelKompetensiInline(admin.TabularInline):  # type: ignore[type-arg]
    model = LevelKompetensi
    extra = 0
    max_num = 5
    fields = ("level", "deskripsi", "indikator", "arti")


class KompetensiAdmin(AuditedModelAdmin):
    list_display = ("kode", "nama", "jenis", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama")
    inlines = [LevelKompetensiInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        """Codes and kinds are fixed once made; wording, levels and "aktif" stay editable."""
        return ("kode", "jenis")

    def has_add_permission(self, request: HttpRequest) -> bool:
        """New technical competencies go through `kompetensi_teknis_save` (the dictionary screen), which
        checks the code ("T.…"); the Kamus's own nine are loaded, never added by hand."""
        return False


class StandarKompetensiJabatanAdmin(AuditedModelAdmin):
    list_display = ("jabatan", "kompetensi", "level")
    list_filter = ("kompetensi",)
    search_fields = ("jabatan__nama", "kompetensi__nama")
    autocomplete_fields = ("jabatan",)


admin.site.register(Kompetensi, KompetensiAdmin)
admin.site.register(StandarKompetensiJabatan, StandarKompetensiJabatanAdmin)
datainduk.site.register_master(Kompetensi, KompetensiAdmin)
datainduk.site.register_master(StandarKompetensiJabatan, StandarKompetensiJabatanAdmin, delete=True)
