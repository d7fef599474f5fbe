"""Competency data for the Bengkulu demo (`karier seed-competency-demo`), so that the profile, the
needs and the training-needs analysis have something to show on the first run.

Three technical competencies of Diskominfo's programmes (data, information security, digital public
services) required of its positions; assessment-centre results for a realistic share of people (about
four in ten, levels around their position's requirement, so some fall short); and the JPM of each
person assessed. Set-based: a fixed number of reads, bulk inserts, one audit event — 2,000 people in a
few seconds. Idempotent: people who already have an assessment are skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from karier.core import audit
from karier.development.competency.selectors import required_for_jabatan
from karier.development.models import (
    JenisKompetensi,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    SkorPotensi,
    StandarKompetensiJabatan,
    SumberPenilaian,
)
from karier.people.access import SYSTEM, Actor
from karier.people.models import Jabatan, Pegawai
from karier.rules import job_person_match

ASESOR = "UPT Penilaian Kompetensi BKD Provinsi Bengkulu"
SHARE = 0.4
TEKNIS = (
    (
        "T.TIK.1",
        "Literasi dan Pengelolaan Data",
        {
            1: "Membaca tabel dan grafik sederhana.",
            2: "Mengolah data dengan lembar kerja.",
            3: "Menyusun analisis data untuk keputusan unit.",
            4: "Merancang tata kelola data instansi.",
            5: "Menetapkan kebijakan data daerah.",
        },
    ),
    (
        "T.TIK.2",
        "Keamanan Informasi",
        {
            1: "Mengenali surel phishing dan menjaga kata sandi.",
            2: "Menerapkan prosedur keamanan di unit.",
            3: "Mengelola insiden keamanan informasi.",
            4: "Menyusun kebijakan keamanan instansi.",
            5: "Memimpin keamanan siber pemerintah daerah.",
        },
    ),
    (
        "T.TIK.3",
        "Layanan Publik Digital",
        {
            1: "Memakai aplikasi layanan daring.",
            2: "Membantu warga memakai layanan daring.",
            3: "Merancang alur layanan daring unit.",
            4: "Mengintegrasikan layanan antar perangkat daerah.",
            5: "Menetapkan arsitektur layanan digital daerah.",
        },
    ),
)


def _teknis() -> list[Kompetensi]:
    out = []
    for kode, nama, levels in TEKNIS:
        k, _created = Kompetensi.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "jenis": JenisKompetensi.TEKNIS, "urutan": 100}
        )
        for level, text in levels.items():
            LevelKompetensi.objects.get_or_create(kompetensi=k, level=level, defaults={"deskripsi": text})
        out.append(k)
    return out


def seed(*, actor: Actor = SYSTEM, seed: int = 1, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        teknis = _teknis()
        kominfo = list(
            Jabatan.objects.filter(aktif=True, unit__opd__nama__icontains="komunikasi").values_list("pk", flat=True)
        )
        have = set(
            StandarKompetensiJabatan.objects.filter(jabatan_id__in=kominfo).values_list("jabatan_id", "kompetensi_id")
        )
        StandarKompetensiJabatan.objects.bulk_create(
            [
                StandarKompetensiJabatan(jabatan_id=j, kompetensi=k, level=2 + (i % 2))
                for j in kominfo
                for i, k in enumerate(teknis)
                if (j, k.pk) not in have
            ]
        )
        people = list(
            Pegawai.objects.filter(aktif=True, jabatan__isnull=False)
            .order_by("pk")
            .values_list("pk", "jabatan_id", "jabatan__jenis", "jabatan__jenjang")
        )
        # The same people on every run (the draw covers everyone); those already assessed are skipped.
        assessed = set(PenilaianKompetensi.objects.values_list("pegawai_id", flat=True).distinct())
        chosen = [p for p in people if rng.random() < SHARE and p[0] not in assessed]
        required = required_for_jabatan({(j, jenis, jenjang or "") for _pk, j, jenis, jenjang in chosen})
        codes = dict(Kompetensi.objects.values_list("pk", "kode"))
        rows: list[PenilaianKompetensi] = []
        scores: list[SkorPotensi] = []
        for pk, jabatan_id, _jenis, _jenjang in chosen:
            need = required.get(jabatan_id, {})
            if not need:
                continue
            when = today - dt.timedelta(days=rng.randint(30, 700))
            levels = {k: max(1, min(5, lvl + rng.choice((-2, -1, -1, 0, 0, 0, 1)))) for k, lvl in need.items()}
            rows += [
                PenilaianKompetensi(
                    pegawai_id=pk,
                    kompetensi_id=k,
                    level=lvl,
                    tanggal=when,
                    sumber=SumberPenilaian.ASSESSMENT_CENTER,
                    asesor=ASESOR,
                )
                for k, lvl in levels.items()
            ]
            jpm = job_person_match({codes[k]: v for k, v in levels.items()}, {codes[k]: v for k, v in need.items()})
            scores.append(
                SkorPotensi(
                    pegawai_id=pk,
                    tanggal=when,
                    jpm=jpm,
                    sumber=SumberPenilaian.ASSESSMENT_CENTER,
                    komponen={codes[k]: [levels[k], v] for k, v in need.items()},
                )
            )
        PenilaianKompetensi.objects.bulk_create(rows, batch_size=5000)
        SkorPotensi.objects.bulk_create(scores, batch_size=5000)
        result = {
            "pegawai": len(scores),
            "penilaian": len(rows),
            "standar_teknis": len(kominfo) * len(teknis) - len(have),
        }
        anchor: Any = teknis[0]
        audit.record(
            actor=actor,
            action="kompetensi.demo",
            obj=anchor,
            summary=f"Data demo kompetensi: {len(scores)} pegawai dinilai, {len(rows)} penilaian",
            changes={k: [None, v] for k, v in result.items()},
        )
    return result
