"""SKM screens (issue #13 item 3): the public questionnaire (no account, per-element refusals,
limits, only while open), the managers' list, the report with chart, Excel and PDF, and who sees
what (a hidden unit's period answers 404; the route-access table points here)."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import plotly.graph_objects as go
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from karier.appraisal.public import services as public_services
from karier.appraisal.public.skm import services
from karier.appraisal.public.skm.charts import unsur_figure
from karier.appraisal.public.skm.documents import skm_report_pdf
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm, TindakLanjutSkm
from karier.appraisal.public.skm.selectors import hasil_periode
from tests.appraisal.skm_support import ANSWERS, fill, jawaban, make_period, today
from tests.orgdata import PASSWORD, Org
from tests.pdftext import pdf_text

pytestmark = pytest.mark.django_db


def client_for(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def citizen(p: PeriodeSkm, ip: str = "10.0.0.1") -> Client:
    c = Client(REMOTE_ADDR=ip)
    r = c.get(f"/umpan-balik/skm/{p.token}/")
    assert r.status_code == 200 and public_services.DEVICE_COOKIE in r.cookies
    return c


def post(c: Client, p: PeriodeSkm, values: tuple[int, ...] | None = ANSWERS[0], **extra: str) -> object:
    data: dict[str, str] = {k: str(v) for k, v in jawaban(values).items()} if values else {}
    data.update(ft=services.form_token(p, now=time.time() - 10), website="", usia="21-30", pekerjaan="SWASTA", saran="")
    data.update(extra)
    return c.post(f"/umpan-balik/skm/{p.token}/", data)


# ---------------------------------------------------------------------------- the public questionnaire
def test_happy_path_without_an_account(org: Org) -> None:
    p = make_period(org)
    c = citizen(p)
    page = c.get(f"/umpan-balik/skm/{p.token}/").content.decode()
    assert "Bidang Pembinaan SMA" in page and "Kompetensi pelaksana" in page and "Sangat kompeten" in page
    assert page.count('type="radio"') == 36 and "https://" not in page
    r = post(c, p)
    assert r.status_code == 302 and r["Location"].endswith("/terima-kasih/")  # type: ignore[attr-defined]
    row = ResponSkm.objects.get()
    assert [row.u1, row.u6, row.u9] == [4, 3, 3] and row.usia == "21-30" and row.jenis_kelamin == ""
    assert "Terima kasih" in c.get(r["Location"]).content.decode()  # type: ignore[index]


def test_every_missing_or_bad_element_gets_its_own_message(org: Org) -> None:
    p = make_period(org)
    c = citizen(p)
    r = post(c, p, None, u1="4", u2="5", u3="0", u4="x", u5="3", u6="", u7="3", u8="3", saran="Antre lama")
    assert r.status_code == 400  # type: ignore[attr-defined]
    html = r.content.decode()  # type: ignore[attr-defined]
    for code in ("U2", "U3", "U4", "U6", "U9"):
        assert f"jawaban 1 sampai 4 untuk unsur {code} (" in html, code
    for code in ("U1", "U5", "U7", "U8"):
        assert f"untuk unsur {code} (" not in html, code
    assert "Antre lama" in html  # nothing typed is lost
    assert not ResponSkm.objects.exists()


def test_only_while_open(org: Org) -> None:
    draft = make_period(org, open_=False)
    assert Client().get(f"/umpan-balik/skm/{draft.token}/").status_code == 404  # not public yet
    services.skm_periode_open(actor=org.actor("admin"), periode=draft)
    c = citizen(draft)
    services.skm_periode_close(actor=org.actor("admin"), periode=draft)
    page = c.get(f"/umpan-balik/skm/{draft.token}/").content.decode()
    assert "sedang tidak dibuka" in page and 'type="radio"' not in page
    assert post(c, draft).status_code == 409  # type: ignore[attr-defined]
    assert not ResponSkm.objects.exists()
    assert Client().get("/umpan-balik/skm/tidak-ada-token-ini/").status_code == 404
    assert Client().get("/umpan-balik/skm/%3Cscript%3E/").status_code == 404


def test_limits_like_the_short_form(org: Org) -> None:
    p = make_period(org)
    c = citizen(p)
    assert post(c, p).status_code == 302  # type: ignore[attr-defined]
    r = post(c, p)
    assert r.status_code == 409 and "sudah mengisi" in r.content.decode()  # type: ignore[attr-defined]
    fast = post(citizen(p), p, ft=services.form_token(p))  # sent the moment it was shown
    assert fast.status_code == 400 and "terlalu cepat" in fast.content.decode()  # type: ignore[attr-defined]
    bot = post(citizen(p), p, website="http://spam")
    assert bot.status_code == 400  # type: ignore[attr-defined]
    for i in range(services.MAKS_PERIODE_ALAMAT_JAM - 1):
        assert post(citizen(p), p).status_code == 302, i  # type: ignore[attr-defined]
    assert post(citizen(p), p).status_code == 429  # type: ignore[attr-defined]
    assert post(citizen(p, ip="10.7.7.7"), p).status_code == 302  # type: ignore[attr-defined]


def test_short_form_and_survey_link_to_each_other(org: Org) -> None:
    from karier.appraisal.public import services as short

    p = make_period(org)
    t = short.tautan_get_or_create(actor=org.actor("admin"), unit=org.units["dik_b1"])
    assert f"/umpan-balik/{t.token}/" in Client().get(f"/umpan-balik/skm/{p.token}/").content.decode()
    assert f"/umpan-balik/skm/{p.token}/" in Client().get(f"/umpan-balik/{t.token}/").content.decode()


# ---------------------------------------------------------------------------- signed-in screens
def test_report_page_chart_and_query_count(org: Org) -> None:
    p = make_period(org)
    fill(p)
    c = client_for(org, "kabid1")
    url = reverse("public_feedback:skm_kelola_periode", args=[p.pk])
    html = c.get(url).content.decode()
    assert "IKM 77,78 · B (Baik)" in html and "4 responden" in html
    assert "U6 Kompetensi pelaksana: 2,50 (indeks 62,50)" in html and "kebutuhan pengembangan unit" in html
    figure = json.loads(html.split('id="grafik-skm-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    go.Figure(figure)  # a misspelt property fails here
    assert figure["data"][0]["y"][0].startswith("U9") and figure["data"][0]["text"][-1] == "87,50"
    assert "<svg" in html  # the QR code of the open period
    small = _count(c, url)
    fill(make_period(org, "dik_b2"), ANSWERS * 5)
    big = make_period(org, "dik_s1")
    fill(big, ANSWERS * 5)
    assert _count(c, reverse("public_feedback:skm_kelola_periode", args=[big.pk])) == small


def _count(c: Client, url: str) -> int:
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_figure_is_valid_for_plotly(org: Org) -> None:
    p = make_period(org)
    fill(p)
    fig = unsur_figure(hasil_periode(p))
    go.Figure(fig)
    colours = fig["data"][0]["marker"]["color"]
    assert colours.count("#c0561b") == 3  # the three weakest


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("auditor", 200),
        ("kadis", 200),
        ("kabid1", 200),
        ("kasi1", 404),  # heads a unit below, not this one
        ("kabid2", 404),
        ("kadiskominfo", 404),
        ("staf1a", 404),
        ("unlinked", 404),
    ],
)
def test_who_sees_a_period(org: Org, who: str, status: int) -> None:
    p = make_period(org, selesai=today())  # its last day: the unit's managers may close it
    fill(p, ANSWERS[:1])
    row = services.skm_tindak_lanjut_add(
        actor=org.actor("admin"), periode=p, unsur="U6", tindakan="x", penanggung_jawab="y", batas_waktu=today()
    )
    c = client_for(org, who)
    for name in ("skm_kelola_periode", "skm_kelola_xlsx", "skm_kelola_pdf"):
        assert c.get(reverse(f"public_feedback:{name}", args=[p.pk])).status_code == status, name
    assert c.get(reverse("public_feedback:skm_kelola_qr", args=[p.pk, "png"])).status_code == status
    assert c.get(reverse("public_feedback:skm_kelola_unit", args=[p.unit_id])).status_code == status
    listed = c.get(reverse("public_feedback:skm_kelola_daftar")).content.decode()
    assert (p.nama in listed) is (status == 200)
    # Writes: hidden → 404; auditors read only → 403.
    changed = who in ("admin", "kadis", "kabid1")
    write = 404 if status == 404 else (302 if changed else 403)
    r = c.post(reverse("public_feedback:skm_kelola_status", args=[p.pk]), {"aksi": "tutup"})
    assert r.status_code == write
    r = c.post(reverse("public_feedback:skm_kelola_tindak_lanjut_status", args=[row.pk]), {"status": "SELESAI"})
    assert r.status_code == write
    r = c.post(reverse("public_feedback:skm_kelola_tindak_lanjut", args=[p.pk]), {"unsur": "U1"})
    assert r.status_code in ({write} if write != 302 else {302})
    p.refresh_from_db()
    assert (p.status == "TUTUP") is changed
    assert (TindakLanjutSkm.objects.get().status == "SELESAI") is changed
    data = {"nama": "x", "mulai": "2020-01-01", "selesai": "2020-02-01"}
    assert c.post(reverse("public_feedback:skm_kelola_unit", args=[p.unit_id]), data).status_code == write


def test_create_period_screen_refuses_overlap_with_a_message(org: Org) -> None:
    make_period(org, nama="Semester I", mulai=dt.date(2026, 1, 1), selesai=dt.date(2026, 6, 30))
    c = client_for(org, "kabid1")
    url = reverse("public_feedback:skm_kelola_unit", args=[org.units["dik_b1"].pk])
    r = c.post(url, {"nama": "Tumpang", "mulai": "2026-06-01", "selesai": "2026-12-31"})
    assert r.status_code == 400 and "bertumpang tindih" in r.content.decode()
    r = c.post(url, {"nama": "Semester II", "mulai": "2026-07-01", "selesai": "2026-12-31"})
    assert r.status_code == 302
    assert PeriodeSkm.objects.count() == 2


def test_follow_up_from_the_screen(org: Org) -> None:
    p = make_period(org)
    c = client_for(org, "kadis")
    url = reverse("public_feedback:skm_kelola_tindak_lanjut", args=[p.pk])
    due = (today() + dt.timedelta(days=30)).isoformat()
    r = c.post(
        url, {"unsur": "U7", "tindakan": "Pelatihan keramahan", "penanggung_jawab": "Kasubag Umum", "batas_waktu": due}
    )
    assert r.status_code == 302
    html = c.get(reverse("public_feedback:skm_kelola_periode", args=[p.pk])).content.decode()
    assert "Pelatihan keramahan" in html and "Kasubag Umum" in html
    c.post(url, {"unsur": "U7", "tindakan": "Tanpa pemilik", "batas_waktu": due})
    assert TindakLanjutSkm.objects.count() == 1


def test_excel_and_pdf(org: Org) -> None:
    p = make_period(org)
    fill(p)
    services.skm_tindak_lanjut_add(
        actor=org.actor("admin"),
        periode=p,
        unsur="U6",
        tindakan="Pelatihan pelayanan prima",
        pegawai=org.pegawai["kabid1"],
        batas_waktu=dt.date(2026, 12, 31),
    )
    c = client_for(org, "admin")
    r = c.get(reverse("public_feedback:skm_kelola_xlsx", args=[p.pk]))
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert rows[1][:4] == ["Kode", "Unsur", "Rata-rata (NRR)", "Indeks unsur"]
    assert rows[2][:5] == ["U1", "Persyaratan", 3.5, 87.5, "B"]
    assert rows[-2][:3] == ["IKM", None, 77.78]
    text = pdf_text(skm_report_pdf(p))
    for expected in (
        "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "IKM 77,78",
        "B (Baik)",
        "Kompetensi pelaksana",
        "Pelatihan pelayanan prima",
        "Wati Susanti",
        "31 Desember 2026",
        "SEMENTARA",
    ):
        assert expected in text, expected
    assert c.get(reverse("public_feedback:skm_kelola_pdf", args=[p.pk]))["Content-Type"] == "application/pdf"


# ---------------------------------------------------------------------------- API
def api_for(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def test_api_public_submission_per_element_errors(org: Org) -> None:
    p = make_period(org)
    url = f"/api/v1/skm/publik/{p.token}/respons"
    body = {**jawaban(ANSWERS[0]), "usia": "31-40"}
    r = Client().post(url, body, content_type="application/json")
    assert r.status_code == 201, r.content
    assert ResponSkm.objects.get().usia == "31-40"
    bad = {**jawaban(ANSWERS[0]), "u2": 5, "u4": "x", "u7": True, "u9": None}
    del bad["u1"]
    r = Client().post(url, bad, content_type="application/json")
    assert r.status_code == 409
    errors = r.json()["errors"]
    assert set(errors) == {"u1", "u2", "u4", "u7", "u9"}
    assert errors["u7"] == ["Pilih salah satu jawaban 1 sampai 4 untuk unsur U7 (Perilaku pelaksana)."]
    r = Client().post(url, {**jawaban(ANSWERS[0]), "u10": 4}, content_type="application/json")
    assert r.status_code == 422  # unknown fields are refused by the schema
    assert (
        Client()
        .post("/api/v1/skm/publik/tidak-ada-token-ini/respons", body, content_type="application/json")
        .status_code
        == 404
    )
    draft = make_period(org, "dik_b2", open_=False)
    assert (
        Client().post(f"/api/v1/skm/publik/{draft.token}/respons", body, content_type="application/json").status_code
        == 404
    )
    services.skm_periode_close(actor=org.actor("admin"), periode=p)
    assert Client().post(url, body, content_type="application/json").status_code == 409
    assert ResponSkm.objects.count() == 1


def test_api_public_submission_is_rate_limited(org: Org) -> None:
    p = make_period(org)
    url = f"/api/v1/skm/publik/{p.token}/respons"
    for _ in range(services.MAKS_PERIODE_ALAMAT_JAM):
        assert Client().post(url, jawaban(ANSWERS[1]), content_type="application/json").status_code == 201
    r = Client().post(url, jawaban(ANSWERS[1]), content_type="application/json")
    assert r.status_code == 429 and "Terlalu banyak" in r.json()["detail"]


def test_api_result_hand_computed(org: Org) -> None:
    p = make_period(org)
    fill(p)
    r = api_for(org, "kabid1").get(f"/api/v1/skm/periode/{p.pk}")
    assert r.status_code == 200
    data = r.json()
    assert (data["respondents"], data["ikm"], data["mutu"], data["mutu_label"]) == (4, "77.78", "B", "Baik")
    assert data["terlemah"] == ["U6", "U7", "U3"]
    assert [u["rata_rata"] for u in data["unsur"]][:3] == ["3.50", "3.50", "2.75"]
    assert data["periode"]["url_publik"].endswith(f"/umpan-balik/skm/{p.token}/")


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("admin", 200, 2),
        ("kadis", 200, 2),
        ("kabid1", 200, 2),
        ("auditor", 200, 403),
        ("kasi1", 404, 404),
        ("kadiskominfo", 404, 404),
        ("staf1a", 404, 404),
    ],
)
def test_api_access(org: Org, who: str, read: int, write: int) -> None:
    p = make_period(org, open_=False, selesai=today())  # its last day: managers may close it
    c = api_for(org, who)
    assert c.get(f"/api/v1/skm/periode/{p.pk}").status_code == read
    listed = c.get("/api/v1/skm/periode").json()["items"]
    assert ([x["id"] for x in listed] == [p.pk]) is (read == 200)
    assert c.get(f"/api/v1/skm/periode?unit_id={p.unit_id}").status_code == read
    r = c.post(f"/api/v1/skm/periode/{p.pk}/buka")
    assert r.status_code // 100 == write if write == 2 else r.status_code == write
    due = today().isoformat()
    body = {"unsur": "U6", "tindakan": "Pelatihan", "penanggung_jawab": "Kasi", "batas_waktu": due}
    r = c.post(f"/api/v1/skm/periode/{p.pk}/tindak-lanjut", body, content_type="application/json")
    assert r.status_code // 100 == write if write == 2 else r.status_code == write
    row = services.skm_tindak_lanjut_add(
        actor=org.actor("admin"), periode=p, unsur="U1", tindakan="x", penanggung_jawab="y", batas_waktu=today()
    )
    r = c.patch(f"/api/v1/skm/tindak-lanjut/{row.pk}", {"status": "PROSES"}, content_type="application/json")
    assert r.status_code // 100 == write if write == 2 else r.status_code == write
    body = {"unit_id": p.unit_id, "nama": "Lain", "mulai": "2020-01-01", "selesai": "2020-06-30"}
    r = c.post("/api/v1/skm/periode", body, content_type="application/json")
    assert r.status_code // 100 == write if write == 2 else r.status_code == write
    r = c.post(f"/api/v1/skm/periode/{p.pk}/tutup")
    assert r.status_code // 100 == write if write == 2 else r.status_code == write


def test_api_overlap_refused_and_ikm(org: Org) -> None:
    c = api_for(org, "kadis")
    year = today().year
    body = {"unit_id": org.units["dik_b1"].pk, "nama": "Tahunan", "mulai": f"{year}-01-01", "selesai": f"{year}-12-31"}
    r = c.post("/api/v1/skm/periode", body, content_type="application/json")
    assert r.status_code == 201
    r = c.post(
        "/api/v1/skm/periode", {**body, "nama": "Lagi", "mulai": f"{year}-06-01"}, content_type="application/json"
    )
    assert r.status_code == 409 and "bertumpang tindih" in r.json()["errors"]["mulai"][0]
    p = PeriodeSkm.objects.get()
    services.skm_periode_open(actor=org.actor("kadis"), periode=p)
    fill(p)
    rows = c.get(f"/api/v1/skm/ikm?tahun={year}").json()
    assert [(x["periode_id"], x["ikm"], x["grade"]) for x in rows] == [(p.pk, "77.78", "B")]
    assert api_for(org, "kadiskominfo").get(f"/api/v1/skm/ikm?tahun={year}").json() == []
    assert api_for(org, "kabid1").get(f"/api/v1/skm/ikm?tahun={year}").json() == []  # agency heads and BKD only
    assert len(api_for(org, "auditor").get(f"/api/v1/skm/ikm?tahun={year}").json()) == 1


@pytest.mark.django_db
def test_the_result_is_published_once_the_period_closes(org: Org) -> None:
    """PermenPANRB 14/2017: the result is announced with its follow-up actions. Anyone with the link
    reads it (no account) once the period is closed; before that the address shows nothing."""
    p = make_period(org, mulai=today() - dt.timedelta(days=10), selesai=today() + dt.timedelta(days=10))
    fill(p)
    services.skm_tindak_lanjut_add(
        actor=org.actor("admin"),
        periode=p,
        unsur="U6",
        tindakan="Pelatihan pelayanan prima bagi petugas loket",
        penanggung_jawab="Kepala Seksi",
        batas_waktu=today() + dt.timedelta(days=60),
    )
    public = Client()
    page, pdf = (
        reverse("public_feedback:skm_hasil", args=[p.token]),
        reverse("public_feedback:skm_hasil_pdf", args=[p.token]),
    )
    assert public.get(page).status_code == 404 and public.get(pdf).status_code == 404  # still open
    services.skm_periode_close(actor=org.actor("admin"), periode=p)
    html = public.get(page).content.decode()
    assert "77,78" in html and "Pelatihan pelayanan prima bagi petugas loket" in html and "Kepala Seksi" in html
    assert "terlemah" in html  # the weakest elements are marked
    form = public.get(reverse("public_feedback:skm_form", args=[p.token])).content.decode()
    assert page in form  # the closed survey's link leads to its result
    r = public.get(pdf)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and "77,78" in pdf_text(r.content)
    assert public.get(reverse("public_feedback:skm_hasil", args=["x" * 40])).status_code == 404


def test_a_closed_periods_report_is_frozen_at_closing(org: Org) -> None:
    """The published report states what was true on the closing day: its signer, its date, its
    figures and follow-up actions; renaming the head's position or finishing an action later
    changes neither the PDF nor the public page."""
    from karier.people.models import Jabatan
    from karier.plans.documents import tanggal

    p = make_period(org, selesai=today())
    fill(p)
    row = services.skm_tindak_lanjut_add(
        actor=org.actor("kabid1"),
        periode=p,
        unsur="U6",
        tindakan="Pelatihan pelayanan prima",
        penanggung_jawab="Kepala Seksi",
        batas_waktu=today() + dt.timedelta(days=60),
    )
    services.skm_periode_close(actor=org.actor("kabid1"), periode=p)
    p.refresh_from_db()
    assert p.ditutup_pada == today() and p.dokumen is not None
    assert p.dokumen["tempat_tanggal"] == f"Bengkulu, {tanggal(today())}"
    jab = Jabatan.objects.get(unit=p.unit, adalah_kepala_unit=True)
    signer = p.dokumen["ttd"]["jabatan"]
    assert jab.nama in signer and p.dokumen["ttd"]["nama"] not in ("", "-")
    before = pdf_text(skm_report_pdf(p))
    assert "SEMENTARA" not in before and "Pelatihan pelayanan prima" in before and jab.nama in before
    assert [t["status"] for t in p.dokumen["tindak_lanjut"]] == ["Direncanakan"]

    Jabatan.objects.filter(pk=jab.pk).update(nama="Kepala Bidang Berganti Nama")
    services.skm_tindak_lanjut_update(actor=org.actor("kabid1"), tindak_lanjut=row, status="SELESAI")
    after = pdf_text(skm_report_pdf(p))
    assert after == before
    html = Client().get(reverse("public_feedback:skm_hasil", args=[p.token])).content.decode()
    assert "Direncanakan" in html and "Selesai</td>" not in html and "77,78" in html
