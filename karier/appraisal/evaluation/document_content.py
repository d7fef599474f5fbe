"""What the evaluation document shows, as plain JSON: the live content that a signature freezes
(`karier.appraisal.evaluation.snapshots.take`) and that `documents.evaluasi_document` renders while
nobody has signed. Also the form's "PERIODE:" line, shared by the unit's documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from karier.appraisal.calibration import access as ca
from karier.appraisal.choices import JenisPeriode
from karier.appraisal.models import Evaluasi, PeriodePenilaian, PredikatOrganisasiUnit, Realisasi, UmpanBalik
from karier.core.official import in_indonesian
from karier.people.models import Pegawai
from karier.people.selectors import holder_on
from karier.plans.choices import JenisHasil
from karier.plans.documents import TEMPAT, Orang, periode, tanggal, target_text
from karier.plans.models import RencanaHasilKerja
from karier.standards.models import NilaiBerakhlak

ROMAWI = ("I", "II", "III", "IV")


def periode_label(p: PeriodePenilaian) -> str:
    """The form's 'PERIODE:' line: TRIWULAN I…IV, BULAN <NAMA>, or TAHUNAN (IV-AKHIR)."""
    if p.jenis == JenisPeriode.TRIWULAN and 1 <= p.nomor <= 4:
        return f"TRIWULAN {ROMAWI[p.nomor - 1]}"
    if p.jenis == JenisPeriode.TAHUNAN:
        return "AKHIR (TAHUNAN)"
    return p.nama.upper()


def _local(d: dt.datetime | None) -> str:
    return tanggal(timezone.localtime(d).date()) if d else ""


def _orang_of(p: Pegawai | None) -> Orang:
    if p is None:
        return Orang.of(None, "", "")
    return Orang.of(p, p.jabatan.nama if p.jabatan else "", p.unit.nama if p.unit else "")


def _orang_dict(o: Orang) -> dict[str, str]:
    return {"nama": o.nama, "nip": o.nip, "pangkat": o.pangkat, "jabatan": o.jabatan, "unit": o.unit}


def _iso(d: dt.datetime | None) -> str | None:
    return d.isoformat() if d else None


# What an evaluation's document reads with it, in the same query (one evaluation here, a chunk in
# `karier.appraisal.demo_history.content`).
EVALUASI_RELATED = (
    "periode",
    "skp",
    "pegawai__golongan",
    "jabatan",
    "unit",
    "penilai__golongan",
    "penilai_jabatan__unit",
    "ditandatangani_penilai_oleh__golongan",
    "ditandatangani_atasan_oleh__golongan",
    "ditandatangani_atasan_oleh__jabatan",
    "ditandatangani_atasan_oleh__unit",
)
RHK_ORDER = ("jenis", "urutan", "id")  # the plan's rows as the document lists them


@in_indonesian
def evaluasi_content(ev_id: int) -> dict[str, Any]:
    """Everything the evaluation document shows, live, as plain JSON (what a signature freezes, see
    `karier.appraisal.evaluation.snapshots`), in a fixed number of queries (about ten)."""
    ev = Evaluasi.objects.select_related(*EVALUASI_RELATED).get(pk=ev_id)
    atasan: Pegawai | None = ev.ditandatangani_atasan_oleh
    if atasan is None and ev.penilai_jabatan_id:
        position = ca.atasan_penilai_position(ev)
        holder = holder_on(position, timezone.localdate()) if position else None
        if holder is not None:
            atasan = Pegawai.objects.select_related("golongan", "jabatan", "unit").get(pk=holder.pegawai.pk)
    org = (
        PredikatOrganisasiUnit.objects.filter(unit_id=ev.unit_id, periode_id=ev.periode_id)
        .values_list("predikat", flat=True)
        .first()
    )
    feedback: dict[int, list[str]] = {}
    for ub in UmpanBalik.objects.filter(evaluasi=ev).order_by("dibuat_pada"):
        feedback.setdefault(ub.rhk_id, []).append(ub.teks)
    return content_of(
        ev,
        atasan=atasan,
        predikat_organisasi=org or "",
        realisasi={r.iki_id: r for r in Realisasi.objects.filter(evaluasi=ev)},
        umpan_balik=feedback,
        rhk=list(ev.skp.rhk.prefetch_related("iki").order_by(*RHK_ORDER)),
        ekspektasi=dict(ev.skp.perilaku.values_list("nilai_id", "ekspektasi_khusus")),
        nilai=list(NilaiBerakhlak.objects.prefetch_related("panduan").order_by("urutan")),
    )


