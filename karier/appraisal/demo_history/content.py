"""The signed snapshot content of many evaluations at once (for the demo's past years).

`karier.appraisal.evaluation.document_content.evaluasi_content` builds what one evaluation document
states in about ten queries; signing a whole province's past years that way would be a few hundred
thousand queries. `contents` builds the same JSON for a chunk of evaluations in a fixed number of
queries (evaluations with their people, unit results, realisations, feedback, plan rows with their
indicators, behaviour expectations, BerAKHLAK values). The test suite compares it with
`evaluasi_content` for every evaluation it makes, so the two cannot drift apart unnoticed.

An evaluation without a superior's signature whose appraiser has a superior post (none in what
`seed` writes, where the superior is resolved once for everybody) falls back to `evaluasi_content`,
which looks the holder up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from karier.appraisal.evaluation.document_content import (
    _iso,
    _local,
    _orang_dict,
    _orang_of,
    evaluasi_content,
    periode_label,
)
from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit, Realisasi, UmpanBalik
from karier.core.official import in_indonesian
from karier.plans.choices import JenisHasil
from karier.plans.documents import TEMPAT, Orang, periode, tanggal, target_text
from karier.plans.models import EkspektasiPerilaku, RencanaHasilKerja
from karier.standards.models import NilaiBerakhlak


@in_indonesian
def contents(ev_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{evaluation id: what its document states}, as `evaluasi_content` gives it, for all at once."""
    evs = list(
        Evaluasi.objects.filter(pk__in=list(ev_ids))
        .select_related(
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
        .order_by("pk")
    )
    if not evs:
        return {}
    ids = [e.pk for e in evs]
    skp_ids = sorted({e.skp_id for e in evs})
    org = {
        (u, p): v
        for u, p, v in PredikatOrganisasiUnit.objects.filter(
            periode_id__in={e.periode_id for e in evs}, unit_id__in={e.unit_id for e in evs}
        ).values_list("unit_id", "periode_id", "predikat")
    }
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for real in Realisasi.objects.filter(evaluasi_id__in=ids):
        realisasi[real.evaluasi_id][real.iki_id] = real
    feedback: dict[tuple[int, int], list[str]] = defaultdict(list)
    for ev_id, rhk_id, teks in (
        UmpanBalik.objects.filter(evaluasi_id__in=ids)
        .order_by("dibuat_pada")
        .values_list("evaluasi_id", "rhk_id", "teks")
    ):
        feedback[(ev_id, rhk_id)].append(teks)
    rhk_by_skp: dict[int, list[RencanaHasilKerja]] = defaultdict(list)
    for r in (
        RencanaHasilKerja.objects.filter(skp_id__in=skp_ids)
        .prefetch_related("iki")
        .order_by("skp_id", "jenis", "urutan", "id")
    ):
        rhk_by_skp[r.skp_id].append(r)
    expectations: dict[int, dict[str, str]] = defaultdict(dict)
    for skp_id, nilai_id, teks in EkspektasiPerilaku.objects.filter(skp_id__in=skp_ids).values_list(
        "skp_id", "nilai_id", "ekspektasi_khusus"
    ):
        expectations[skp_id][nilai_id] = teks
    nilai = list(NilaiBerakhlak.objects.prefetch_related("panduan").order_by("urutan"))
    panduan = {n.pk: [p.teks for p in n.panduan.all()] for n in nilai}

    out: dict[int, dict[str, Any]] = {}
    for ev in evs:
        if ev.ditandatangani_atasan_oleh_id is None and ev.penilai_jabatan_id:
            out[ev.pk] = evaluasi_content(ev.pk)  # the holder of the superior post is looked up there
            continue
        out[ev.pk] = _content(ev, org, realisasi[ev.pk], feedback, rhk_by_skp[ev.skp_id], expectations, nilai, panduan)
    return out


def _content(
    ev: Evaluasi,
    org: dict[tuple[int, int], str],
    realisasi: dict[int, Realisasi],
    feedback: dict[tuple[int, int], list[str]],
    rhk: list[RencanaHasilKerja],
    expectations: dict[int, dict[str, str]],
    nilai: list[NilaiBerakhlak],
    panduan: dict[str, list[str]],
) -> dict[str, Any]:
    """One evaluation's content: the same shape, keys and values as `evaluasi_content`."""

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
                "umpan_balik": list(feedback.get((ev.pk, r.pk), [])),
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
    expected = expectations.get(ev.skp_id, {})
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
        "atasan": _orang_dict(_orang_of(ev.ditandatangani_atasan_oleh)),
        "periode_label": periode_label(ev.periode),
        "periode": periode(
            max(ev.periode.mulai, ev.skp.periode_mulai), min(ev.periode.selesai, ev.skp.periode_selesai)
        ),
        "tahun": ev.periode.tahun_id,
        "predikat_organisasi": org.get((ev.unit_id, ev.periode_id)) or "",
        "utama": sections["utama"],
        "tambahan": sections["tambahan"],
        "rencana": rencana,
        "perilaku": [
            {"no": n.urutan, "nilai": n.nama, "panduan": list(panduan[n.pk]), "ekspektasi": expected.get(n.pk, "")}
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
