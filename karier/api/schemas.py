"""Shapes shared by every router: error bodies, the page envelope and its query parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from ninja import Field, Schema
from pydantic import ValidationError as PydanticValidationError
from pydantic import ValidatorFunctionWrapHandler, field_validator, model_validator
from pydantic_core import PydanticCustomError

from karier.core.numbers import angka

T = TypeVar("T")

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Far above any real offset, far below what a database integer can hold: a huge number from a
# client is a 422, never an overflow inside the database driver.
MAX_OFFSET = 1_000_000_000
_MAX_OFFSET_TEXT = angka(MAX_OFFSET)
# A cursor is a few signed key values; anything longer was not made by Karier.
MAX_CURSOR = 1000
KURSOR_TIDAK_VALID = (
    "Kursor `setelah` tidak berlaku untuk daftar ini: pakai nilai `berikutnya` dari halaman sebelumnya "
    "apa adanya, atau mulai lagi tanpa `setelah`."
)
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


#: Both ways of paging at once: refused by `karier.api.pagination` (409, a rule, not the schema).
PAGING_GANDA = "Pakai salah satu: `setelah` (kursor) atau `offset`, tidak keduanya."


class PageParams(In):
    """limit/offset (kept for old clients) or `setelah`, the keyset cursor of the previous page.

    Bad paging input is a 422 whose message says what is allowed, in Bahasa Indonesia (pydantic's
    own "Input should be greater than or equal to 1" helps nobody who reads the API in Indonesian).
    """

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Jumlah baris per halaman (1–200).")
    offset: int = Field(
        0,
        ge=0,
        le=MAX_OFFSET,
        description="Lewati sejumlah baris pertama. Untuk daftar panjang pakai `setelah`: tanpa OFFSET, "
        "secepat halaman pertama.",
    )
    setelah: str | None = Field(
        None,
        max_length=MAX_CURSOR,
        description="Kursor halaman berikutnya: nilai `berikutnya` dari halaman sebelumnya (jangan diubah). "
        "Tidak bisa digabung dengan `offset`.",
    )

    @field_validator("limit", mode="wrap")
    @classmethod
    def _limit(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> int:
        try:
            return int(handler(value))
        except PydanticValidationError:
            raise PydanticCustomError(
                "limit_tidak_valid", f"limit harus bilangan bulat 1 sampai {MAX_LIMIT}; yang dikirim: {value!s:.40}."
            ) from None

    @field_validator("offset", mode="wrap")
    @classmethod
    def _offset(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> int:
        try:
            return int(handler(value))
        except PydanticValidationError:
            raise PydanticCustomError(
                "offset_tidak_valid",
                f"offset harus bilangan bulat 0 sampai {_MAX_OFFSET_TEXT}; yang dikirim: {value!s:.40}. "
                "Untuk daftar panjang pakai kursor `setelah`.",
            ) from None

    @field_validator("setelah", mode="wrap")
    @classmethod
    def _setelah(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> str | None:
        try:
            result = handler(value)
        except PydanticValidationError:
            raise PydanticCustomError("kursor_tidak_valid", KURSOR_TIDAK_VALID) from None
        return result or None


class Page(Schema, Generic[T]):
    count: int | None = Field(
        ..., description="Jumlah seluruh baris; null bila halaman diminta dengan kursor `setelah` (tidak dihitung)."
    )
    limit: int
    offset: int
    items: list[T]
    berikutnya: str | None = Field(
        None, description="Kursor halaman berikutnya (kirim sebagai `setelah`); null pada halaman terakhir."
    )


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
