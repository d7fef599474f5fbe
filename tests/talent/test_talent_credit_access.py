"""Who may see and do what on the angka kredit screens and API (issue #12 §3): the route table of
`talent:credit_*` and `api:credit_*` (listed as covered here in tests/people/test_access.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from karier.talent.models import EntriAngkaKredit, FormasiJenjang, PenetapanAngkaKredit, UjiKompetensi
from tests.orgdata import Org
from tests.talent.talent_credit_helpers import jf


@pytest.fixture
def pranata(org: Org) -> Any:
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    return org.pegawai["pranata"]


def _as(client: Client, org: Org, key: str) -> Client:
    client.force_login(org.users[key])
    return client


def _api(client: Client, method: str, url: str, body: Any = None) -> Any:
    kw: dict[str, Any] = {}
    if body is not None:
        kw = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(f"/api/v1/karier/angka-kredit{url}", **kw)


def _writes() -> int:
    return sum(m.objects.count() for m in (EntriAngkaKredit, UjiKompetensi, FormasiJenjang, PenetapanAngkaKredit))


def test_anonymous_is_sent_to_login(client: Client, pranata: Any) -> None:
    for name in ("credit_pegawai", "credit_konversi", "credit_uji", "credit_pak_terbit", "credit_pegawai_xlsx"):
        r = client.get(reverse(f"talent:{name}", args=[pranata.pk]))
        assert r.status_code == 302 and ("/masuk" in r["Location"] or "login" in r["Location"])
    assert _api(client, "get", f"/pegawai/{pranata.pk}").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [("pranata", 200), ("kadiskominfo", 200), ("sekda", 200), ("admin", 200), ("auditor", 200), ("staf1a", 404)],
)
def test_who_sees_a_person_credit(client: Client, org: Org, pranata: Any, who: str, status: int) -> None:
    _as(client, org, who)
    assert client.get(reverse("talent:credit_pegawai", args=[pranata.pk])).status_code == status
    assert client.get(reverse("talent:credit_pegawai_xlsx", args=[pranata.pk])).status_code == status
    assert _api(client, "get", f"/pegawai/{pranata.pk}").status_code == status
    assert _api(client, "get", f"/pegawai/{pranata.pk}/pak").status_code == status
    assert _api(client, "get", f"/pegawai/{pranata.pk}/uji-kompetensi").status_code == status


@pytest.mark.parametrize("who", ["pranata", "kadiskominfo", "sekda", "auditor"])
def test_only_bkd_writes_screens_and_api(client: Client, org: Org, pranata: Any, who: str) -> None:
    _as(client, org, who)
    before = _writes()
    r = client.post(
        reverse("talent:credit_konversi", args=[pranata.pk]), {"nilai": "10", "tahun": "2024", "nomor_dokumen": "X"}
    )
    text = r.content.decode()
    assert r.status_code == 200 and ("Hanya admin BKD" in text or "diri Anda sendiri" in text)
    assert client.get(reverse("talent:credit_formasi_ubah")).status_code == 403
    assert (
        _api(
            client, "post", f"/pegawai/{pranata.pk}/konversi", {"nilai": "10", "tahun": 2024, "nomor_dokumen": "X"}
        ).status_code
        == 403
    )
    assert (
        _api(
            client,
            "post",
            f"/pegawai/{pranata.pk}/uji-kompetensi",
            {"jenjang_tujuan": "Ahli Muda", "tanggal": "2025-01-02", "lulus": False},
        ).status_code
        == 403
    )
    assert (
        _api(
            client, "post", f"/pegawai/{pranata.pk}/pak", {"tahun": 2025, "nomor": "P", "tanggal": "2026-01-02"}
        ).status_code
        == 403
    )
    body = {"opd_id": org.units["kominfo"].pk, "jabatan_fungsional_id": jf().pk, "jenjang": "Ahli Muda", "jumlah": 2}
    assert _api(client, "post", "/formasi", body).status_code == 403
    assert _writes() == before


def test_hidden_person_is_404_for_writes(client: Client, org: Org, pranata: Any) -> None:
    _as(client, org, "staf1a")
    assert client.get(reverse("talent:credit_konversi", args=[pranata.pk])).status_code == 404
    assert (
        _api(
            client, "post", f"/pegawai/{pranata.pk}/konversi", {"nilai": "1", "tahun": 2024, "nomor_dokumen": "X"}
        ).status_code
        == 404
    )


def test_bkd_writes_through_the_api_and_bad_input_is_409(client: Client, org: Org, pranata: Any) -> None:
    _as(client, org, "admin")
    r = _api(
        client, "post", f"/pegawai/{pranata.pk}/konversi", {"nilai": "45,5", "tahun": 2024, "nomor_dokumen": "800/1"}
    )
    assert r.status_code == 201, r.content
    assert r.json()["sisa"] == "45,50" and r.json()["entri"][0]["pecahan"] == "91/2"
    before = _writes()
    bad = _api(client, "post", f"/pegawai/{pranata.pk}/konversi", {"nilai": "-3", "tahun": 2023, "nomor_dokumen": "1"})
    assert bad.status_code == 409 and "negatif" in bad.content.decode()
    assert _writes() == before
    body = {"opd_id": org.units["kominfo"].pk, "jabatan_fungsional_id": jf().pk, "jenjang": "Ahli Muda", "jumlah": 2}
    assert _api(client, "post", "/formasi", body).status_code == 200
    assert _api(client, "get", "/formasi?jenjang=Ahli%20Muda").json()["count"] == 1
    assert _api(client, "post", "/formasi", {**body, "opd_id": org.units["dik_b1"].pk}).status_code == 404
    r = _api(client, "post", f"/pegawai/{pranata.pk}/pak", {"tahun": 2024, "nomor": "PAK/1", "tanggal": "2025-01-10"})
    assert r.status_code == 201 and len(r.json()["hash"]) == 64
    pak = PenetapanAngkaKredit.objects.get()
    assert client.get(reverse("talent:credit_pak_pdf", args=[pak.pk])).content[:4] == b"%PDF"
    _as(client, org, "staf1a")
    assert client.get(reverse("talent:credit_pak_pdf", args=[pak.pk])).status_code == 404
    _as(client, org, "pranata")
    assert client.get(reverse("talent:credit_pak_pdf", args=[pak.pk])).status_code == 200


def test_formasi_list_is_open_to_signed_in_users(client: Client, org: Org) -> None:
    _as(client, org, "staf1a")
    assert client.get(reverse("talent:credit_formasi")).status_code == 200
    assert client.get(reverse("talent:credit_formasi_xlsx")).status_code == 200
    assert _api(client, "get", "/formasi").status_code == 200
