"""Small pieces every router uses: a path id parameter. (Refusals need no helper: the API's handlers
in `karier/api/api.py` turn a service's PermissionDenied into 403 and ValidationError into 409.)"""

from __future__ import annotations

from typing import Any

from ninja import Path

from karier.api.schemas import MAX_ID


def path_id(description: str) -> Any:
    """A database id in the path: 1 … 2⁶³−1, so no generated number reaches the database driver."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def binary_response(content_type: str, description: str) -> dict[str, Any]:
    """`openapi_extra` for an operation answering a file (a PDF, an Excel, a zip): the schema says
    "binary" of that type, so clients and the fuzzer know not to expect JSON."""
    content = {content_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"responses": {200: {"description": description, "content": content}}}
