"""What the standards screens share: the 403 page, HTMX and Excel detection, filter query strings."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from karier.standards import access
from karier.standards.models import Indikator, NilaiIndikator

PAGE_SIZE = 25
COPY_PAGE_SIZE = 50
NILAI_HEADER = ["Kode", "Indikator", "Satuan", "Tahun", "Target", "Realisasi", "Seri/metode", "Sumber"]

View = Callable[..., HttpResponse]


def forbidden_as_page(view: View) -> View:
    """A refused write (a service's `PermissionDenied`) shows why (403), in the site's layout."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(
                request, "standards/forbidden.html", {"message": str(exc) or access.MSG_READ_ONLY}, status=403
            )

    return wrapper


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def query(request: HttpRequest) -> tuple[str, str]:
    """(querystring base for pagination links, query for the Excel link) keeping the filters."""
    params = {k: str(v) for k, v in request.GET.items() if k not in {"page", "export"} and v}
    base = urlencode(params)
    return (f"{base}&" if base else ""), urlencode({**params, "export": "xlsx"})


def posted_id(value: Any) -> int:
    text = str(value or "")
    if not text.isdigit() or len(text) > 18:
        raise ValidationError({"__all__": _("Data yang dikirim tidak valid.")})
    return int(text)


def nilai_rows(indikator: Indikator, values: list[NilaiIndikator]) -> list[list[Any]]:
    return [
        [indikator.kode, indikator.nama, indikator.satuan, v.tahun, v.target, v.realisasi, v.metode, v.sumber]
        for v in values
    ]
