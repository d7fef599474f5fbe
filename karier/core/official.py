"""Official documents speak Bahasa Indonesia, whatever language the person asking has chosen.

The SKP, the evaluation document, the rating decision and the Perjanjian Kinerja follow the
regulations' Indonesian forms, and a signed evaluation is frozen with its hash: a label such as
"Penerima Layanan" or a predikat must read the same whoever signed or downloaded it. Functions that
build or render such a document run under `in_indonesian`, so the English catalogue never leaks
into them (the screens around them stay in the chosen language).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_indonesian(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def pdf_of(html: str) -> bytes:
    """The official document's HTML as A4 PDF (WeasyPrint: 0.3–0.7 s a page)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def final_pdf(html: str, folder: str) -> bytes:
    """The PDF of a document that can no longer change (a signed evaluation, a finalised unit
    decision, an approved SKP): rendered once and kept as a file named by the digest of its HTML, so
    every later download, by anyone, is a file read (issue #14). Another signature, version or
    template gives other HTML, hence another file. Drafts change with every edit: `pdf_of` them."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = f"{folder}/{hashlib.sha256(html.encode()).hexdigest()}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as f:
            data: bytes = f.read()
            return data
    pdf = pdf_of(html)
    if not default_storage.exists(name):  # a concurrent first download may have stored it meanwhile
        default_storage.save(name, ContentFile(pdf))
    return pdf
