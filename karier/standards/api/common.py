"""What the standards routers share: path ids, the documented error responses, references in a
body (an unknown id is a 409 naming the field), and the indicator shapes several routers return."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Path

from karier.api.schemas import ERRORS, MAX_ID, ErrorOut, ValidationErrorOut
from karier.standards.models import Indikator, NilaiIndikator
from karier.standards.schemas import DataInvalidOut

READ = {**ERRORS, 404: ErrorOut}
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: DataInvalidOut, 422: ValidationErrorOut}


def path_id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


def ref(model: type[models.Model], pk: int | None, field: str, label: str) -> Any:
    """The object a body refers to by id (None for no id); an unknown id is refused (409)."""
    if pk is None:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: _("%(label)s dengan id %(id)s tidak ditemukan.") % {"label": label, "id": pk}})
    return obj


def indikator_out(i: Indikator) -> dict[str, Any]:
    return {
        f: getattr(i, f)
        for f in (
            "id",
            "kode",
            "nama",
            "satuan",
            "arah",
            "baseline",
            "baseline_tahun",
            "catatan_metode",
            "penjelasan",
            "contoh",
            "sasaran_id",
            "sasaran_renstra_id",
            "induk_id",
        )
    }


def nilai_out(v: NilaiIndikator) -> dict[str, Any]:
    return {"tahun": v.tahun, "target": v.target, "realisasi": v.realisasi, "metode": v.metode, "sumber": v.sumber}
