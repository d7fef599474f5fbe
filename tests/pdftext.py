"""PDF text for tests, read with pypdf (a dev dependency): tests depend only on what the project installs."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed to single spaces; fails loudly on a non-PDF."""
    assert pdf.startswith(b"%PDF"), "not a PDF"
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
