"""Evidence (bukti dukung): allowed types by extension and content, size limit, atomic storage outside
the web root, access-checked download (404 for others), deletion."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation import services
from karier.appraisal.models import BuktiDukung, Evaluasi, Realisasi
from karier.plans.models import IndikatorKinerjaIndividu
from tests.appraisal.test_appraisal_support import PDF, configured
from tests.orgdata import PASSWORD, Org

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32


def ooxml(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


def odf(mimetype: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", mimetype)
        zf.writestr("content.xml", "<x/>")
    return buf.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def setup(org: Org) -> tuple[Any, Evaluasi, IndikatorKinerjaIndividu]:
    s = configured(org, plans={"staf1a": "kasi1"})
    return s, s.ev("staf1a"), IndikatorKinerjaIndividu.objects.filter(rhk__skp=s.skp["staf1a"]).first()


@pytest.mark.parametrize(
    "name,content",
    [
        ("laporan.pdf", PDF),
        ("foto.PNG", PNG),
        ("foto.jpg", JPEG),
        ("foto.jpeg", JPEG),
        ("foto.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 16),
        ("lama.doc", OLE),
        ("lama.xls", OLE),
        ("baru.docx", ooxml("word/")),
        ("baru.xlsx", ooxml("xl/")),
        ("baru.pptx", ooxml("ppt/")),
        ("odf.odt", odf("application/vnd.oasis.opendocument.text")),
        ("odf.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
    ],
)
def test_allowed_types_are_stored_with_a_random_name(org: Org, media: Path, name: str, content: bytes) -> None:
    s, ev, iki = setup(org)
    b = services.bukti_upload_for_iki(
        actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile(name, content)
    )
    assert b.nama_asli == name and b.ukuran == len(content) and len(b.sha256) == 64
    stored = files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert name.split(".")[0] not in stored[0].name  # random, never the uploaded name
    assert str(media) in str(stored[0])


@pytest.mark.parametrize(
    "name,content,text",
    [
        ("virus.exe", b"MZ\x90\x00", "Jenis berkas tidak diizinkan"),
        ("halaman.html", b"<html></html>", "Jenis berkas tidak diizinkan"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf", "Isi berkas tidak sesuai"),
        ("palsu.png", PDF, "Isi berkas tidak sesuai"),
        ("palsu.docx", ooxml("xl/"), "Isi berkas tidak sesuai"),
        ("palsu.xlsx", b"PK\x03\x04garbage", "Isi berkas tidak sesuai"),
        ("kosong.pdf", b"", "Berkas kosong"),
    ],
)
def test_wrong_type_refused_no_file_no_row(org: Org, media: Path, name: str, content: bytes, text: str) -> None:
    s, ev, iki = setup(org)
    with pytest.raises(ValidationError, match=text) as exc:
        services.bukti_upload_for_iki(
            actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile(name, content)
        )
    assert "berkas" in exc.value.message_dict
    assert files(media) == [] and not BuktiDukung.objects.exists() and not Realisasi.objects.exists()


def test_too_large_refused(org: Org, media: Path, settings: Any) -> None:
    settings.KARIER_BUKTI_MAX_MB = 1
    s, ev, iki = setup(org)
    big = PDF + b"0" * (1024 * 1024)
    # Sizes read the Indonesian way: "1,0 MB", never "1.0 MB".
    with pytest.raises(ValidationError, match=r"terlalu besar \(1,0 MB\)\. Ukuran paling besar 1 MB"):
        services.bukti_upload_for_iki(
            actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("besar.pdf", big)
        )
    assert files(media) == [] and not BuktiDukung.objects.exists()


def test_row_failure_removes_the_file(org: Org, media: Path, monkeypatch: Any) -> None:
    s, ev, iki = setup(org)

    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr("karier.appraisal.evaluation.evidence.audit.record", boom)
    with pytest.raises(RuntimeError):
        services.bukti_upload_for_iki(
            actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
        )
    assert files(media) == [] and not BuktiDukung.objects.exists()


@pytest.mark.parametrize("who", ["kasi1", "admin", "auditor", "staf1b"])
def test_only_the_appraisee_uploads(org: Org, media: Path, who: str) -> None:
    s, ev, iki = setup(org)
    with pytest.raises(PermissionDenied):
        services.bukti_upload_for_iki(
            actor=s.actor(who), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
        )
    assert files(media) == []


def test_locked_evaluation_refuses_upload_and_delete(org: Org, media: Path) -> None:
    s, ev, iki = setup(org)
    b = services.bukti_upload_for_iki(
        actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    Evaluasi.objects.filter(pk=ev.pk).update(status=StatusEvaluasi.FINAL)
    ev = s.ev("staf1a")
    with pytest.raises(ValidationError, match="terkunci"):
        services.bukti_upload_for_iki(
            actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("b.pdf", PDF)
        )
    with pytest.raises(ValidationError, match="terkunci"):
        services.bukti_delete(actor=s.actor("staf1a"), bukti=BuktiDukung.objects.get(pk=b.pk))
    assert len(files(media)) == 1 and BuktiDukung.objects.count() == 1


def test_delete_removes_row_and_file(org: Org, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    s, ev, iki = setup(org)
    b = services.bukti_upload_for_iki(
        actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_delete(
            actor=s.actor("staf1a"),
            bukti=BuktiDukung.objects.select_related("realisasi__evaluasi__periode").get(pk=b.pk),
        )
    assert files(media) == [] and not BuktiDukung.objects.exists()


def login(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def test_download_access_and_headers(org: Org, media: Path) -> None:
    s, ev, iki = setup(org)
    b = services.bukti_upload_for_iki(
        actor=s.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("laporan jan.pdf", PDF)
    )
    url = f"/penilaian/bukti/{b.pk}/"
    for who in ("staf1a", "kasi1", "kabid1", "kadis", "admin", "auditor"):
        r = login(org, who).get(url)
        assert r.status_code == 200, who
        assert r["Content-Disposition"].startswith("attachment")
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Content-Type"] == "application/pdf"
        assert b"".join(r.streaming_content) == PDF
    for who in ("staf1b", "staf2", "kabid2", "pranata", "unlinked"):
        assert login(org, who).get(url).status_code == 404, who
    assert Client().get(url).status_code == 302  # to the login page
    assert login(org, "staf1a").get("/penilaian/bukti/999999/").status_code == 404


def test_upload_through_the_screen_keeps_nothing_on_refusal(org: Org, media: Path) -> None:
    _s, ev, iki = setup(org)
    c = login(org, "staf1a")
    r = c.post(f"/penilaian/{ev.pk}/bukti/{iki.pk}/", {"berkas": SimpleUploadedFile("x.exe", b"MZ")})
    assert r.status_code == 422 and "Jenis berkas tidak diizinkan" in r.content.decode()
    assert files(media) == []
    r = c.post(f"/penilaian/{ev.pk}/bukti/{iki.pk}/", {"berkas": SimpleUploadedFile("a.pdf", PDF)})
    assert r.status_code == 302 and BuktiDukung.objects.count() == 1
    assert (
        login(org, "kasi1")
        .post(f"/penilaian/{ev.pk}/bukti/{iki.pk}/", {"berkas": SimpleUploadedFile("b.pdf", PDF)})
        .status_code
        == 422
    )
    assert BuktiDukung.objects.count() == 1


# ---------------------------------------------------------------------------- issue #8 §5: hostile files
def odf_bomb(megabytes: int) -> bytes:
    """An .odt whose `mimetype` member inflates to `megabytes` MB of zeros (a few hundred KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("mimetype", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
        zf.writestr("content.xml", "<x/>")
    return buf.getvalue()


def test_zip_bomb_is_refused_without_inflating_it() -> None:
    import time
    import tracemalloc

    from karier.appraisal.evaluation.evidence import check_file

    bomb = odf_bomb(300)
    assert len(bomb) < 2 * 1024 * 1024
    upload = SimpleUploadedFile("laporan.odt", bomb)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as exc:
            check_file(upload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "Isi berkas tidak sesuai" in str(exc.value)
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB: the member was inflated"
    assert time.perf_counter() - started < 2


def test_zip_member_is_read_a_few_bytes_at_most(monkeypatch: Any) -> None:
    """Even a mimetype whose header lies about its size is read only as far as the expected text."""
    from karier.appraisal.evaluation import evidence

    reads: list[int] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *a: Any, **k: Any) -> Any:
        member = real_open(self, name, *a, **k)
        real_read = member.read

        def read(n: int = -1) -> bytes:
            reads.append(n)
            return real_read(n)

        member.read = read  # type: ignore[method-assign]
        return member

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    ok = odf("application/vnd.oasis.opendocument.text")
    assert evidence.sniff(io.BytesIO(ok), "odt")
    assert reads and all(0 < n <= 64 for n in reads)
    assert not evidence.sniff(io.BytesIO(odf_bomb(2)), "odt")  # 2 MB mimetype: refused by its declared size


def test_declared_size_ratio_refuses_a_bomb_member_in_ooxml() -> None:
    from karier.appraisal.evaluation import evidence

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))
    assert not evidence.sniff(io.BytesIO(buf.getvalue()), "docx")
    assert evidence.sniff(io.BytesIO(ooxml("word/")), "docx")


