"""Build the standards demo on top of the people demo: RPJMD 2021–2026 with its IKU, a Renstra and a
signed Perjanjian Kinerja 2026 for every agency, and a standard for every position.

The plan-level data (one RPJMD, a few rows per agency) go through the services as Karier itself
(`SYSTEM`), so they are validated and audited like any other write. Position standards are
set-based: chunks of positions, three bulk inserts per chunk, whatever the number of positions
(30,000 in a 100,000-employee demo).
Idempotent: what exists is kept (`reset=True` removes the demo standards first). Deterministic: no
randomness; the same organisation gives the same standards.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from karier.people.access import SYSTEM
from karier.people.choices import JenisJabatan
from karier.people.models import Instansi, Jabatan, UnitKerja
from karier.people.refdata import PEMPROV_BENGKULU_KODE
from karier.standards.choices import Perspektif
from karier.standards.demo.catalog import jabatan as cj
from karier.standards.demo.catalog import perilaku as cp
from karier.standards.demo.catalog import renstra as cr
from karier.standards.demo.catalog import rpjmd as crp
from karier.standards.demo.catalog import series as cs
from karier.standards.models import (
    Indikator,
    NilaiBerakhlak,
    PerjanjianKinerja,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
)
from karier.standards.services import indikator as indikator_services
from karier.standards.services import perjanjian as perjanjian_services
from karier.standards.services import renstra as renstra_services
from karier.standards.services import rpjmd as rpjmd_services
from karier.standards.services import standar as standar_services

CHUNK = 2000


class SeedError(Exception):
    pass


@dataclass
class SeedResult:
    rpjmd: int = 0
    iku: int = 0
    renstra: int = 0
    indikator_opd: int = 0
    perjanjian: int = 0
    standar: int = 0
    hasil: int = 0
    perilaku: int = 0
    detik: float = 0.0
    dihapus: dict[str, int] = field(default_factory=dict)


Progress = Callable[[str], None] | None


def _instansi() -> Instansi:
    inst = Instansi.objects.filter(kode=PEMPROV_BENGKULU_KODE).first()
    if inst is None:
        raise SeedError(
            "Instansi Pemerintah Provinsi Bengkulu belum ada: jalankan `karier load-refdata` dan "
            "`karier seed_demo` lebih dahulu."
        )
    return inst


# ---------------------------------------------------------------------------- reset
def reset_standards(inst: Instansi) -> dict[str, int]:
    """Remove the standards of the province (agreements, Renstra, RPJMD, position standards)."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["perjanjian"] = PerjanjianKinerja.objects.filter(opd__instansi=inst).delete()[0]
        counts["indikator_opd"] = Indikator.objects.filter(sasaran_renstra__renstra__opd__instansi=inst).delete()[0]
        counts["renstra"] = Renstra.objects.filter(opd__instansi=inst).delete()[0]
        rpjmd = Rpjmd.objects.filter(instansi=inst)
        Indikator.objects.filter(induk__sasaran__tujuan__misi__rpjmd__in=rpjmd).update(induk=None)
        counts["rpjmd"] = rpjmd.delete()[0]
        ids = list(StandarJabatan.objects.filter(jabatan__unit__instansi=inst).values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            StandarJabatan.objects.filter(pk__in=ids[start : start + CHUNK]).delete()
        counts["standar"] = len(ids)
    return counts


# ---------------------------------------------------------------------------- RPJMD
def _nilai(indikator: Indikator, spec: crp.IndikatorSpec) -> None:
    for n in spec.nilai:
        indikator_services.nilai_indikator_set(
            actor=SYSTEM,
            indikator=indikator,
            tahun=n.tahun,
            target=n.target,
            realisasi=n.realisasi,
            metode=n.metode,
            sumber=n.sumber,
        )


def _indikator(
    spec: crp.IndikatorSpec,
    *,
    sasaran: SasaranStrategis | None = None,
    sasaran_renstra: SasaranRenstra | None = None,
    induk: Indikator | None = None,
) -> Indikator:
    i = indikator_services.indikator_create(
        actor=SYSTEM,
        sasaran=sasaran,
        sasaran_renstra=sasaran_renstra,
        induk=induk,
        kode=spec.kode,
        nama=spec.nama,
        satuan=spec.satuan,
        arah=spec.arah,
        baseline=spec.baseline,
        baseline_tahun=spec.baseline_tahun,
        catatan_metode=spec.catatan_metode,
        penjelasan=spec.penjelasan,
        contoh=spec.contoh,
    )
    _nilai(i, spec)
    return i


@transaction.atomic
def seed_rpjmd(inst: Instansi, result: SeedResult) -> Rpjmd:
    existing = Rpjmd.objects.filter(instansi=inst, tahun_mulai=cs.TAHUN_MULAI).first()
    if existing is not None:
        return existing
    rpjmd = rpjmd_services.rpjmd_create(
        actor=SYSTEM,
        instansi=inst,
        tahun_mulai=cs.TAHUN_MULAI,
        tahun_selesai=cs.TAHUN_SELESAI,
        visi=crp.VISI,
        dasar_hukum=crp.DASAR_HUKUM,
    )
    result.rpjmd += 1
    for m_no, m in enumerate(crp.MISI, start=1):
        misi = rpjmd_services.misi_create(actor=SYSTEM, rpjmd=rpjmd, nomor=m_no, teks=m.teks)
        for t_no, t in enumerate(m.tujuan, start=1):
            tujuan = rpjmd_services.tujuan_create(actor=SYSTEM, misi=misi, nomor=t_no, teks=t.teks)
            for s_no, s in enumerate(t.sasaran, start=1):
                sasaran = rpjmd_services.sasaran_create(
                    actor=SYSTEM, tujuan=tujuan, nomor=s_no, teks=s.teks, penjelasan=s.penjelasan, contoh=s.contoh
                )
                for spec in s.indikator:
                    _indikator(spec, sasaran=sasaran)
                    result.iku += 1
    return rpjmd


def _province_keys(rpjmd: Rpjmd) -> tuple[dict[str, SasaranStrategis], dict[str, Indikator]]:
    """Province sasaran and IKU of the demo RPJMD by catalogue key (matched on their texts)."""
    by_text = {s.teks: s for s in SasaranStrategis.objects.filter(tujuan__misi__rpjmd=rpjmd)}
    by_kode = {i.kode: i for i in Indikator.objects.filter(sasaran__tujuan__misi__rpjmd=rpjmd)}
    sasaran: dict[str, SasaranStrategis] = {}
    iku: dict[str, Indikator] = {}
    for m in crp.MISI:
        for t in m.tujuan:
            for s in t.sasaran:
                if s.teks in by_text:
                    sasaran[s.key] = by_text[s.teks]
                for spec in s.indikator:
                    if spec.kode in by_kode:
                        iku[spec.key] = by_kode[spec.kode]
    return sasaran, iku


# ---------------------------------------------------------------------------- Renstra and PK
def _opds(inst: Instansi) -> list[UnitKerja]:
    return list(UnitKerja.objects.filter(instansi=inst, parent__isnull=True, aktif=True).order_by("path", "id"))


@transaction.atomic
def seed_renstra(inst: Instansi, rpjmd: Rpjmd, result: SeedResult, progress: Progress = None) -> None:
    sasaran_keys, iku = _province_keys(rpjmd)
    have = set(Renstra.objects.filter(rpjmd=rpjmd).values_list("opd_id", flat=True))
    for opd in _opds(inst):
        if opd.pk in have:
            continue
        renstra = renstra_services.renstra_create(actor=SYSTEM, opd=opd, rpjmd=rpjmd)
        result.renstra += 1
        for no, spec in enumerate(cr.renstra_for(opd.nama), start=1):
            link = sasaran_keys.get(spec.sasaran_rpjmd) or next(iter(sasaran_keys.values()))
            s = renstra_services.sasaran_renstra_create(
                actor=SYSTEM,
                renstra=renstra,
                sasaran_rpjmd=link,
                nomor=no,
                teks=spec.teks,
                penjelasan=spec.penjelasan,
                contoh=spec.contoh,
            )
            for ispec in spec.indikator:
                _indikator(ispec, sasaran_renstra=s, induk=iku.get(ispec.induk or ""))
                result.indikator_opd += 1
    if progress:
        progress(f"Renstra: {result.renstra} perangkat daerah")


def _target(indikator: Indikator, tahun: int) -> Decimal | None:
    for v in indikator.nilai.all():
        if v.tahun == tahun:
            return v.target
    return None


@transaction.atomic
def seed_perjanjian(inst: Instansi, rpjmd: Rpjmd, result: SeedResult) -> None:
    have = set(PerjanjianKinerja.objects.filter(opd__instansi=inst, tahun=cs.PK_TAHUN).values_list("opd_id", flat=True))
    perspektif = [Perspektif.PENERIMA_LAYANAN, Perspektif.PROSES_BISNIS, Perspektif.PENGUATAN_INTERNAL]
    for opd in _opds(inst):
        if opd.pk in have:
            continue
        indikator = list(
            Indikator.objects.filter(sasaran_renstra__renstra__opd=opd, sasaran_renstra__renstra__rpjmd=rpjmd)
            .select_related("sasaran_renstra")
            .prefetch_related("nilai")
            .order_by("kode", "id")
        )
        if not indikator:
            continue
        pk = perjanjian_services.perjanjian_create(actor=SYSTEM, opd=opd, tahun=cs.PK_TAHUN)
        for n, i in enumerate(indikator):
            target = _target(i, cs.PK_TAHUN)
            perjanjian_services.perjanjian_baris_add(
                actor=SYSTEM,
                perjanjian=pk,
                sasaran=i.sasaran_renstra,
                indikator=i,
                target=target,
                target_kualitatif="" if target is not None else i.nama,
                perspektif=perspektif[n % len(perspektif)],
            )
        perjanjian_services.perjanjian_sign(actor=SYSTEM, perjanjian=pk, tanggal=cs.PK_DITANDATANGANI)
        result.perjanjian += 1


# ---------------------------------------------------------------------------- position standards
_MANAGERIAL = set(JenisJabatan.managerial())
_JPT = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}


