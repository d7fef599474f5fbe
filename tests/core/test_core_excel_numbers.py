"""Numbers in Excel cells, checked one by one (issue #10 item 1): every Excel export of the app is
opened with data holding decimals (1250,5) and thousands (1.250.000), and every cell is checked —
numbers are numeric cells with the Indonesian number format of `karier.core.excel` (years without
grouping), dates are date cells with the Indonesian date format, and no text holds a number written
the English way ("73.8", "1,250,000")."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from karier.appraisal.public import services as public_services
from karier.core import audit
from karier.core.excel import ANGKA, TAHUN, TANGGAL, WAKTU, number_format
from karier.people.access import SYSTEM
from karier.plans.models import IndikatorKinerjaIndividu, Skp
from karier.standards.models import Indikator, NilaiIndikator, PerjanjianKinerja, Renstra, StandarHasil
from karier.standards.services.perjanjian import perjanjian_baris_add, perjanjian_create
from tests.appraisal.test_appraisal_calibration_support import Seksi, seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

DECIMAL = Decimal("1250.5")
THOUSANDS = Decimal("1250000")
# A number the English way inside text: grouped by "," ("1,250" "1,250,000.5"), or a "." followed by
# one, two, or four and more digits (never thousands grouping: "73.8", "1250.50", "1250.5000").
ENGLISH = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\w.,])")
# Screens with an "Unduh Excel" link of their own (`?export=xlsx`): the views modules that have one.
EXPORT_SWITCH = re.compile(r'"export"\) == "xlsx"|wants_xlsx\(request\)')
SCREEN_MODULES = {
    "appraisal/public/views.py",
    "development/outcomes/views.py",
    "development/competency/views.py",
    "development/recommend/views.py",
    "talent/ninebox/views.py",
    "talent/career/views.py",
    "talent/recompute/views.py",
    "talent/succession/views.py",
    "talent/history/views.py",
    "talent/recognition/views.py",
    "people/views.py",
    "plans/views.py",
    "plans/views_insight.py",
    "standards/views/jabatan.py",
    "standards/views/perjanjian.py",
    "standards/views/renstra.py",
    "standards/views/rpjmd.py",
    "insight/dashboards/views.py",  # issue #13 item 1: every dashboard panel's table
}


# The Excel routes of the app: each one is opened by `test_every_export_writes_numbers_the_indonesian_way`.
XLSX_ROUTES = {
    "core:audit_xlsx",
    "plans_insight:skp_xlsx",
    "api:skp_xlsx",
    "appraisal:bulk_excel",
    "appraisal_calibration:rekap_xlsx",
    "api:rekap_xlsx",
    "appraisal_calibration:agency_xlsx",
    "development:jp_rekap_xlsx",
    "development:siasn_ekspor_xlsx",
    "development:rencana_xlsx",
    "talent:credit_pegawai_xlsx",
    "talent:credit_formasi_xlsx",
    "talent:credit_daftar_xlsx",
    "talent:coaching_xlsx",
    "talent:promotion_xlsx",
    "insight:keadilan_xlsx",
    "public_feedback:skm_kelola_xlsx",
}


def test_formats_are_indonesian() -> None:
    assert number_format(1250) == ANGKA == "[$-421]#,##0"
    assert number_format(Decimal("1250.5000")) == "[$-421]#,##0.0"
    assert number_format(73.8) == "[$-421]#,##0.0"
    assert number_format(Decimal("0.125")) == "[$-421]#,##0.000"
    assert number_format(dt.date(2026, 1, 2)) == TANGGAL == "[$-421]d mmm yyyy"
    assert number_format(dt.datetime(2026, 1, 2, 3, 4)) == WAKTU
    assert number_format("73,8") is None and number_format(True) is None and number_format(None) is None
    assert ENGLISH.search("target 73.8 persen") and ENGLISH.search("1,250,000") and ENGLISH.search("1250.5000")
    assert not ENGLISH.search("1.250.000 orang; 73,8 %; NIP 19750316 199903 1 003; 2021–2026; IKU-01")


# ---------------------------------------------------------------------------- the data
def _data(org: Org) -> Seksi:
    from karier.standards.demo import seed_standards

    seed_standards()
    s = seksi(org, extra=0)
    IndikatorKinerjaIndividu.objects.filter(target_angka__isnull=False).update(target_angka=DECIMAL)
    NilaiIndikator.objects.update(target=DECIMAL, realisasi=THOUSANDS)
    StandarHasil.objects.filter(target_angka__isnull=False).update(target_angka=THOUSANDS)
    ind = Indikator.objects.get(kode="IKD-DIK-01")
    pk = perjanjian_create(actor=SYSTEM, opd=org.units["dik"], tahun=2025)
    perjanjian_baris_add(actor=SYSTEM, perjanjian=pk, sasaran=ind.sasaran_renstra, indikator=ind, target=DECIMAL)
    perjanjian_baris_add(actor=SYSTEM, perjanjian=pk, sasaran=ind.sasaran_renstra, indikator=ind, target=THOUSANDS)
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    audit.record(
        actor=SYSTEM,
        action="iki.update",
        obj=skp,
        summary="uji angka",
        changes={"target_angka": ["12.0000", "1250.5000"], "anggaran": [1250000, 1250000.5]},
    )
    link = public_services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    public_services.umpan_balik_send(
        tautan=link, skor_layanan=4, skor_perilaku=5, komentar="Cepat", perangkat_id="p1", alamat="10.0.0.9"
    )
    return s


def _exports(org: Org, s: Seksi) -> dict[str, tuple[str, str]]:
    """Every export: {what: (who, url)}."""
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    pk = PerjanjianKinerja.objects.get(opd=org.units["dik"], tahun=2025)
    renstra = Renstra.objects.get(opd=org.units["dik"])
    ind = Indikator.objects.get(kode="IKU-01")
    unit = (s.periode.pk, s.unit.pk)
    agency = (s.periode.pk, org.units["dik"].pk)
    year = s.periode.tahun_id
    jabatan = org.jabatan["staf1"].pk
    return {
        "core:audit_xlsx": ("admin", reverse("core:audit_xlsx")),
        "plans_insight:skp_xlsx": ("staf1a", reverse("plans_insight:skp_xlsx", args=[skp.pk])),
        "api:skp_xlsx": ("staf1a", f"/api/v1/skp/{skp.pk}/xlsx"),
        "appraisal:bulk_excel": ("kasi1", reverse("appraisal:bulk_excel", args=[s.periode.pk])),
        "appraisal_calibration:rekap_xlsx": ("kasi1", reverse("appraisal_calibration:rekap_xlsx", args=unit)),
        "api:rekap_xlsx": ("kasi1", f"/api/v1/penilaian/kalibrasi/{unit[0]}/unit/{unit[1]}/rekap.xlsx"),
        "appraisal_calibration:agency_xlsx": ("kadis", reverse("appraisal_calibration:agency_xlsx", args=agency)),
        "development:jp_rekap_xlsx": ("admin", reverse("development:jp_rekap_xlsx") + "?tabel=rekap"),
        "jp people": ("admin", reverse("development:jp_rekap_xlsx")),
        "development:siasn_ekspor_xlsx": ("admin", reverse("development:siasn_ekspor_xlsx")),
        "development:rencana_xlsx": ("admin", reverse("development:rencana_xlsx")),
        "development:kegiatan_evaluasi_rekap": ("admin", "/pengembangan/evaluasi-kegiatan/?export=xlsx"),
        "development:tindak_lanjut_daftar": ("kasi1", "/pengembangan/tindak-lanjut/?export=xlsx"),
        "development:kompetensi_analisis": ("admin", reverse("development:kompetensi_analisis") + "?export=xlsx"),
        # Recommendations (issue #11 item 5): mine, a person's, the team's needs and sessions, the runs.
        "development:rekomendasi_saya": ("staf1a", "/pengembangan/rekomendasi/?export=xlsx"),
        "development:rekomendasi_pegawai": (
            "kasi1",
            f"/pengembangan/rekomendasi/pegawai/{org.pegawai['staf1a'].pk}/?export=xlsx",
        ),
        "development:rekomendasi_tim": ("kasi1", "/pengembangan/rekomendasi/tim/?export=xlsx"),
        "rekomendasi tim sesi": ("kasi1", "/pengembangan/rekomendasi/tim/?export=sesi-xlsx"),
        "development:rekomendasi_hitung": ("admin", "/pengembangan/rekomendasi/hitung/?export=xlsx"),
        "people:directory": ("admin", "/pegawai/?export=xlsx"),
        "plans:bawahan": ("kasi1", f"/skp/bawahan/?tahun={year}&export=xlsx"),
        "coverage tanpa-skp": ("admin", f"/skp/cakupan/?tahun={year}&celah=tanpa-skp&export=xlsx"),
        "coverage rhk-yatim": ("admin", f"/skp/cakupan/?tahun={year}&celah=rhk-yatim&export=xlsx"),
        "coverage indikator": ("admin", f"/skp/cakupan/?tahun={year}&celah=indikator&export=xlsx"),
        "moderation": ("kasi1", "/penilaian/publik/moderasi/?status=&export=xlsx"),
        "standards:overview": ("admin", "/standar/?export=xlsx"),
        "standards:indikator": ("admin", f"/standar/indikator/{ind.pk}/?export=xlsx"),
        "standards:renstra_list": ("admin", "/standar/renstra/?export=xlsx"),
        "standards:renstra_detail": ("admin", f"/standar/renstra/{renstra.pk}/?export=xlsx"),
        "standards:perjanjian_list": ("admin", "/standar/perjanjian/?export=xlsx"),
        "standards:perjanjian_detail": ("admin", f"/standar/perjanjian/{pk.pk}/?export=xlsx"),
        "standards:jabatan_list": ("admin", "/standar/jabatan/?export=xlsx"),
        "standards:jabatan_standar": ("admin", f"/standar/jabatan/{jabatan}/?export=xlsx"),
        "talent:ninebox_kotak": ("admin", f"/karier/talenta/kotak/5/?tahun={year}&export=xlsx"),
        "talent:ninebox_hukuman_list": ("admin", "/karier/hukuman-disiplin/?export=xlsx"),
        # Angka kredit (issue #12 item 3): a person's ledger and the formasi list.
        "talent:credit_pegawai_xlsx": (
            "admin",
            reverse("talent:credit_pegawai_xlsx", args=[org.pegawai["pranata"].pk]),
        ),
        "talent:credit_formasi_xlsx": ("admin", reverse("talent:credit_formasi_xlsx")),
        "talent:credit_daftar_xlsx": ("admin", reverse("talent:credit_daftar_xlsx")),
        # Coaching (issue #12 item 6): every plan the BKD sees.
        "talent:coaching_xlsx": ("admin", reverse("talent:coaching_xlsx")),
        "talent:promotion_xlsx": ("admin", reverse("talent:promotion_xlsx") + "?layak=semua"),
        # Succession (issue #12 item 5): key positions, one position's candidates, at risk, the talent pool.
        "talent:succession_list": ("admin", "/karier/suksesi/?export=xlsx"),
        "talent:succession_detail": ("admin", f"/karier/suksesi/{_kritikal(org)}/?export=xlsx"),
        "talent:succession_at_risk": ("admin", "/karier/suksesi/berisiko/?export=xlsx"),
        "talent:succession_pool": ("admin", "/karier/suksesi/kelompok-talenta/?export=xlsx"),
        # Predikat history (issue #12 item 1): the imports and a person's predikat by year.
        "talent:history_impor_daftar": ("admin", "/karier/riwayat-kinerja/?export=xlsx"),
        "talent:history_pegawai": ("admin", f"/karier/riwayat-kinerja/pegawai/{org.pegawai['staf1a'].pk}/?export=xlsx"),
        # Recognition (issue #12 item 8): the feed, innovations (mine, the team's), award proposals.
        "talent:recognition_apresiasi_feed": ("admin", "/karier/apresiasi/?export=xlsx"),
        "talent:recognition_inovasi_saya": ("staf1a", "/karier/inovasi/?export=xlsx"),
        "talent:recognition_inovasi_verifikasi": ("kasi1", "/karier/inovasi/verifikasi/?export=xlsx"),
        "talent:recognition_penghargaan": ("admin", "/karier/penghargaan/?export=xlsx"),
        # The career page's team list and the career recomputation runs (issue #12 item 7).
        "talent:karier_tim": ("kasi1", "/karier/tim/?export=xlsx"),
        "talent:hitung": ("admin", "/karier/hitung/?export=xlsx"),
        # Dashboards (issue #13 item 1): every panel of the province's (refreshed first), a team's, mine.
        "insight:dasbor_provinsi": ("admin", _dasbor(f"/wawasan/dasbor/provinsi/?tahun={year}&export=xlsx")),
        "insight:dasbor_opd": ("kadis", f"/wawasan/dasbor/opd/?tahun={year}&export=xlsx&bagian=penyelesaian"),
        "insight:dasbor_tim": ("kasi1", f"/wawasan/dasbor/tim/?tahun={year}&export=xlsx"),
        "insight:dasbor_saya": ("staf1a", f"/wawasan/dasbor/saya/?tahun={year}&export=xlsx"),
        # The SKM result of a unit's period (issue #13 item 3).
        "public_feedback:skm_kelola_xlsx": ("kabid1", _skm(org)),
        # Fairness analytics (issue #13 item 2): the agency head's own agency.
        "insight:keadilan_xlsx": (
            "kadis",
            f"{reverse('insight:keadilan_xlsx')}?opd={org.units['dik'].pk}&tahun={year}",
        ),
    }


def _skm(org: Org) -> str:
    """An SKM period with responses (issue #13 item 3), for the Excel of its result."""
    from tests.appraisal.skm_support import fill, make_period

    periode = make_period(org)
    fill(periode)
    return reverse("public_feedback:skm_kelola_xlsx", args=[periode.pk])


def _dasbor(url: str) -> str:
    """The dashboards' figures refreshed (issue #13 item 1) before their export is opened."""
    from karier.insight.dashboards.refresh import dasbor_refresh_now

    dasbor_refresh_now(actor=SYSTEM)
    return url


def _kritikal(org: Org) -> int:
    """A key position (issue #12 item 5) for the succession exports."""
    from karier.talent.succession.services import SyaratData
    from tests.talent.test_talent_succession_support import kritikal_set

    return kritikal_set(actor=SYSTEM, jabatan=org.jabatan["kabid1"], data=SyaratData()).pk


def _xlsx_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":
                    walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                text = f"{p.name} {p.pattern}".lower()
                if "xlsx" in text or "excel" in text:
                    names.add(f"{ns}{p.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_export_is_in_the_list() -> None:
    """A new Excel route, or a new screen with its own Excel link, must be added to `_exports`."""
    assert _xlsx_routes() == XLSX_ROUTES, _xlsx_routes() ^ XLSX_ROUTES
    root = Path(__file__).resolve().parents[2] / "karier"
    with_switch = {
        str(p.relative_to(root)) for p in root.rglob("*.py") if EXPORT_SWITCH.search(p.read_text(encoding="utf-8"))
    }
    assert with_switch - {"standards/views/common.py"} == SCREEN_MODULES


# ---------------------------------------------------------------------------- the check
def _problems(data: bytes) -> tuple[list[str], int, set[str]]:
    """(cells that break the convention, numeric cells seen, every text)."""
    wb = load_workbook(io.BytesIO(data))
    bad: list[str] = []
    numbers = 0
    texts: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v, fmt, where = c.value, c.number_format, f"{ws.title}!{c.coordinate}"
                if v is None or isinstance(v, bool):
                    continue
                if isinstance(v, dt.datetime | dt.date | dt.time):
                    if fmt not in (TANGGAL, WAKTU):
                        bad.append(f"{where}: date {v!r} with format {fmt!r}")
                elif isinstance(v, int | float):
                    numbers += 1
                    year = fmt == TAHUN and isinstance(v, int) and 1900 <= v <= 2100
                    if not year and fmt != number_format(Decimal(str(v))):
                        bad.append(f"{where}: number {v!r} with format {fmt!r}")
                else:
                    texts.add(str(v))
                    if ENGLISH.search(str(v)):
                        bad.append(f"{where}: English number in text {v!r}")
    return bad, numbers, texts


def test_every_export_writes_numbers_the_indonesian_way(org: Org) -> None:
    s = _data(org)
    checked: dict[str, str] = {}
    failures: dict[str, list[str]] = {}
    decimal_seen = False
    for what, (who, url) in _exports(org, s).items():
        c = Client()
        c.force_login(org.users[who])
        r = c.get(url)
        assert r.status_code == 200, (what, r.status_code, r.content[:200])
        assert r.content[:2] == b"PK", what  # an xlsx (zip) file
        bad, numbers, texts = _problems(r.content)
        if bad:
            failures[what] = bad[:5]
        checked[what] = f"{numbers} numbers"
        decimal_seen |= any("1.250,5" in t for t in texts)
        if what in {"standards:overview", "standards:indikator", "standards:perjanjian_detail"}:
            assert numbers > 0, what  # the decimals are numeric cells there
    assert failures == {}
    assert decimal_seen  # text that shows a decimal (the SKP targets, the audit changes) shows "1.250,5"
    assert set(checked) >= XLSX_ROUTES


def test_decimal_and_thousands_are_stored_as_numbers(org: Org) -> None:
    s = _data(org)
    c = Client()
    c.force_login(org.users["admin"])
    ind = Indikator.objects.get(kode="IKU-01")
    wb = load_workbook(io.BytesIO(c.get(f"/standar/indikator/{ind.pk}/?export=xlsx").content))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    decimal = [x for x in cells if x.value == float(DECIMAL)]
    thousands = [x for x in cells if x.value == int(THOUSANDS)]
    assert decimal and thousands
    assert {x.number_format for x in decimal} == {"[$-421]#,##0.0"}
    assert {x.number_format for x in thousands} == {"[$-421]#,##0"}
    years = [x for x in cells if x.value == s.periode.tahun_id or x.value == 2026]
    assert years and {x.number_format for x in years} == {TAHUN}  # "2026", not "2.026"


def test_unit_page_links_the_excel_of_its_people(org: Org) -> None:
    """The unit screen's people table downloads through the directory's export (the unit's subtree)."""
    c = Client()
    c.force_login(org.users["kabid1"])
    unit = org.units["dik_b1"]
    page = c.get(reverse("people:unit_detail", args=[unit.pk])).content.decode()
    url = f"{reverse('people:directory')}?unit={unit.pk}&amp;export=xlsx"
    assert url in page
    wb = load_workbook(io.BytesIO(c.get(url.replace("&amp;", "&")).content))
    names = {r[1] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert {org.pegawai[k].nama for k in ("kabid1", "kasi1", "staf1a")} <= names  # the sub-unit's too
    assert org.pegawai["kabid2"].nama not in names


def test_the_check_catches_what_it_looks_for() -> None:
    """A workbook written without the helpers fails the check: a General number, a text number."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([1250.5, "73.8", "1,250,000", dt.date(2026, 1, 2), "1.250,5 orang"])
    buf = io.BytesIO()
    wb.save(buf)
    bad, numbers, _texts = _problems(buf.getvalue())
    assert numbers == 1
    assert [b.split(":")[0] for b in bad] == ["Sheet!A1", "Sheet!B1", "Sheet!C1", "Sheet!D1"]


def test_the_row_limit_note_is_in_the_readers_language() -> None:
    """A cut export says so in the reader's language (the note was plain Indonesian in every export)."""
    from django.utils import translation
    from openpyxl import load_workbook

    from karier.core.excel import table_xlsx

    with translation.override("en"):
        data = table_xlsx(sheet="T", title="Judul", header=["N"], rows=[[1], [2], [3]], limit=2)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[-1][0] == "Limited to the first 2 rows; narrow the filter for the rest."
