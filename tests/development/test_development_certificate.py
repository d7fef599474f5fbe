"""The certificate of completion (PDF, internal activities only, completed enrolments only, seen by
whoever sees the enrolment) with its verification code; and the bad input of issue #11 at the API:
enrolment beyond capacity or in an ended session, a certificate of the wrong type; the participants
list paged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from karier.development.catalogue import enrolment
from karier.development.models import CatatanJp, Pendaftaran, StatusPendaftaran
from karier.development.outcomes import certificate_pdf
from tests.development.catalogue_helpers import kegiatan, past, pdf, sesi
from tests.pdftext import pdf_text

pytestmark = pytest.mark.django_db


def _done(org: Any, penyelenggara: str = "DISKOMINFO", key: str = "staf1a") -> Pendaftaran:
    admin = org.actor("admin")
    k = kegiatan(
        admin, kode=f"K-{penyelenggara}", jp="12.5", nama="Pelatihan Keamanan Informasi", penyelenggara=penyelenggara
    )
    s = sesi(admin, k, kapasitas=5)
    row = enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai[key])
    past(s)
    enrolment.kehadiran_record(actor=admin, sesi=s, hadir={row.pk: True})
    row.refresh_from_db()
    return enrolment.pendaftaran_complete(actor=org.actor(key), pendaftaran=row, sertifikat=pdf())


def _as(client: Client, org: Any, key: str) -> Client:
    client.force_login(org.users[key])
    return client


def test_the_certificate_states_name_nip_activity_dates_and_jp_in_indonesian(client: Client, org: Any) -> None:
    row = _done(org)
    r = _as(client, org, "staf1a").get(f"/pengembangan/pendaftaran/{row.pk}/sertifikat.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content)
    nip = org.pegawai["staf1a"].nip
    assert "Dodi Saputra" in text
    assert f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" in text
    assert "Pelatihan Keamanan Informasi" in text and "12,5 jam pelajaran" in text
    sesi_row = Pendaftaran.objects.select_related("sesi").get(pk=row.pk).sesi
    assert certificate_pdf.rentang(sesi_row.mulai, sesi_row.selesai) in text
    assert certificate_pdf.verification_code(row) in text


def test_dates_read_as_indonesian_words() -> None:
    d = dt.date
    assert certificate_pdf.rentang(d(2026, 3, 3), d(2026, 3, 3)) == "3 Maret 2026"
    assert certificate_pdf.rentang(d(2026, 3, 3), d(2026, 3, 5)) == "3–5 Maret 2026"
    assert certificate_pdf.rentang(d(2026, 2, 28), d(2026, 3, 2)) == "28 Februari – 2 Maret 2026"
    assert certificate_pdf.rentang(d(2025, 12, 29), d(2026, 1, 2)) == "29 Desember 2025 – 2 Januari 2026"


def test_who_may_download_it(client: Client, org: Any) -> None:
    row = _done(org)
    url = f"/pengembangan/pendaftaran/{row.pk}/sertifikat.pdf"
    for key in ("kasi1", "kabid1", "admin", "auditor"):
        assert _as(client, org, key).get(url).status_code == 200, key
    for key in ("staf1b", "staf2", "unlinked"):
        assert _as(client, org, key).get(url).status_code == 404, key
    assert _as(client, org, "staf2").get(f"/api/v1/pengembangan/pendaftaran/{row.pk}/sertifikat").status_code == 404
    r = _as(client, org, "kasi1").get(f"/api/v1/pengembangan/pendaftaran/{row.pk}/sertifikat")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_only_completed_internal_activities_have_one(client: Client, org: Any) -> None:
    lan = _done(org, penyelenggara="LAN")
    with pytest.raises(ValidationError, match="BPSDM atau Diskominfo"):
        certificate_pdf.require_certificate(Pendaftaran.objects.select_related("sesi__kegiatan").get(pk=lan.pk))
    assert _as(client, org, "staf1a").get(f"/api/v1/pengembangan/pendaftaran/{lan.pk}/sertifikat").status_code == 409
    admin = org.actor("admin")
    open_row = enrolment.pendaftaran_create(
        actor=admin, sesi=sesi(admin, kegiatan(admin, kode="B-1", penyelenggara="BPSDM")), pegawai=org.pegawai["staf1a"]
    )
    r = client.get(f"/pengembangan/pendaftaran/{open_row.pk}/sertifikat.pdf")
    assert r.status_code == 302  # back to the session, with the reason
    assert "setelah kegiatan diselesaikan" in client.get(r["Location"]).content.decode()
    bpsdm = _done(org, penyelenggara="BPSDM", key="staf1b")
    page = _as(client, org, "staf1b").get(f"/pengembangan/sesi/{bpsdm.sesi_id}/").content.decode()
    assert 'data-testid="sertifikat-pdf"' in page


def test_the_verification_code_proves_the_certificate(client: Client, org: Any) -> None:
    row = _done(org)
    code = certificate_pdf.verification_code(row)
    assert certificate_pdf.row_for_code(code).pk == row.pk
    assert certificate_pdf.row_for_code(code.lower()).pk == row.pk
    forged = f"{row.pk}-{'0' * 10}"
    for bad in (forged, "", "abc", "9" * 50, f"{row.pk + 1}-{code.split('-')[1]}"):
        assert certificate_pdf.row_for_code(bad) is None, bad
    _as(client, org, "staf2")
    page = client.get(f"/pengembangan/sertifikat/{code}/")
    assert page.status_code == 200 and 'data-testid="sertifikat-sah"' in page.content.decode()
    assert client.get(f"/pengembangan/sertifikat/{forged}/").status_code == 404
    assert client.get(f"/api/v1/pengembangan/sertifikat/{code}").json()["nama"] == "Dodi Saputra"
    assert client.get(f"/api/v1/pengembangan/sertifikat/{forged}").status_code == 404


# ---------------------------------------------------------------------------- bad input at the API
def _api(client: Client, method: str, url: str, body: Any = None) -> Any:
    kw: dict[str, Any] = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(f"/api/v1/pengembangan{url}", **kw)


def test_enrolment_beyond_capacity_waits_and_an_ended_session_is_refused(client: Client, org: Any) -> None:
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin), kapasitas=1)
    assert _api(_as(client, org, "staf1a"), "post", f"/sesi/{s.pk}/pendaftaran", {}).json()["status"] == "TERDAFTAR"
    r = _api(_as(client, org, "staf1b"), "post", f"/sesi/{s.pk}/pendaftaran", {})
    assert r.status_code == 201 and r.json()["status"] == "MENUNGGU"  # beyond capacity: the waiting list
    s.refresh_from_db()
    assert s.terisi == 1
    past(s)
    r = _api(_as(client, org, "kasi1"), "post", f"/sesi/{s.pk}/pendaftaran", {})
    assert r.status_code == 409 and "sudah berakhir" in json.dumps(r.json())
    assert not Pendaftaran.objects.filter(pegawai=org.pegawai["kasi1"]).exists()


def test_a_certificate_of_the_wrong_type_is_refused_at_the_api(client: Client, org: Any) -> None:
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin), kapasitas=1)
    row = enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai["staf1a"])
    past(s)
    enrolment.kehadiran_record(actor=admin, sesi=s, hadir={row.pk: True})
    _as(client, org, "staf1a")
    exe = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    r = client.post(f"/api/v1/pengembangan/pendaftaran/{row.pk}/selesai", {"sertifikat": exe})
    assert r.status_code == 409 and "sertifikat" in r.json()["errors"]
    row.refresh_from_db()
    assert row.status == StatusPendaftaran.TERDAFTAR and not CatatanJp.objects.exists()


def test_the_participants_list_is_paged(client: Client, org: Any) -> None:
    admin = org.actor("admin")
    s = sesi(admin, kegiatan(admin), kapasitas=10)
    for key in ("staf1a", "staf1b", "staf2"):
        enrolment.pendaftaran_create(actor=admin, sesi=s, pegawai=org.pegawai[key])
    r = _api(_as(client, org, "admin"), "get", f"/sesi/{s.pk}/peserta?limit=2")
    assert r.json()["count"] == 3 and len(r.json()["items"]) == 2
    assert len(_api(client, "get", f"/sesi/{s.pk}/peserta?limit=2&offset=2").json()["items"]) == 1
    assert _api(client, "get", f"/sesi/{s.pk}/peserta?limit=0").status_code == 422
    assert _api(_as(client, org, "kasi1"), "get", f"/sesi/{s.pk}/peserta").json()["count"] == 2  # sees his team