def _match(nama: str, table: dict[str, list[cj.Hasil]], default: list[cj.Hasil]) -> tuple[str, list[cj.Hasil]]:
    for key in sorted(table, key=len, reverse=True):
        if nama.startswith(key):
            return key, table[key]
    return "", default


def template_for(jenis: str, nama: str, opd_nama: str) -> tuple[str, list[cj.Hasil], str]:
    """(template key, expected results, behaviour profile) for a position."""
    if jenis in _JPT:
        rows, key = cj.jpt(opd_nama), f"jpt:{'dik' if 'Pendidikan' in opd_nama else ''}"
    elif jenis == JenisJabatan.ADMINISTRATOR:
        rows, key = list(cj.ADMINISTRATOR), "adm"
    elif jenis == JenisJabatan.PENGAWAS:
        rows, key = list(cj.PENGAWAS), "pgw"
    elif jenis == JenisJabatan.FUNGSIONAL:
        fam, base = _match(nama, cj.FUNGSIONAL, cj.FUNGSIONAL_DEFAULT)
        rows, key = list(base), f"jf:{fam}"
    else:
        fam, base = _match(nama, cj.PELAKSANA, cj.PELAKSANA_DEFAULT)
        rows, key = list(base), f"pl:{fam}"
    rows += [cj.KOMPETENSI_DIRI, cj.LAPORAN_TEPAT_WAKTU]
    if jenis in _MANAGERIAL:
        rows.append(cj.TANPA_TEMUAN)
    profile = (
        "MANAJERIAL" if jenis in _MANAGERIAL else ("FUNGSIONAL" if jenis == JenisJabatan.FUNGSIONAL else "PELAKSANA")
    )
    return key, rows, profile


