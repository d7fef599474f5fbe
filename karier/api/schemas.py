"""Shapes shared by every router: error bodies, the page envelope and its query parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from ninja import Field, Schema
from pydantic import model_validator

T = TypeVar("T")

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Far above any real offset, far below what a database integer can hold: a huge number from a
# client is a 422, never an overflow inside the database driver.
MAX_OFFSET = 1_000_000_000
# Ids are 64-bit in every supported database; anything larger cannot exist.
MAX_ID = 2**63 - 1


def _number_types() -> tuple[type, ...]:
    from decimal import Decimal

    return (int, float, Decimal)


def _expects(annotation: Any, kinds: tuple[type, ...]) -> bool:
    """True when a field's type is one of `kinds` (also inside Optional/Annotated/Union); bool is
    never a number."""
    import typing

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _expects(typing.get_args(annotation)[0], kinds)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_expects(a, kinds) for a in args)
    return isinstance(annotation, type) and issubclass(annotation, kinds) and annotation is not bool


def _expects_number(annotation: Any) -> bool:
    return _expects(annotation, _number_types())


def _expects_date(annotation: Any) -> bool:
    import datetime as dt

    return _expects(annotation, (dt.date,))


class In(Schema):
    """Base of every request body and query schema.

    Pydantic's lax mode would read JSON `true` as the number 1 and accept a list where an object
    is expected; an API that says "integer" must refuse both (422), or fuzzers and clients learn
    that the schema does not mean what it says.
    """

    @model_validator(mode="before")
    @classmethod
    def _strict_input(cls, data: Any) -> Any:
        raw = getattr(data, "_obj", data)  # ninja wraps the input in a DjangoGetter first
        if raw is None or isinstance(raw, list | tuple | str | bytes | int | float):
            raise ValueError("Isi permintaan harus berupa objek JSON.")
        if not isinstance(raw, dict):  # query parameters: text from the URL, never a JSON bool
            return data
        for name, field in cls.model_fields.items():
            key = field.alias or name
            value = raw.get(key)
            if isinstance(value, bool) and _expects_number(field.annotation):
                raise ValueError(f"{key}: harus berupa angka, bukan true/false.")
            # lax mode reads a number as seconds since 1970 ("mulai": 0 → 1 January 1970)
            if isinstance(value, int | float) and _expects_date(field.annotation):
                raise ValueError(f"{key}: tanggal harus berupa teks YYYY-MM-DD, bukan angka.")
        return data


class ErrorOut(Schema):
    detail: str = Field(..., examples=["Pegawai tidak ditemukan."])


class ValidationErrorOut(Schema):
    """422: the request does not match the schema (ninja's own validation)."""

    detail: list[dict[str, Any]]


class RuleErrorOut(Schema):
    """409: well-formed, but a rule refuses it; `errors` holds the reasons by field."""

    detail: str = Field(..., examples=["Data tidak valid."])
    errors: dict[str, list[str]] = Field(default_factory=dict)


class PageParams(In):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Jumlah baris per halaman (1–200).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris pertama.")


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


class JobOut(Schema):
    """A background job (`karier.core.models.TugasLatar`, shaped by `karier.core.jobs.job_dict`): every
    router that starts or shows a job answers with this."""

    id: int
    jenis: str
    status: str = Field(..., description="MENUNGGU, BERJALAN, SELESAI atau GAGAL.")
    parameter: dict[str, Any]
    total: int
    diproses: int
    persen: int = Field(..., ge=0, le=100)
    pesan: str
    hasil: dict[str, Any]
    dibuat_pada: dt.datetime
    dimulai_pada: dt.datetime | None
    selesai_pada: dt.datetime | None


# Every authenticated read may answer these; listed so the OpenAPI schema documents them.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 409: RuleErrorOut, 422: ValidationErrorOut}
ERRORS_404: dict[int, Any] = {**ERRORS, 404: ErrorOut}
