"""Benchmark the cascade tree and the coverage figures for the whole province (issue #4 part 5).

    .venv/bin/python bench/cascade.py                                   # 50,000 employees, temporary SQLite
    .venv/bin/python bench/cascade.py --database-url postgres://karier:karier@127.0.0.1:54330/bench_skp

Reuses (or builds) the dataset of bench/skp_bulk.py, creates the year's plans with
`skp_bulk_create` if there are none, then once per database adds a cascade: an RPJMD with 5 misi ×
2 tujuan × 2 sasaran × 2 IKU, a Renstra with 3 indicators and a Perjanjian Kinerja for every agency,
JPT RHK taken from the PK rows, and every other plan's RHK linked to its appraiser's first RHK
(one plan in ten left unlinked, so the gap lists are not empty); 60% of plans approved.
Then renders each screen through the Django test client as a BKD admin and prints the median of
five renders (after one warm-up) in milliseconds, and the number of queries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import peak_mb
from skp_bulk import TAHUN, ensure_dataset, setup_django

RUNS = 5


def ensure_plans() -> float:
    from karier.people.access import SYSTEM
    from karier.plans.bulk import skp_bulk_create
    from karier.plans.models import Skp

    if Skp.objects.filter(tahun_id=TAHUN).exists():
        return 0.0
    t = time.perf_counter()
    skp_bulk_create(actor=SYSTEM, tahun=TAHUN)
    return time.perf_counter() - t


def ensure_cascade() -> float:
    """Vision → … → IKU, agency indicators and PK, and the RHK links (bench setup, not timed)."""
    from django.db import connection, transaction

    from karier.people.choices import JenisJabatan
    from karier.people.models import UnitKerja
    from karier.plans.choices import StatusSkp
    from karier.plans.models import RencanaHasilKerja, Skp
    from karier.standards.models import (
        Indikator,
        Misi,
        PerjanjianKinerja,
        PerjanjianKinerjaRow,
        Renstra,
        Rpjmd,
        SasaranRenstra,
        SasaranStrategis,
        Tujuan,
    )

    linked = RencanaHasilKerja.objects.filter(skp__tahun_id=TAHUN, rhk_atasan__isnull=False).exists()
    if linked and Rpjmd.objects.filter(visi__startswith="[bench]").exists():
        return 0.0
    t = time.perf_counter()
    with transaction.atomic():
        opds = list(UnitKerja.objects.filter(parent__isnull=True).order_by("id"))
        if not opds:
            raise SystemExit("Tidak ada perangkat daerah: jalankan seed_demo lebih dahulu.")
        # Start afresh (the plans may have been re-created by bench/skp_bulk.py).
        PerjanjianKinerja.objects.filter(tahun=TAHUN, opd__in=opds).delete()
        Renstra.objects.filter(rpjmd__visi__startswith="[bench]").delete()
        Indikator.objects.filter(sasaran__tujuan__misi__rpjmd__visi__startswith="[bench]").delete()
        Rpjmd.objects.filter(visi__startswith="[bench]").delete()
        rp = Rpjmd.objects.create(
            instansi=opds[0].instansi,
            tahun_mulai=2025,
            tahun_selesai=2029,
            visi="[bench] Bengkulu maju, sejahtera dan berdaya saing",
        )
        iku: list[Indikator] = []
        sasaran: list[SasaranStrategis] = []
        for m in range(1, 6):
            misi = Misi.objects.create(rpjmd=rp, nomor=m, teks=f"Misi {m}")
            for tj in range(1, 3):
                tujuan = Tujuan.objects.create(misi=misi, nomor=tj, teks=f"Tujuan {m}.{tj}")
                for s in range(1, 3):
                    ss = SasaranStrategis.objects.create(tujuan=tujuan, nomor=s, teks=f"Sasaran {m}.{tj}.{s}")
                    sasaran.append(ss)
                    for k in range(1, 3):
                        iku.append(
                            Indikator.objects.create(
                                sasaran=ss,
                                kode=f"IKU-{m}.{tj}.{s}.{k}",
                                nama=f"Indikator utama {m}.{tj}.{s}.{k}",
                                satuan="%",
                            )
                        )
        first_row: dict[int, int] = {}
        second_ind: dict[int, int] = {}
        for n, opd in enumerate(opds):
            ren = Renstra.objects.create(opd=opd, rpjmd=rp, tahun_mulai=2025, tahun_selesai=2029)
            ss = sasaran[n % len(sasaran)]
            sr = SasaranRenstra.objects.create(renstra=ren, sasaran_rpjmd=ss, nomor=1, teks=f"Sasaran {opd.nama}")
            pk = PerjanjianKinerja.objects.create(opd=opd, tahun=TAHUN)
            for k in range(3):
                ind = Indikator.objects.create(
                    sasaran_renstra=sr,
                    induk=iku[(2 * n + k) % len(iku)],
                    kode=f"OPD{opd.pk}-{k + 1}",
                    nama=f"Indikator {opd.nama} {k + 1}",
                    satuan="%",
                )
                row = PerjanjianKinerjaRow.objects.create(
                    perjanjian=pk, urutan=k + 1, sasaran=sr, indikator=ind, target=90
                )
                first_row.setdefault(opd.pk, row.pk)
                if k == 1:
                    second_ind[opd.pk] = ind.pk
        plans = list(
            Skp.objects.filter(tahun_id=TAHUN).values_list(
                "id", "pegawai_id", "penilai_id", "jabatan__jenis", "unit__opd_id"
            )
        )
        skp_of = {pegawai: skp for skp, pegawai, *_ in plans}
        first_rhk = dict(RencanaHasilKerja.objects.filter(skp__tahun_id=TAHUN, urutan=1).values_list("skp_id", "id"))
        jpt = {JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}
        links, pk_links = [], []
        for skp, _pegawai, penilai, jenis, opd_id in plans:
            if jenis in jpt:
                if opd_id in first_row:
                    pk_links.append((first_row[opd_id], second_ind[opd_id], skp))
                continue
            parent = first_rhk.get(skp_of.get(penilai, -1)) if penilai else None
            if parent and skp % 10:
                links.append((parent, skp))
        table = RencanaHasilKerja._meta.db_table
        with connection.cursor() as c:
            c.executemany(f"UPDATE {table} SET rhk_atasan_id = %s WHERE skp_id = %s", links)
            c.executemany(
                f"UPDATE {table} SET perjanjian_row_id = %s, perspektif = 'PENERIMA_LAYANAN', "
                f"indikator_opd_id = %s WHERE skp_id = %s AND urutan = 1",
                pk_links,
            )
        approved = [p[0] for p in plans if p[0] % 5 < 3]
        for i in range(0, len(approved), 900):  # SQLite's historic 999-parameter limit
            Skp.objects.filter(id__in=approved[i : i + 900]).update(status=StatusSkp.DISETUJUI)
    return time.perf_counter() - t


def measure(client: Any, url: str) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), len(ctx.captured_queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=50_000)
    parser.add_argument("--database-url", default="", help="use this database (default: a temporary SQLite)")
    args = parser.parse_args()
    tmp = setup_django(args.database_url)
    try:
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.db.models import Count
        from django.test import Client
        from django.test.utils import setup_test_environment

        from karier.plans.models import RencanaHasilKerja
        from karier.standards.models import Indikator, PerjanjianKinerjaRow

        setup_test_environment()  # lets the test client talk to the app ("testserver" host)
        info = ensure_dataset(args.pegawai)
        plans_s = ensure_plans()
        cascade_s = ensure_cascade()
        admin, _ = get_user_model().objects.get_or_create(
            username="bench-admin", defaults={"is_admin_bkd": True, "is_staff": True}
        )
        client = Client()
        client.force_login(admin)
        busiest_rhk = (
            RencanaHasilKerja.objects.filter(rhk_atasan__isnull=False)
            .values("rhk_atasan_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        iku = Indikator.objects.filter(sasaran__isnull=False, turunan__isnull=False).order_by("id").first()
        row = PerjanjianKinerjaRow.objects.filter(perjanjian__tahun=TAHUN).order_by("id").first()
        print(f"database          {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"pegawai aktif     {info['pegawai']:,}; setup: plans {plans_s:.1f} s, cascade {cascade_s:.1f} s")
        print(
            f"RHK               {RencanaHasilKerja.objects.filter(skp__tahun_id=TAHUN).count():,}; busiest RHK "
            f"has {busiest_rhk['n'] if busiest_rhk else 0:,} subordinate RHK"
        )
        urls = [
            ("cascade root (province)", f"/skp/kaskade/?tahun={TAHUN}"),
            ("coverage + people without plan", f"/skp/cakupan/?tahun={TAHUN}"),
            ("coverage + orphan RHK", f"/skp/cakupan/?tahun={TAHUN}&celah=rhk-yatim"),
            ("coverage + unowned indicators", f"/skp/cakupan/?tahun={TAHUN}&celah=indikator"),
            ("API coverage figures", f"/api/v1/skp/cakupan?tahun={TAHUN}"),
            ("node: IKU children", f"/skp/kaskade/simpul/?tahun={TAHUN}&node=iku:{iku.pk if iku else 1}"),
            ("node: PK row children", f"/skp/kaskade/simpul/?tahun={TAHUN}&node=pk:{row.pk if row else 1}"),
            (
                "node: busiest RHK children",
                f"/skp/kaskade/simpul/?tahun={TAHUN}&node=rhk:{busiest_rhk['rhk_atasan_id'] if busiest_rhk else 1}",
            ),
        ]
        print(f"{'screen':<34}{'median ms':>10}{'queries':>9}{'KB':>8}")
        for label, url in urls:
            ms, queries, size = measure(client, url)
            print(f"{label:<34}{ms:>10.0f}{queries:>9}{size / 1024:>8.0f}")
        print(f"peak memory       {peak_mb():,.0f} MB")
    finally:
        if tmp and not os.environ.get("KARIER_BENCH_DIR"):
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
