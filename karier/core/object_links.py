"""Where an audited object is seen: the audit trail links each entry to the screen of its object, so
an auditor follows an entry to the plan or evaluation it concerns instead of typing an address.

`core` imports no domain app, so each app registers its own objects (`register`, from its
`AppConfig.ready()`): the model's `label_lower` (what `AuditEvent.object_type` holds) and the name of
the URL that shows one object by its primary key. The target view still decides who may see it.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

_LINKS: dict[str, str] = {}


def register(object_type: str, url_name: str) -> None:
    """`object_type` is a model's `_meta.label_lower` ("plans.skp"); the URL takes the pk as its one argument."""
    _LINKS[object_type] = url_name


def url_for(object_type: str, object_id: str) -> str:
    """The screen of an audited object, or "" when it has none (or the id is not a row id)."""
    name = _LINKS.get(object_type)
    if name is None or not object_id.isdigit() or len(object_id) > 18:
        return ""
    try:
        return reverse(name, args=[int(object_id)])
    except NoReverseMatch:
        return ""
