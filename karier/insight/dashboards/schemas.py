"""Shapes of the dashboards' API: the same panels the screens show, as tables."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In

Cell = str | int | float | None


class DasborFilter(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun; kosong: tahun terakhir yang ada datanya.")
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Id unit kerja (di dalam perangkat daerah).")


class TahunFilter(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun; kosong: tahun berjalan.")


class PanelOut(Schema):
    kunci: str
    judul: str
    keterangan: str
    header: list[str]
    rows: list[list[Cell]]
    catatan: list[str]
    figure: dict[str, object] | None


class LingkupOut(Schema):
    tahun: int
    opd_id: int | None
    opd: str | None
    unit_id: int | None
    unit: str | None


class DasborOut(Schema):
    lingkup: LingkupOut
    diperbarui_pada: dt.datetime | None = Field(description="Penyegaran terakhir (dasbor provinsi dan OPD).")
    langsung: bool = Field(description="Dasbor tim dan saya: membaca data terkini, tanpa penyegaran.")
    ringkasan: dict[str, float] = Field(description="Angka utama dengan kunci tetap (tidak bergantung bahasa).")
    ringkasan_label: dict[str, str] = Field(description="Label tiap kunci ringkasan dalam bahasa pembaca.")
    panels: list[PanelOut]


class SegarkanIn(In):
    tahun: list[int] | None = Field(
        None, min_length=1, max_length=5, description="Tahun yang disegarkan; kosong: tahun ini dan tahun lalu."
    )
