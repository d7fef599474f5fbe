"""Every standards page and list runs a fixed number of queries however many rows it shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from karier.people import services as people
from karier.people.access import SYSTEM
from karier.standards.models import Indikator, PerjanjianKinerja, Renstra, Rpjmd, StandarJabatan
from karier.standards.services.indikator import indikator_create, nilai_indikator_set
from karier.standards.services.perjanjian import perjanjian_baris_add, perjanjian_create, perjanjian_reopen
from karier.standards.services.renstra import renstra_create, sasaran_renstra_create
from karier.standards.services.rpjmd import misi_create, sasaran_create, tujuan_create
from karier.standards.services.standar import HasilData, standar_copy, standar_hasil_add

PAGES = [
    "/standar/",
    "/standar/indikator/{ipm}/",
    "/standar/renstra/",
    "/standar/renstra/{renstra}/",
    "/standar/perjanjian/",
    "/standar/perjanjian/{pk}/",
    "/standar/jabatan/",
    "/standar/jabatan/?ada=ya",
    "/standar/jabatan/{kadis}/",
    "/standar/jabatan/{staf1}/terapkan/",
    "/api/v1/rpjmd/{rpjmd}",
    "/api/v1/indikator",
    "/api/v1/indikator/{ipm}",
    "/api/v1/renstra",
    "/api/v1/renstra/{renstra}",
    "/api/v1/perjanjian",
    "/api/v1/perjanjian/{pk}",
    "/api/v1/standar-jabatan",
    "/api/v1/standar-jabatan/{kadis}",
    "/api/v1/standar-jabatan/{staf1}/salin",
]


def _grow(org: Any, n: int) -> None:
    """More of everything each page lists: misi, sasaran, IKU with values, agency indicators, agreement
    rows, positions with standards and results."""
    rpjmd = Rpjmd.objects.get()
    ipm = Indikator.objects.get(kode="IKU-01")
    dik = Renstra.objects.get(opd=org.units["dik"])
    pk = PerjanjianKinerja.objects.get(opd=org.units["dik"])
    kadis = StandarJabatan.objects.get(jabatan=org.jabatan["kadis"])
    staf1 = StandarJabatan.objects.get(jabatan=org.jabatan["staf1"])
    for i in range(n):
        misi = misi_create(actor=SYSTEM, rpjmd=rpjmd, nomor=10 + i, teks=f"Misi {i}")
        tujuan = tujuan_create(actor=SYSTEM, misi=misi, nomor=1, teks=f"Tujuan {i}")
        sasaran = sasaran_create(actor=SYSTEM, tujuan=tujuan, nomor=1, teks=f"Sasaran {i}")
        iku = indikator_create(actor=SYSTEM, sasaran=sasaran, nama=f"IKU {i}", satuan="%")
        for year in (2022, 2023, 2024):
            nilai_indikator_set(
                actor=SYSTEM,
                indikator=iku,
                tahun=year,
                target=i,
                realisasi=i,
                metode="BPS lama" if year < 2023 else "BPS baru",
            )
        s = sasaran_renstra_create(
            actor=SYSTEM, renstra=dik, sasaran_rpjmd=sasaran, nomor=5 + i, teks=f"Sasaran dinas {i}"
        )
        ind = indikator_create(actor=SYSTEM, sasaran_renstra=s, nama=f"Indikator dinas {i}", satuan="%", induk=ipm)
        nilai_indikator_set(actor=SYSTEM, indikator=ind, tahun=2026, target=i)
        perjanjian_baris_add(actor=SYSTEM, perjanjian=pk, sasaran=s, indikator=ind, target=i)
        standar_hasil_add(
            actor=SYSTEM,
            jabatan=kadis.jabatan,
            data=HasilData(rhk=f"Hasil {i}", indikator="Jumlah", target_angka=i, satuan="buah", dimensi="KOMPETENSI"),
        )
        opd = people.unit_create(actor=SYSTEM, instansi=org.instansi, nama=f"Badan {i}", jenis="OPD")
        renstra_create(actor=SYSTEM, opd=opd, rpjmd=rpjmd)
        perjanjian_create(actor=SYSTEM, opd=opd, tahun=2026)
        twin = people.jabatan_create(
            actor=SYSTEM,
            data=people.JabatanData(
                unit=org.units["dik_b2"], nama=f"Pengolah Data {i}", jenis="PELAKSANA", atasan=org.jabatan["kabid2"]
            ),
        )
        standar_copy(actor=SYSTEM, jabatan=staf1.jabatan, jabatan_ids=[twin.pk])


def _measure(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "kadis", "staf1a"])
def test_query_counts_do_not_grow_with_rows(seeded: Any, who: str) -> None:
    org = seeded
    ids = {
        "ipm": Indikator.objects.get(kode="IKU-01").pk,
        "renstra": Renstra.objects.get(opd=org.units["dik"]).pk,
        "pk": PerjanjianKinerja.objects.get(opd=org.units["dik"]).pk,
        "rpjmd": Rpjmd.objects.get().pk,
        "kadis": org.jabatan["kadis"].pk,
        "staf1": org.jabatan["staf1"].pk,
    }
    # a draft shows its add-row form (one more query than a signed one): same state at both sizes
    perjanjian_reopen(actor=SYSTEM, perjanjian=PerjanjianKinerja.objects.get(pk=ids["pk"]), alasan="uji")
    client = Client()
    client.force_login(org.users[who])
    small = {url: _measure(client, url.format(**ids)) for url in PAGES}
    _grow(org, 6)
    large = {url: _measure(client, url.format(**ids)) for url in PAGES}
    assert small == large
    assert max(small.values()) <= 25, small