def _validated(rows: list[cj.Hasil]) -> list[dict[str, Any]]:
    """Each template row checked once by the same rule the services use (validation.validate_target)."""
    out = []
    for n, h in enumerate(rows, start=1):
        out.append(
            standar_services.standar_hasil_clean(
                {
                    "urutan": n,
                    "dimensi": h.dimensi,
                    "rhk": h.rhk,
                    "aspek": h.aspek,
                    "indikator": h.indikator,
                    "target_angka": h.target,
                    "satuan": h.satuan,
                    "target_kualitatif": h.target_kualitatif,
                    "penjelasan": h.penjelasan,
                    "contoh": h.contoh,
                    "indikator_opd": None,
                }
            )
            | {"_link": h.link}
        )
    return out


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def seed_position_standards(inst: Instansi, rpjmd: Rpjmd | None, result: SeedResult, progress: Progress = None) -> None:
    """A standard for every active position of the province that has none, in bulk."""
    known = set(NilaiBerakhlak.objects.values_list("kode", flat=True))
    opd_nama: dict[int | None, str] = dict(
        UnitKerja.objects.filter(instansi=inst, parent__isnull=True).values_list("pk", "nama")
    )
    # The agency's first indicator of its Renstra: what managerial and linked rows support (cascade).
    first_indikator: dict[int | None, int] = {}
    if rpjmd is not None:
        for opd_id, ind_id in (
            Indikator.objects.filter(sasaran_renstra__renstra__rpjmd=rpjmd)
            .order_by("sasaran_renstra__renstra__opd_id", "kode", "id")
            .values_list("sasaran_renstra__renstra__opd_id", "pk")
        ):
            first_indikator.setdefault(opd_id, ind_id)
    todo = list(
        Jabatan.objects.filter(unit__instansi=inst, aktif=True)
        .exclude(Exists(StandarJabatan.objects.filter(jabatan=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cache: dict[str, tuple[list[dict[str, Any]], str]] = {}
    for chunk in _chunks(todo):
        rows = list(
            Jabatan.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", "jenis", "nama", "unit__opd_id", "unit__nama")
        )
        plans: dict[int, tuple[list[dict[str, Any]], str, int | None]] = {}
        headers: list[StandarJabatan] = []
        for pk, jenis, nama, opd_id, unit_nama in rows:
            agency = opd_nama.get(opd_id, "")
            key, hasil, profile = template_for(jenis, nama, agency)
            if key not in cache:
                cache[key] = (_validated(hasil), profile)
            clean, profile = cache[key]
            plans[pk] = (clean, profile, first_indikator.get(opd_id))
            headers.append(
                StandarJabatan(
                    jabatan_id=pk,
                    ringkasan=f"{nama} di {unit_nama}: hasil yang diharapkan dan perilaku kerja.",
                    penjelasan="Standar ini menjadi titik awal SKP Anda: hasil kerja bawaan dapat disesuaikan bersama "
                    "atasan dalam dialog kinerja.",
                    contoh='Saat menyusun SKP, pilih "isi dari standar jabatan" lalu sesuaikan targetnya.',
                )
            )
        with transaction.atomic():
            StandarJabatan.objects.bulk_create(headers, batch_size=CHUNK)
            ids = dict(StandarJabatan.objects.filter(jabatan_id__in=chunk).values_list("jabatan_id", "pk"))
            hasil_objs = [
                StandarHasil(
                    standar_id=ids[pk],
                    indikator_opd_id=link if row["_link"] else None,
                    **{k: v for k, v in row.items() if k not in {"_link", "indikator_opd"}},
                )
                for pk, (clean, _profile, link) in plans.items()
                for row in clean
            ]
            perilaku_objs = [
                StandarPerilaku(standar_id=ids[pk], nilai_id=kode, ekspektasi=e, penjelasan=p, contoh=x)
                for pk, (_clean, profile, _link) in plans.items()
                for kode, (e, p, x) in cp.PERILAKU[profile].items()
                if kode in known
            ]
            StandarHasil.objects.bulk_create(hasil_objs, batch_size=CHUNK)
            StandarPerilaku.objects.bulk_create(perilaku_objs, batch_size=CHUNK)
        result.standar += len(headers)
        result.hasil += len(hasil_objs)
        result.perilaku += len(perilaku_objs)
        if progress:
            progress(f"standar jabatan: {result.standar}/{len(todo)}")


# ---------------------------------------------------------------------------- all
def seed_standards(*, reset: bool = False, progress: Progress = None) -> SeedResult:
    started = time.monotonic()
    inst = _instansi()
    result = SeedResult()
    if reset:
        result.dihapus = reset_standards(inst)
    if not NilaiBerakhlak.objects.exists():
        raise SeedError("Nilai BerAKHLAK belum dimuat: jalankan `karier migrate`.")
    rpjmd = seed_rpjmd(inst, result)
    seed_renstra(inst, rpjmd, result, progress)
    seed_perjanjian(inst, rpjmd, result)
    seed_position_standards(inst, rpjmd, result, progress)
    result.detik = time.monotonic() - started
    return result


__all__ = ["SeedError", "SeedResult", "reset_standards", "seed_standards", "template_for"]
