"""Shapes shared by every router: error bodies, the page envelope and its query parameters."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Far above any real offset, far below what a database integer can hold: a huge number from a
# client is a 422, never an overflow inside the database driver.
MAX_OFFSET = 1_000_000_000
# Ids are 64-bit in every supported database; anything larger cannot exist.
MAX_ID = 2**63 - 1


class ErrorOut(Schema):
    detail: str = Field(..., examples=["Pegawai tidak ditemukan."])


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Jumlah baris per halaman (1–200).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris pertama.")


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


# Every authenticated read may answer these; listed so the OpenAPI schema documents them.
ERRORS: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut}
ERRORS_404: dict[int, Any] = {**ERRORS, 404: ErrorOut}