def content_of(
    ev: Evaluasi,
    *,
    atasan: Pegawai | None,
    predikat_organisasi: str,
    realisasi: dict[int, Realisasi],
    umpan_balik: dict[int, list[str]],
    rhk: list[RencanaHasilKerja],
    ekspektasi: dict[str, str],
    nilai: list[NilaiBerakhlak],
) -> dict[str, Any]:
    """One evaluation's document from what its caller loaded, without a query of its own: the one way
    the content is built, for one evaluation (`evaluasi_content`) or for a chunk at once (the demo's
    past years). `ev` comes with `EVALUASI_RELATED`; `atasan` is who countersigns (or will);
    `realisasi` by indicator id, `umpan_balik` by plan row id in the order given, `rhk` in `RHK_ORDER`
    with `iki` prefetched, `ekspektasi` by BerAKHLAK value, `nilai` in order with `panduan` prefetched.
    Callers run it in Indonesian (`in_indonesian`)."""

    def realised(iki_id: int) -> str:
        r = realisasi.get(iki_id)
        if r is None:
            return ""
        if r.realisasi_angka is not None:
            return target_text(r.realisasi_angka, "", r.realisasi_uraian)
        return r.realisasi_uraian

    sections: dict[str, list[dict[str, Any]]] = {"utama": [], "tambahan": []}
    rencana = []
    for r in rhk:
        section = sections["utama" if r.jenis == JenisHasil.UTAMA else "tambahan"]
        ikis = list(r.iki.all())
        section.append(
            {
                "no": len(section) + 1,
                "rhk": r.teks,
                "perspektif": r.get_perspektif_display() if r.perspektif else "",
                "iki": [
                    [i.indikator, target_text(i.target_angka, i.satuan, i.target_kualitatif), realised(i.pk)]
                    for i in ikis
                ],
                "umpan_balik": list(umpan_balik.get(r.pk, [])),
            }
        )
        rencana.append(
            {
                "rhk_id": r.pk,
                "jenis": r.jenis,
                "teks": r.teks,
                "iki": [
                    {
                        "iki_id": i.pk,
                        "indikator": i.indikator,
                        "aspek": i.aspek,
                        "target_angka": None if i.target_angka is None else str(i.target_angka),
                        "satuan": i.satuan,
                        "target_kualitatif": i.target_kualitatif,
                        "realisasi_angka": (
                            None
                            if i.pk not in realisasi or realisasi[i.pk].realisasi_angka is None
                            else str(realisasi[i.pk].realisasi_angka)
                        ),
                        "realisasi_uraian": realisasi[i.pk].realisasi_uraian if i.pk in realisasi else "",
                    }
                    for i in ikis
                ],
            }
        )
    penilai_orang = ev.ditandatangani_penilai_oleh or ev.penilai
    signed = ev.final_pada or ev.ditandatangani_penilai_pada
    return {
        "evaluasi_id": ev.pk,
        "skp_id": ev.skp_id,
        "skp_versi": ev.skp.versi,
        "periode_id": ev.periode_id,
        "status": ev.status,
        "pegawai": _orang_dict(Orang.of(ev.pegawai, ev.jabatan.nama, ev.unit.nama)),
        "penilai": _orang_dict(
            Orang.of(
                penilai_orang,
                ev.penilai_jabatan.nama if ev.penilai_jabatan else "",
                ev.penilai_jabatan.unit.nama if ev.penilai_jabatan else "",
            )
        ),
        "atasan": _orang_dict(_orang_of(atasan)),
        "periode_label": periode_label(ev.periode),
        "periode": periode(
            max(ev.periode.mulai, ev.skp.periode_mulai), min(ev.periode.selesai, ev.skp.periode_selesai)
        ),
        "tahun": ev.periode.tahun_id,
        "predikat_organisasi": predikat_organisasi,
        "utama": sections["utama"],
        "tambahan": sections["tambahan"],
        "rencana": rencana,
        "perilaku": [
            {
                "no": n.urutan,
                "nilai": n.nama,
                "panduan": [p.teks for p in n.panduan.all()],
                "ekspektasi": ekspektasi.get(n.pk, ""),
            }
            for n in nilai
        ],
        "nilai": {
            "versi": ev.versi,
            "rating_hasil_kerja": ev.rating_hasil_kerja,
            "alasan_hasil_kerja": ev.alasan_hasil_kerja,
            "rating_perilaku": ev.rating_perilaku,
            "alasan_perilaku": ev.alasan_perilaku,
            "predikat": ev.predikat,
            "predikat_akhir": ev.predikat_akhir,
            "ditandatangani_penilai_oleh_id": ev.ditandatangani_penilai_oleh_id,
            "ditandatangani_atasan_oleh_id": ev.ditandatangani_atasan_oleh_id,
        },
        "tanda_tangan": {
            "penilai_pada": _iso(ev.ditandatangani_penilai_pada),
            "atasan_pada": _iso(ev.ditandatangani_atasan_pada),
            "final_pada": _iso(ev.final_pada),
        },
        "ttd_penilai": _local(ev.ditandatangani_penilai_pada),
        "ttd_atasan": _local(ev.ditandatangani_atasan_pada),
        "tempat_tanggal": f"{TEMPAT}, {_local(signed) if signed else tanggal(timezone.localdate())}",
    }
