"""A check on rendered pages that several tests share: everything a page loads comes from this site."""

from __future__ import annotations

import re

#: What a browser fetches by itself: scripts, stylesheets and other linked files, images, frames.
LOADED = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.IGNORECASE)


def assert_loads_nothing_from_elsewhere(html: str) -> list[str]:
    """Every file the page loads is on this site: no CDN, no other host (users' networks are often
    closed). Only the loading attributes are looked at: a random CSRF token in the page may contain
    any three letters, "cdn" among them. Returns what the page loads, for further checks."""
    refs = LOADED.findall(html)
    for ref in refs:
        assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", ref, re.IGNORECASE), ref
        assert "cdn" not in ref.lower(), ref
    return refs
