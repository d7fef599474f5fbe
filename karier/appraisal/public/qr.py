"""QR codes for public feedback links, drawn locally with segno (no external service)."""

from __future__ import annotations

import io

import segno


def qr_svg_inline(url: str, scale: int = 6) -> str:
    """An inline <svg> element (no XML declaration) to put on the printable page."""
    return str(segno.make(url, error="m").svg_inline(scale=scale, border=2, dark="#000", light="#fff"))


def qr_svg_file(url: str, scale: int = 10) -> bytes:
    """A standalone SVG file for download (print shops, posters)."""
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=scale, border=4)
    return buf.getvalue()


def qr_png_file(url: str, scale: int = 10) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()
