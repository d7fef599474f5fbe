"""The PAK (Penetapan Angka Kredit) statement (issue #12 §3), in the official layout.

At issue, `pak_content` writes down everything the statement says — the header with its number, the
agency, the identity block (NIP printed with `nip_as_printed`), the credit table (AK dasar/konversi,
AK from each predikat with its percentage, coefficient and months, the total, the credit used by the
last promotion, the remainder, what the next pangkat/jenjang still needs) and the conclusion — every
figure as a string, and `content_hash` is the SHA-256 of that content. The PDF renders only from the
stored content and prints the hash, so an issued PAK is the same document forever, whatever happens
to the ledger later. Official documents stay Indonesian (`in_indonesian`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.template.loader import render_to_string

from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.people.access import Actor
from karier.people.models import Pegawai
from karier.rules import nip_as_printed
from karier.rules.angka_kredit import KOEFISIEN_TAHUNAN, PERSENTASE_PREDIKAT
from karier.rules.labels import Jenjang, Predikat, coerce
from karier.standards.documents import PDF, PEMERINTAH, TEMPAT
from karier.standards.documents import tanggal as tanggal_id
from karier.talent.credit.ledger import PersonLedger, credit_text
from karier.talent.models import JenisEntriAk, PenetapanAngkaKredit

__all__ = ["PDF", "content_hash", "pak_content", "pak_pdf"]

_PEJABAT_DEFAULT = "Kepala Badan Kepegawaian Daerah"


def _ringkas(value: Decimal) -> str:
    """As people write a percentage or coefficient: 12,5 and 100, not 12,50 or 1E+2."""
    return angka(value.normalize())


def content_hash(konten: dict[str, Any]) -> str:
    """SHA-256 of the content in a canonical JSON form (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(konten, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _baris(ledger: PersonLedger) -> list[dict[str, str]]:
    rows = []
    for n, (e, value) in enumerate(zip(ledger.entries, ledger.values, strict=True), start=1):
        row = {
            "no": str(n),
            "jenis": e.jenis,
            "tahun": str(e.tahun),
            "uraian": "",
            "predikat": "",
            "persentase": "",
            "koefisien": "",
            "bulan": "",
            "ak": credit_text(value),
        }
        if e.jenis == JenisEntriAk.PREDIKAT and e.predikat:
            p, j = coerce(Predikat, e.predikat), coerce(Jenjang, e.jenjang)
            row.update(
                uraian=f"AK dari predikat kinerja tahun {e.tahun} ({e.jenjang})",
                predikat=e.predikat,
                persentase=f"{_ringkas(PERSENTASE_PREDIKAT[p])}%",
                koefisien=_ringkas(KOEFISIEN_TAHUNAN[j]),
                bulan=str(e.bulan),
            )
        elif e.jenis == JenisEntriAk.KONVERSI:
            row["uraian"] = f"AK dasar/konversi ({e.keterangan})" if e.keterangan else "AK dasar/konversi"
        elif e.jenis == JenisEntriAk.IMPOR:
            row["uraian"] = "AK riwayat sebelum Karier" + (f" ({e.keterangan})" if e.keterangan else "")
        else:
            row["uraian"] = e.keterangan or "Digunakan untuk kenaikan pangkat/jenjang"
        rows.append(row)
    return rows


def kesimpulan(ledger: PersonLedger) -> str:
    step = ledger.next_step
    if step is None:
        return "Telah berada pada pangkat dan jenjang tertinggi jabatan ini."
    jenis = "pangkat" if step.kind == "pangkat" else "jabatan"
    dapat = "Dapat" if ledger.eligible_by_credit else "Belum dapat"
    return f"{dapat} dipertimbangkan untuk kenaikan {jenis} setingkat lebih tinggi."


@in_indonesian
def pak_content(
    *, pegawai: Pegawai, ledger: PersonLedger, tahun: int, nomor: str, tanggal: dt.date, actor: Actor
) -> dict[str, Any]:
    """Everything the PAK says, as strings (reads the official who sets it: one query)."""
    pejabat = (
        Pegawai.objects.select_related("jabatan").filter(pk=actor.pegawai_id).first() if actor.pegawai_id else None
    )
    g = pegawai.golongan
    jab = pegawai.jabatan
    used = [v for e, v in zip(ledger.entries, ledger.values, strict=True) if e.jenis == JenisEntriAk.PENGGUNAAN]
    dasar = sum(
        (v for e, v in zip(ledger.entries, ledger.values, strict=True) if e.jenis != JenisEntriAk.PREDIKAT and v > 0),
        Fraction(0),
    )
    predikat = sum(
        (v for e, v in zip(ledger.entries, ledger.values, strict=True) if e.jenis == JenisEntriAk.PREDIKAT),
        Fraction(0),
    )
    step = ledger.next_step
    lahir = tanggal_id(pegawai.tanggal_lahir) if pegawai.tanggal_lahir else ""
    return {
        "versi": 1,
        "pemerintah": PEMERINTAH,
        "instansi": pegawai.instansi.nama if pegawai.instansi_id else "",
        "opd": pegawai.opd.nama if pegawai.opd is not None else "",
        "nomor": nomor,
        "tahun": str(tahun),
        "periode": f"1 Januari {tahun} s.d. 31 Desember {tahun}",
        "identitas": {
            "nama": pegawai.nama_lengkap,
            "nip": nip_as_printed(pegawai.nip),
            "tempat_tanggal_lahir": ", ".join(x for x in (pegawai.tempat_lahir, lahir) if x),
            "jenis_kelamin": {"L": "Laki-laki", "P": "Perempuan"}.get(pegawai.jenis_kelamin, "-"),
            "pangkat_golongan": f"{g.pangkat} / {g.kode}" if g else "-",
            "tmt_golongan": tanggal_id(pegawai.tmt_golongan) if pegawai.tmt_golongan else "-",
            "jabatan": jab.nama if jab else "-",
            "jenjang": ledger.jenjang,
            "tmt_jabatan": tanggal_id(pegawai.tmt_jabatan) if pegawai.tmt_jabatan else "-",
            "unit": pegawai.unit.nama if pegawai.unit is not None else "-",
        },
        "baris": _baris(ledger),
        "ak_dasar": credit_text(dasar),
        "ak_predikat": credit_text(predikat),
        "jumlah": credit_text(ledger.total),
        "digunakan_terakhir": credit_text(-used[-1]) if used else credit_text(0),
        "digunakan_total": credit_text(ledger.used),
        "sisa": credit_text(ledger.held),
        "langkah_berikut": step.kind if step else "",
        "golongan_berikut": step.golongan if step else "",
        "jenjang_berikut": step.jenjang.value if step else "",
        "kebutuhan_berikut": credit_text(step.need) if step else "-",
        "kekurangan_berikut": credit_text(ledger.shortfall),
        "kebutuhan_jenjang": credit_text(ledger.jenjang_need),
        "kekurangan_jenjang": credit_text(ledger.jenjang_shortfall),
        "kesimpulan": kesimpulan(ledger),
        "tempat": TEMPAT,
        "tanggal": tanggal_id(tanggal),
        "pejabat": {
            "nama": pejabat.nama_lengkap if pejabat else "",
            "nip": nip_as_printed(pejabat.nip) if pejabat else "",
            "jabatan": (pejabat.jabatan.nama if pejabat and pejabat.jabatan else _PEJABAT_DEFAULT),
        },
    }


@in_indonesian
def pak_pdf(pak: PenetapanAngkaKredit) -> bytes:
    """A4 PDF (WeasyPrint) from the stored content only, with the stored hash printed on it."""
    from weasyprint import HTML

    html = render_to_string("talent/credit/pdf/pak.html", {"k": pak.konten, "hash": pak.hash})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def pak_filename(pak: PenetapanAngkaKredit) -> str:
    nip = str(pak.konten.get("identitas", {}).get("nip", "")).replace(" ", "")
    return f"PAK-{nip or pak.pegawai_id}-{pak.tahun}"