def test_bidi_controls_are_stripped_from_stored_names(org: Org, media: Path) -> None:
    from karier.core.text import BIDI_CONTROLS, strip_bidi

    assert strip_bidi("laporan\u202efdp.exe") == "laporanfdp.exe"
    assert strip_bidi("".join(BIDI_CONTROLS) + "a\u2066b\u2069") == "ab"
    assert strip_bidi("تقرير.pdf") == "تقرير.pdf"  # right-to-left text itself stays
    _s, ev, iki = setup(org)
    bukti = services.bukti_upload_for_iki(
        actor=org.actor("staf1a"),
        evaluasi=ev,
        iki=iki,
        uploaded_file=SimpleUploadedFile("laporan\u202eFDP\u200f.pdf", PDF),
    )
    bukti.refresh_from_db()
    assert bukti.nama_asli == "laporanFDP.pdf"
    assert not any(ch in bukti.nama_asli for ch in BIDI_CONTROLS)


def test_names_stored_before_the_fix_are_cleaned_by_the_migration(org: Org, media: Path) -> None:
    import importlib

    from django.apps import apps

    from karier.appraisal.models import BuktiDukung

    migration = importlib.import_module("karier.appraisal.migrations.0004_strip_bidi_from_evidence_names")
    _s, ev, iki = setup(org)
    bukti = services.bukti_upload_for_iki(
        actor=org.actor("staf1a"), evaluasi=ev, iki=iki, uploaded_file=SimpleUploadedFile("laporan.pdf", PDF)
    )
    BuktiDukung.objects.filter(pk=bukti.pk).update(nama_asli="laporan\u202efdp.exe")  # as stored before issue #8
    migration.clean_names(apps, None)
    bukti.refresh_from_db()
    assert bukti.nama_asli == "laporanfdp.exe"
