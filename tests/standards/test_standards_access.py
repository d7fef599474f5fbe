"""Who may read and who may change standards, checked on every screen and API route (one table).

Reads: everyone signed in. Writes: BKD admin everything; the agency head their agency's Renstra,
indicators, agreements and position standards; a superior the standards of positions below his;
auditors nothing. Refused writes answer 403 (the object is readable); unknown ids 404.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from karier.people.access import SYSTEM
from karier.standards.api import ROUTERS
from karier.standards.models import (
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    StandarHasil,
    StandarJabatan,
)
from karier.standards.services.perjanjian import perjanjian_baris_add, perjanjian_create
from karier.standards.services.rpjmd import rpjmd_create
from karier.standards.services.standar import HasilData, standar_hasil_add

pytestmark = pytest.mark.django_db

ROLES = ["admin", "auditor", "sekda", "kadis", "kabid1", "kasi1", "staf1a", "kadiskominfo", "pranata", "unlinked"]
PROVINCE = {"admin"}
DIK = {"admin", "kadis"}
STAF1 = {"admin", "sekda", "kadis", "kabid1", "kasi1"}  # Pengolah Data Kurikulum, under Kasi → Kabid → Kadis
PRANATA = {"admin", "sekda", "kadiskominfo"}
KADIS = {"admin", "sekda", "kadis"}
COPY_TO_STAF2 = {"admin", "sekda", "kadis"}  # must be allowed to edit the target (Bidang SMK) too


@dataclass
class Ctx:
    org: Any
    ipm: Indikator
    rls: Indikator
    renstra: Renstra
    pk: PerjanjianKinerja
    draft: PerjanjianKinerja
    rpjmd: Rpjmd


@pytest.fixture
def ctx(seeded: Any) -> Ctx:
    dik = Renstra.objects.get(opd=seeded.units["dik"])
    rls = Indikator.objects.get(kode="IKD-DIK-01")
    draft = perjanjian_create(actor=SYSTEM, opd=seeded.units["dik"], tahun=2025)
    perjanjian_baris_add(actor=SYSTEM, perjanjian=draft, sasaran=rls.sasaran_renstra, indikator=rls, target=9.4)
    return Ctx(
        seeded,
        Indikator.objects.get(kode="IKU-01"),
        rls,
        dik,
        PerjanjianKinerja.objects.get(opd=seeded.units["dik"], tahun=2026),
        draft,
        Rpjmd.objects.get(),
    )


def _client(ctx: Ctx, who: str) -> Client:
    c = Client()
    if who != "anonymous":
        c.force_login(ctx.org.users[who])
    return c


# ---------------------------------------------------------------------------- reads
def read_urls(x: Ctx) -> dict[str, str]:
    j = x.org.jabatan
    hasil = StandarHasil.objects.filter(standar__jabatan=j["pranata"]).first()
    assert hasil is not None
    return {
        "standards:overview": "/standar/",
        "standards:indikator": f"/standar/indikator/{x.ipm.pk}/",
        "standards:renstra_list": "/standar/renstra/",
        "standards:renstra_detail": f"/standar/renstra/{x.renstra.pk}/",
        "standards:perjanjian_list": "/standar/perjanjian/",
        "standards:perjanjian_detail": f"/standar/perjanjian/{x.pk.pk}/",
        "standards:perjanjian_pdf": f"/standar/perjanjian/{x.pk.pk}/dokumen.pdf",
        "standards:jabatan_list": "/standar/jabatan/",
        "standards:jabatan_standar": f"/standar/jabatan/{j['staf1'].pk}/",
        "standards:jabatan_terapkan": f"/standar/jabatan/{j['staf1'].pk}/terapkan/",
        "GET /rpjmd": "/api/v1/rpjmd",
        "GET /rpjmd/{rpjmd_id}": f"/api/v1/rpjmd/{x.rpjmd.pk}",
        "GET /indikator": "/api/v1/indikator",
        "GET /indikator/{indikator_id}": f"/api/v1/indikator/{x.ipm.pk}",
        "GET /indikator/{indikator_id}/nilai": f"/api/v1/indikator/{x.ipm.pk}/nilai",
        "GET /renstra": "/api/v1/renstra",
        "GET /renstra/{renstra_id}": f"/api/v1/renstra/{x.renstra.pk}",
        "GET /renstra/{renstra_id}/sasaran": f"/api/v1/renstra/{x.renstra.pk}/sasaran",
        "GET /perjanjian": "/api/v1/perjanjian",
        "GET /perjanjian/{perjanjian_id}": f"/api/v1/perjanjian/{x.pk.pk}",
        "GET /perjanjian/{perjanjian_id}/baris": f"/api/v1/perjanjian/{x.pk.pk}/baris",
        "GET /perjanjian/{perjanjian_id}/status": f"/api/v1/perjanjian/{x.pk.pk}/status",
        "GET /perjanjian-baris/{baris_id}": f"/api/v1/perjanjian-baris/{x.pk.rows.first().pk}",  # type: ignore[union-attr]
        "GET /standar-jabatan": "/api/v1/standar-jabatan",
        "GET /standar-jabatan/{jabatan_id}": f"/api/v1/standar-jabatan/{j['staf1'].pk}",
        "GET /standar-jabatan/{jabatan_id}/hasil": f"/api/v1/standar-jabatan/{j['staf1'].pk}/hasil",
        "GET /standar-jabatan/{jabatan_id}/salin": f"/api/v1/standar-jabatan/{j['staf1'].pk}/salin",
        "GET /standar-hasil/{hasil_id}": f"/api/v1/standar-hasil/{hasil.pk}",
    }


def test_every_route_is_in_the_tables() -> None:
    names: set[str] = set()

    def walk(patterns: list[Any], ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name and ns == "standards:":
                names.add(f"{ns}{p.name}")

    walk(get_resolver().url_patterns, "")
    api_ops = {
        f"{m} {path}"
        for router in ROUTERS
        for path, ops in router.path_operations.items()
        for op in ops.operations
        for m in op.methods
    }
    read_keys = {"standards:" + k.split(":")[1] for k in READ_KEYS if k.startswith("standards:")}
    assert names == read_keys
    assert api_ops == {k for k in READ_KEYS if not k.startswith("standards:")} | {w.key for w in API_WRITES}
    assert {w.key for w in VIEW_WRITES} <= names | {f"POST {n}" for n in names}


@pytest.mark.parametrize("who", [*ROLES, "anonymous"])
def test_every_signed_in_user_reads_everything(ctx: Ctx, who: str) -> None:
    client = _client(ctx, who)
    for key, url in read_urls(ctx).items():
        r = client.get(url)
        if who == "anonymous":
            expected = 401 if url.startswith("/api/") else 302
        else:
            expected = 200
        assert r.status_code == expected, (who, key, r.status_code, r.content[:300])


MISSING = [
    "/standar/indikator/999999/",
    "/standar/renstra/999999/",
    "/standar/perjanjian/999999/",
    "/standar/perjanjian/999999/dokumen.pdf",
    "/standar/jabatan/999999/",
    "/standar/jabatan/999999/terapkan/",
    "/api/v1/rpjmd/999999",
    "/api/v1/indikator/999999",
    "/api/v1/indikator/999999/nilai",
    "/api/v1/renstra/999999",
    "/api/v1/renstra/999999/sasaran",
    "/api/v1/perjanjian/999999",
    "/api/v1/perjanjian/999999/baris",
    "/api/v1/perjanjian/999999/status",
    "/api/v1/perjanjian-baris/999999",
    "/api/v1/standar-jabatan/999999",
    "/api/v1/standar-jabatan/999999/hasil",
    "/api/v1/standar-jabatan/999999/salin",
    "/api/v1/standar-hasil/999999",
]


def test_unknown_ids_are_404(ctx: Ctx) -> None:
    client = _client(ctx, "admin")
    for url in MISSING:
        r = client.get(url)
        assert r.status_code == 404, url
        if url.startswith("/api/"):
            assert "tidak ditemukan" in r.json()["detail"]
    assert (
        client.post(
            "/api/v1/standar-jabatan/999999/hasil",
            {"rhk": "x", "indikator": "y", "target_angka": 1, "satuan": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )


# ---------------------------------------------------------------------------- writes
@dataclass
class Write:
    key: str
    allowed: set[str]
    make: Callable[[Ctx, int], tuple[str, str, dict[str, Any]]]  # (method, url, body) for attempt n


def _h(x: Ctx, jab: str) -> StandarHasil:
    standar = StandarJabatan.objects.get(jabatan=x.org.jabatan[jab])
    return standar_hasil_add(
        actor=SYSTEM,
        jabatan=standar.jabatan,
        data=HasilData(rhk="Sementara", indikator="Jumlah", target_angka=1, satuan="buah"),
    )


def _row(x: Ctx) -> PerjanjianKinerjaRow:
    return perjanjian_baris_add(
        actor=SYSTEM, perjanjian=x.draft, sasaran=x.rls.sasaran_renstra, indikator=x.rls, target=1
    )


def _status(x: Ctx) -> dict[str, Any]:
    x.pk.refresh_from_db()
    return {"aksi": "buka", "alasan": "Revisi target."} if x.pk.status == "DITANDATANGANI" else {"aksi": "tandatangan"}


HASIL_BODY = {
    "rhk": "Tersusunnya rekap data",
    "indikator": "Jumlah rekap",
    "aspek": "KUANTITAS",
    "target_angka": 12,
    "satuan": "rekap",
    "dimensi": "PRODUKTIVITAS",
}

VIEW_WRITES = [
    Write(
        "POST standards:indikator",
        PROVINCE,
        lambda x, n: ("post", f"/standar/indikator/{x.ipm.pk}/", {"tahun": 2026, "target": "75,8"}),
    ),
    Write(
        "POST standards:indikator",
        DIK,
        lambda x, n: ("post", f"/standar/indikator/{x.rls.pk}/", {"tahun": 2026, "target": "9,3"}),
    ),
    Write(
        "POST standards:perjanjian_detail",
        DIK,
        lambda x, n: (
            "post",
            f"/standar/perjanjian/{x.pk.pk}/",
            {"aksi": _status(x)["aksi"], "alasan": "Revisi target."},
        ),
    ),
    Write(
        "POST standards:perjanjian_detail",
        DIK,
        lambda x, n: (
            "post",
            f"/standar/perjanjian/{x.draft.pk}/",
            {"aksi": "tambah", "indikator": x.rls.pk, "target": "9,4", "perspektif": "PENERIMA_LAYANAN"},
        ),
    ),
    Write(
        "POST standards:jabatan_standar",
        STAF1,
        lambda x, n: ("post", f"/standar/jabatan/{x.org.jabatan['staf1'].pk}/", {"aksi": "tambah_hasil", **HASIL_BODY}),
    ),
    Write(
        "POST standards:jabatan_standar",
        STAF1,
        lambda x, n: (
            "post",
            f"/standar/jabatan/{x.org.jabatan['staf1'].pk}/",
            {"aksi": "hapus_hasil", "hasil": _h(x, "staf1").pk},
        ),
    ),
    Write(
        "POST standards:jabatan_standar",
        PRANATA,
        lambda x, n: (
            "post",
            f"/standar/jabatan/{x.org.jabatan['pranata'].pk}/",
            {"aksi": "perilaku", "e_LOYAL": "Menjaga kerahasiaan kata sandi server."},
        ),
    ),
    Write(
        "POST standards:jabatan_standar",
        KADIS,
        lambda x, n: (
            "post",
            f"/standar/jabatan/{x.org.jabatan['kadis'].pk}/",
            {"aksi": "standar", "ringkasan": "Memimpin Dinas Pendidikan."},
        ),
    ),
    Write(
        "POST standards:jabatan_terapkan",
        COPY_TO_STAF2,
        lambda x, n: (
            "post",
            f"/standar/jabatan/{x.org.jabatan['staf1'].pk}/terapkan/",
            {"jabatan_ids": [x.org.jabatan["staf2"].pk]},
        ),
    ),
]

API_WRITES = [
    Write(
        "PUT /indikator/{indikator_id}/nilai",
        PROVINCE,
        lambda x, n: ("put", f"/api/v1/indikator/{x.ipm.pk}/nilai", {"tahun": 2026, "target": 75.8}),
    ),
    Write(
        "PATCH /indikator/{indikator_id}",
        DIK,
        lambda x, n: ("patch", f"/api/v1/indikator/{x.rls.pk}", {"penjelasan": f"Penjelasan {n}"}),
    ),
    Write(
        "POST /indikator",
        DIK,
        lambda x, n: (
            "post",
            "/api/v1/indikator",
            {
                "sasaran_renstra_id": x.rls.sasaran_renstra_id,
                "nama": f"Angka partisipasi {n}",
                "satuan": "%",
                "induk_id": x.ipm.pk,
            },
        ),
    ),
    Write(
        "POST /renstra",
        {"admin", "sekda"},  # Setda: its head is the Sekda
        lambda x, n: ("post", "/api/v1/renstra", {"opd_id": x.org.units["setda"].pk, "rpjmd_id": _new_rpjmd(x)}),
    ),
    Write(
        "PATCH /renstra/{renstra_id}",
        DIK,
        lambda x, n: ("patch", f"/api/v1/renstra/{x.renstra.pk}", {"tahun_selesai": 2026}),
    ),
    Write(
        "POST /renstra/{renstra_id}/sasaran",
        DIK,
        lambda x, n: (
            "post",
            f"/api/v1/renstra/{x.renstra.pk}/sasaran",
            {"sasaran_rpjmd_id": x.ipm.sasaran_id, "nomor": 2 + n, "teks": "Meningkatnya mutu guru."},
        ),
    ),
    Write(
        "POST /perjanjian",
        DIK,
        lambda x, n: ("post", "/api/v1/perjanjian", {"opd_id": x.org.units["dik"].pk, "tahun": 2030 + n}),
    ),
    Write(
        "POST /perjanjian/{perjanjian_id}/status",
        DIK,
        lambda x, n: ("post", f"/api/v1/perjanjian/{x.pk.pk}/status", _status(x)),
    ),
    Write(
        "POST /perjanjian/{perjanjian_id}/baris",
        DIK,
        lambda x, n: ("post", f"/api/v1/perjanjian/{x.draft.pk}/baris", {"indikator_id": x.rls.pk, "target": 9.5}),
    ),
    Write(
        "PATCH /perjanjian-baris/{baris_id}",
        DIK,
        lambda x, n: (
            "patch",
            f"/api/v1/perjanjian-baris/{x.draft.rows.first().pk}",  # type: ignore[union-attr]
            {"target": "9,6"},
        ),
    ),
    Write(
        "DELETE /perjanjian-baris/{baris_id}",
        DIK,
        lambda x, n: ("delete", f"/api/v1/perjanjian-baris/{_row(x).pk}", {}),
    ),
    Write(
        "PUT /standar-jabatan/{jabatan_id}",
        STAF1,
        lambda x, n: (
            "put",
            f"/api/v1/standar-jabatan/{x.org.jabatan['staf1'].pk}",
            {"ringkasan": "Mengolah data kurikulum."},
        ),
    ),
    Write(
        "POST /standar-jabatan/{jabatan_id}/hasil",
        STAF1,
        lambda x, n: ("post", f"/api/v1/standar-jabatan/{x.org.jabatan['staf1'].pk}/hasil", HASIL_BODY),
    ),
    Write(
        "PATCH /standar-hasil/{hasil_id}",
        PRANATA,
        lambda x, n: ("patch", f"/api/v1/standar-hasil/{_h(x, 'pranata').pk}", {"target_angka": "98,5"}),
    ),
    Write(
        "DELETE /standar-hasil/{hasil_id}",
        PRANATA,
        lambda x, n: ("delete", f"/api/v1/standar-hasil/{_h(x, 'pranata').pk}", {}),
    ),
    Write(
        "POST /standar-jabatan/{jabatan_id}/salin",
        COPY_TO_STAF2,
        lambda x, n: (
            "post",
            f"/api/v1/standar-jabatan/{x.org.jabatan['staf1'].pk}/salin",
            {"jabatan_ids": [x.org.jabatan["staf2"].pk]},
        ),
    ),
]


def _new_rpjmd(x: Ctx) -> int:
    year = 2031 + 5 * Rpjmd.objects.count()
    return rpjmd_create(
        actor=SYSTEM, instansi=x.org.instansi, tahun_mulai=year, tahun_selesai=year + 4, visi="Visi uji"
    ).pk


READ_KEYS = [
    "standards:overview",
    "standards:indikator",
    "standards:renstra_list",
    "standards:renstra_detail",
    "standards:perjanjian_list",
    "standards:perjanjian_detail",
    "standards:perjanjian_pdf",
    "standards:jabatan_list",
    "standards:jabatan_standar",
    "standards:jabatan_terapkan",
    "GET /rpjmd",
    "GET /rpjmd/{rpjmd_id}",
    "GET /indikator",
    "GET /indikator/{indikator_id}",
    "GET /indikator/{indikator_id}/nilai",
    "GET /renstra",
    "GET /renstra/{renstra_id}",
    "GET /renstra/{renstra_id}/sasaran",
    "GET /perjanjian",
    "GET /perjanjian/{perjanjian_id}",
    "GET /perjanjian/{perjanjian_id}/baris",
    "GET /perjanjian/{perjanjian_id}/status",
    "GET /perjanjian-baris/{baris_id}",
    "GET /standar-jabatan",
    "GET /standar-jabatan/{jabatan_id}",
    "GET /standar-jabatan/{jabatan_id}/hasil",
    "GET /standar-jabatan/{jabatan_id}/salin",
    "GET /standar-hasil/{hasil_id}",
]


def _send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    if url.startswith("/api/"):
        return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")
    return client.post(url, body)


@pytest.mark.parametrize("write", VIEW_WRITES + API_WRITES, ids=lambda w: w.key)
def test_writes_follow_the_table(ctx: Ctx, write: Write) -> None:
    for n, who in enumerate([*ROLES, "anonymous"]):
        method, url, body = write.make(ctx, n)
        r = _send(_client(ctx, who), method, url, body)
        api = url.startswith("/api/")
        if who == "anonymous":
            assert r.status_code == (401 if api else 302), (who, url)
        elif who in write.allowed:
            assert r.status_code in {200, 201, 204, 302}, (who, url, r.status_code, r.content[:400])
        else:
            assert r.status_code == 403, (who, url, r.status_code, r.content[:300])
            text = r.json()["detail"] if api else r.content.decode()
            assert "berwenang" in text or "Hanya" in text, text[:300]


@pytest.mark.parametrize("who", ["admin", "kadis", "kabid1", "auditor", "staf1a"])
def test_pages_show_edit_controls_only_to_those_who_may_edit(ctx: Ctx, who: str) -> None:
    client = _client(ctx, who)
    page = client.get(f"/standar/jabatan/{ctx.org.jabatan['staf1'].pk}/").content.decode()
    assert ('name="aksi" value="tambah_hasil"' in page) is (who in STAF1)
    page = client.get(f"/standar/perjanjian/{ctx.pk.pk}/").content.decode()
    assert ('value="buka"' in page) is (who in DIK)
    page = client.get(f"/standar/indikator/{ctx.ipm.pk}/").content.decode()
    assert ('id="isi-nilai"' in page) is (who in PROVINCE)
