"""The per-row checks of a SIASN history import, in a fixed number of queries for any file: the NIPs
are read once, and the history already recorded for the file's people once (`history.history`).

Every row is checked whole, so a reader fixes the file in one pass: unknown or inactive NIP, one's own
NIP (nobody records their own history), unknown jenisDiklatId, jenisKursus or latihanStrukturalId,
unreadable dates (SIASN writes d-m-Y), an end before the start, dates in the future, jumlahJam outside
0–200, a year that matches neither date, duplicate rows in the file, rows already recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karier.core.numbers import baca_angka
from karier.development.exchange import refs
from karier.development.exchange.history import DIKLAT, KURSUS, Riwayat, history
from karier.development.exchange.reader import Baris
from karier.development.models import JP_MAX
from karier.people.access import Actor
from karier.people.models import Pegawai

TANGGAL_MIN = dt.date(1960, 1, 1)
MAX_TEKS = 200
MAX_NOMOR = 100
LEMBAR = {KURSUS: "kursus", DIKLAT: "diklat"}


def text(value: Any) -> str:
    return " ".join(str(value).split())


def code(value: Any) -> str:
    """An id typed in a spreadsheet: 11, 11.0 and "11" are the same."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(value)


def tanggal(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    t = text(value)
    for fmt in ("%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def jam(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float | Decimal):
            d = Decimal(str(value))
        else:
            d = baca_angka(text(value))
    except (ValueError, InvalidOperation):
        return None
    if not d.is_finite() or abs(d) > 1_000_000:
        return None
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # the ledger keeps two decimals


def tahun(value: Any) -> int | None:
    t = code(value)
    return int(t) if t.isdecimal() and len(t) == 4 else None


def _dates(v: dict[str, Any], mulai_col: str, selesai_col: str, today: dt.date) -> tuple[Any, Any, list[str]]:
    problems: list[str] = []
    out = []
    for col in (mulai_col, selesai_col):
        d = tanggal(v.get(col, ""))
        if d is None:
            problems.append(
                _("%(kolom)s “%(t)s” tidak terbaca; tulis hh-bb-tttt, mis. 17-08-2026.")
                % {"kolom": col, "t": text(v.get(col, ""))[:20]}
            )
        elif d > today:
            problems.append(
                _("%(kolom)s %(t)s ada di masa depan; laporkan kegiatan setelah selesai.")
                % {"kolom": col, "t": date_format(d, "j M Y")}
            )
            d = None
        elif d < TANGGAL_MIN:
            problems.append(_("%(kolom)s %(t)s terlalu lama (sebelum 1960).") % {"kolom": col, "t": d.year})
            d = None
        out.append(d)
    mulai, selesai = out
    if mulai and selesai and selesai < mulai:
        problems.append(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    return mulai, selesai, problems


def _check_one(r: Baris, today: dt.date) -> tuple[dict[str, Any], list[str]]:
    """The row's values as they will be recorded, and its problems (besides the NIP)."""
    v = r.nilai
    problems: list[str] = []
    institusi = text(v.get("institusiPenyelenggara", ""))
    if not institusi or len(institusi) > MAX_TEKS:
        problems.append(_("Isi institusiPenyelenggara (paling banyak 200 karakter)."))
    nomor_col = "nomorSertipikat" if r.layout == KURSUS else "nomor"
    nomor = text(v.get(nomor_col, ""))
    if len(nomor) > MAX_NOMOR:
        problems.append(_("%(kolom)s paling banyak 100 karakter.") % {"kolom": nomor_col})
    jumlah = jam(v.get("jumlahJam", ""))
    if jumlah is None or not Decimal(0) <= jumlah <= JP_MAX:
        problems.append(
            _("jumlahJam “%(j)s” harus berupa angka antara 0 dan 200 untuk satu kegiatan.")
            % {"j": text(v.get("jumlahJam", ""))[:20]}
        )
    values: dict[str, Any] = {"institusi": institusi, "nomor": nomor, "jumlah_jam": jumlah}
    if r.layout == KURSUS:
        mulai, selesai, date_problems = _dates(v, "tanggalKursus", "tanggalSelesaiKursus", today)
        nama = text(v.get("namaKursus", ""))
        if not nama or len(nama) > MAX_TEKS:
            problems.append(_("Isi namaKursus (paling banyak 200 karakter)."))
        jd = code(v.get("jenisDiklatId", ""))
        if jd == refs.JENIS_DIKLAT_STRUKTURAL:
            problems.append(_("Diklat struktural (jenisDiklatId 1) dilaporkan di lembar diklat, bukan kursus."))
        elif jd not in refs.jenis_diklat():
            problems.append(_("jenisDiklatId “%(j)s” tidak dikenal di referensi SIASN (1–25).") % {"j": jd[:20]})
        jk = refs.jenis_kursus(text(v.get("jenisKursus", "")))
        if jk is None:
            problems.append(
                _("jenisKursus “%(j)s” tidak ada di referensi SIASN; kosongkan atau pakai nama dari daftar.")
                % {"j": text(v.get("jenisKursus", ""))[:60]}
            )
        year_col = "tahunKursus"
        values.update(nama=nama, jenis_diklat_id=jd, jenis_kursus=jk or "", latihan_struktural_id="")
    else:
        mulai, selesai, date_problems = _dates(v, "tanggal", "tanggalSelesai", today)
        ls = code(v.get("latihanStrukturalId", ""))
        nama = refs.latihan_struktural().get(ls, "")
        if not nama:
            problems.append(_("latihanStrukturalId “%(j)s” tidak dikenal di referensi SIASN (1–8).") % {"j": ls[:20]})
        year_col = "tahun"
        values.update(
            nama=nama, jenis_diklat_id=refs.JENIS_DIKLAT_STRUKTURAL, jenis_kursus="", latihan_struktural_id=ls
        )
    problems.extend(date_problems)
    raw_year = v.get(year_col, "")
    year = tahun(raw_year) if code(raw_year) else (selesai.year if selesai else None)
    if code(raw_year) and year is None:
        problems.append(_("%(kolom)s “%(t)s” bukan tahun empat angka.") % {"kolom": year_col, "t": code(raw_year)[:20]})
    elif year is not None and mulai and selesai and year not in (mulai.year, selesai.year):
        problems.append(_("%(kolom)s %(t)s tidak sesuai dengan tanggal kegiatan.") % {"kolom": year_col, "t": year})
    values.update(tahun=year, mulai=mulai, selesai=selesai)
    return values, problems


def check_rows(
    actor: Actor, rows: Iterable[Baris], today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """(clean rows ready to record, [[sheet, row number, message], …])."""
    rows = list(rows)
    today = today or timezone.localdate()
    nips = {code(r.nilai.get("nip", "")) for r in rows}
    pegawai = dict(Pegawai.objects.filter(nip__in=nips, aktif=True).values_list("nip", "pk"))
    recorded = {h.key() for h in history(Pegawai.objects.filter(pk__in=list(pegawai.values())))}
    errors: list[list[Any]] = []
    clean: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], tuple[str, int]] = {}
    for r in rows:
        nip = code(r.nilai.get("nip", ""))
        pegawai_id = pegawai.get(nip)
        values, problems = _check_one(r, today)
        if not nip:
            problems.insert(0, _("NIP kosong."))
        elif pegawai_id is None:
            problems.insert(0, _("NIP %(nip)s tidak ditemukan di antara pegawai aktif.") % {"nip": nip[:30]})
        elif actor.pegawai_id == pegawai_id:
            problems.insert(0, _("Anda tidak dapat mengimpor riwayat Anda sendiri; admin BKD lain yang mengimpornya."))
        if pegawai_id and values["mulai"] and values["selesai"] and values["nama"]:
            key = Riwayat(
                pegawai_id=pegawai_id,
                nip=nip,
                layout=r.layout,
                nama=values["nama"],
                institusi="",
                jenis_diklat_id="",
                jenis_kursus="",
                latihan_struktural_id=values["latihan_struktural_id"],
                nomor="",
                tahun=0,
                mulai=values["mulai"],
                selesai=values["selesai"],
                jumlah_jam=Decimal(0),
            ).key()
            if key in seen:
                problems.append(
                    _("Baris ganda: sama dengan baris %(n)s di lembar %(l)s.")
                    % {"n": seen[key][1], "l": LEMBAR[seen[key][0]]}
                )
            elif key in recorded:
                problems.append(_("Riwayat yang sama (pegawai, kegiatan, tanggal) sudah tercatat di Karier."))
            seen.setdefault(key, (r.layout, r.nomor))
        if problems:
            errors.extend([LEMBAR[r.layout], r.nomor, p] for p in problems)
            continue
        clean.append(
            {
                "pegawai_id": pegawai_id,
                "layout": r.layout,
                **{k: values[k] for k in ("nama", "institusi", "jenis_diklat_id", "jenis_kursus", "nomor", "tahun")},
                "latihan_struktural_id": values["latihan_struktural_id"],
                "mulai": values["mulai"].isoformat(),
                "selesai": values["selesai"].isoformat(),
                "jumlah_jam": str(values["jumlah_jam"]),
            }
        )
    return clean, errors
