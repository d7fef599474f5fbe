"""The BKD admin's "Data induk" site (/data-induk/, issue #10 §6): Sari — admin BKD, neither staff nor
superuser — opens every master-data list and form; auditors, agency heads, employees and strangers are
kept out; only the listed models are there; every change is audited with its diff (services where the
app's admin uses one); nothing with history is deleted; period status moves only on the calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from karier.accounts.models import User
from karier.appraisal.evaluation import periods
from karier.appraisal.models import KalenderPenilaian, PeriodePenilaian
from karier.core import datainduk
from karier.core.admin import AuditedAdminMixin
from karier.core.models import AuditEvent
from karier.people.models import Instansi, Jabatan, Pegawai, Penugasan, UnitKerja
from tests.appraisal.test_appraisal_support import YEAR
from tests.core.test_core_admin_audit import _form_data
from tests.core.test_core_probe_edges import check_html
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

MASTER_DATA = {
    "people.instansi",
    "people.unitkerja",
    "people.jabatan",
    "people.pegawai",
    "people.penugasan",
    "people.riwayatgolongan",
    "people.golongan",
    "people.eselon",
    "people.jenisjabatansiasn",
    "people.jabatanfungsional",
    "standards.nilaiberakhlak",
    "standards.panduanperilaku",
    "plans.tahunkinerja",
    "appraisal.kalenderpenilaian",
    "appraisal.periodepenilaian",
    "development.kompetensi",  # issue #11: the competency dictionary (wording, levels)
    "development.standarkompetensijabatan",  # and the required level per position
}
# What the BKD admin may add here; the rest is made elsewhere (reference data by `load-refdata`,
# calendars and periods by the calendar screen).
ADDABLE = {
    "people.instansi",
    "people.unitkerja",
    "people.jabatan",
    "people.pegawai",
    "people.penugasan",
    "people.riwayatgolongan",
    "plans.tahunkinerja",
    "development.standarkompetensijabatan",
}


@pytest.fixture
def sari(org: Org) -> User:
    """A BKD admin as production makes one: the flag only, no `is_staff`, no Django permission."""
    return User.objects.create_user(username="sari", password="x", is_admin_bkd=True)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(label: str, view: str, *args: Any) -> str:
    app, model = label.split(".")
    return reverse(f"datainduk:{app}_{model}_{view}", args=args)


def _calendar(org: Org) -> PeriodePenilaian:
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    return PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)


def test_the_site_holds_exactly_the_master_data_each_through_an_audited_admin() -> None:
    registry = datainduk.site._registry
    assert {m._meta.label_lower for m in registry} == MASTER_DATA
    for model, model_admin in registry.items():
        assert isinstance(model_admin, AuditedAdminMixin), model
        # the app's own admin (the one /admin/ uses) is reused, with its forms and services
        assert isinstance(model_admin, type(admin.site._registry[model]))


def test_sari_opens_the_index_every_list_every_form_and_a_change_page(org: Org, sari: User) -> None:
    _calendar(org)
    client = _client(sari)
    index = client.get("/data-induk/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "Karier — Data induk" in page and "Pegawai dan jabatan" in page
    assert 'name="viewport"' in page and "admin/css/responsive.css" in page  # usable at 360 px
    check_html(index, "/data-induk/", signed_in=True)
    for model, model_admin in datainduk.site._registry.items():
        label = model._meta.label_lower
        listing = client.get(_url(label, "changelist"))
        assert listing.status_code == 200, label
        check_html(listing, label, signed_in=True)
        add = client.get(_url(label, "add"))
        assert add.status_code == (200 if label in ADDABLE else 403), label
        first = model_admin.get_queryset(listing.wsgi_request).first()
        if first is not None:
            assert client.get(_url(label, "change", first.pk)).status_code == 200, label


@pytest.mark.parametrize("who", ["auditor", "kadis", "staf1a", "unlinked", "admin_and_auditor"])
def test_everyone_without_the_admin_role_is_refused(org: Org, who: str) -> None:
    if who == "admin_and_auditor":  # auditors write nothing, even when also flagged admin
        user = User.objects.create_user(username="dua", password="x", is_admin_bkd=True, is_auditor=True)
    else:
        user = org.users[who]
    client = _client(user)
    unit = org.units["dik"]
    for url in ("/data-induk/", "/data-induk/people/pegawai/", f"/data-induk/people/unitkerja/{unit.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 403, (who, url)
        assert "admin BKD" in response.content.decode()
    response = client.post(
        "/data-induk/people/instansi/add/", {"nama": "Instansi Palsu", "kode_cepat": "X1", "jenis": "PROVINSI"}
    )
    assert response.status_code == 403
    assert not Instansi.objects.filter(nama="Instansi Palsu").exists()
    assert "/data-induk/" not in client.get("/pegawai/").content.decode()  # no menu link to a shut door


def test_signed_out_visitors_go_to_karier_login(org: Org) -> None:
    anon = Client()
    for url in ("/data-induk/", "/data-induk/people/pegawai/", "/data-induk/login/", "/data-induk/tidak-ada/"):
        response = anon.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/akun/masuk/"), url
    assert "next=/data-induk/" in anon.get("/data-induk/login/?next=https://example.com/")["Location"]


def test_the_menu_links_to_the_site_for_bkd_admins(org: Org, sari: User) -> None:
    page = _client(sari).get("/pegawai/").content.decode()
    assert 'href="/data-induk/"' in page and 'href="/admin/"' not in page


def test_superuser_tables_are_not_on_the_site(org: Org, sari: User) -> None:
    client = _client(sari)
    for url in (
        "/data-induk/accounts/user/",
        f"/data-induk/accounts/user/{sari.pk}/change/",
        "/data-induk/auth/group/",
        "/data-induk/appraisal/evaluasi/",
        "/data-induk/core/auditevent/",
        "/data-induk/plans/skp/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/admin/").status_code == 302  # /admin/ stays for superusers


def test_a_change_is_audited_with_its_diff(org: Org, sari: User) -> None:
    client = _client(sari)
    unit = org.units["dik"]
    url = _url("people.unitkerja", "change", unit.pk)
    data = _form_data(client, url)
    old = unit.nama
    data["nama"] = "Dinas Pendidikan dan Kebudayaan"
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.filter(action="admin.change", object_id=str(unit.pk)).get()
    assert event.actor_id == sari.pk
    assert event.object_type == "people.unitkerja"
    assert event.changes == {"nama": [old, "Dinas Pendidikan dan Kebudayaan"]}


def test_a_new_position_still_goes_through_the_service(org: Org, sari: User) -> None:
    kasi = org.jabatan["kasi1"]
    data = {
        "unit": kasi.unit_id,
        "nama": "Analis Kurikulum",
        "jenis": "PELAKSANA",
        "jenjang": kasi.jenjang,
        "atasan": kasi.pk,
        "formasi": 2,
        "aktif": "on",
    }
    response = _client(sari).post(_url("people.jabatan", "add"), {k: v for k, v in data.items() if v != ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    jabatan = Jabatan.objects.get(nama="Analis Kurikulum")
    assert jabatan.path.startswith(kasi.path)
    event = AuditEvent.objects.get(action="jabatan.create", object_id=str(jabatan.pk))
    assert event.actor_id == sari.pk


def test_rows_with_history_are_never_deleted(org: Org, sari: User) -> None:
    period = _calendar(org)
    client = _client(sari)
    pegawai = org.pegawai["staf1a"]
    penugasan = Penugasan.objects.filter(pegawai=pegawai).first()
    assert penugasan is not None
    rows = [
        ("people.pegawai", pegawai),
        ("people.penugasan", penugasan),
        ("people.unitkerja", org.units["dik"]),
        ("people.jabatan", org.jabatan["staf1"]),
        ("appraisal.periodepenilaian", period),
    ]
    for label, obj in rows:
        assert client.get(_url(label, "delete", obj.pk)).status_code == 403, label
        assert client.post(_url(label, "delete", obj.pk), {"post": "yes"}).status_code == 403, label
        assert type(obj).objects.filter(pk=obj.pk).exists(), label
    # nor in bulk: the changelist offers no delete action
    response = client.post(
        _url("people.pegawai", "changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [str(pegawai.pk)]},
    )
    assert Pegawai.objects.filter(pk=pegawai.pk).exists()
    assert "delete_selected" not in client.get(_url("people.pegawai", "changelist")).content.decode()
    assert response.status_code in {200, 302}
    assert not AuditEvent.objects.filter(action="admin.delete").exists()


def test_an_unused_agency_may_be_deleted_a_used_one_not(org: Org, sari: User) -> None:
    client = _client(sari)
    spare = Instansi.objects.create(nama="Instansi Salah Ketik", kode_cepat="SALAH", jenis=org.instansi.jenis)
    assert client.post(_url("people.instansi", "delete", spare.pk), {"post": "yes"}).status_code == 302
    assert not Instansi.objects.filter(pk=spare.pk).exists()
    assert AuditEvent.objects.get(action="admin.delete", object_id=str(spare.pk)).actor_id == sari.pk
    used = org.instansi
    response = client.post(_url("people.instansi", "delete", used.pk), {"post": "yes"})
    assert response.status_code == 200  # Django's page naming what still uses it
    assert Instansi.objects.filter(pk=used.pk).exists()


def test_period_status_is_read_only_and_moves_on_the_calendar(org: Org, sari: User) -> None:
    period = _calendar(org)
    client = _client(sari)
    url = _url("appraisal.periodepenilaian", "change", period.pk)
    page = client.get(url).content.decode()
    assert f"/penilaian/kalender/?tahun={YEAR}" in page
    data = _form_data(client, url)
    assert "status" not in data
    new_deadline = period.batas_pengisian + dt.timedelta(days=10)
    data.update({"status": "DIBUKA", "batas_pengisian": new_deadline.strftime("%d-%m-%Y")})
    assert client.post(url, data).status_code == 302
    period.refresh_from_db()
    assert (period.status, period.batas_pengisian) == ("BELUM_DIBUKA", new_deadline)
    # through the calendar's service: its audit event, no second admin row
    event = AuditEvent.objects.get(action="penilaian.periode_ubah", object_id=str(period.pk))
    assert event.actor_id == sari.pk
    assert event.changes["batas_pengisian"][1] == new_deadline.isoformat()
    assert not AuditEvent.objects.filter(action="admin.change", object_id=str(period.pk)).exists()


def test_a_period_refused_by_the_service_keeps_its_dates_and_says_why(org: Org, sari: User) -> None:
    period = _calendar(org)
    client = _client(sari)
    url = _url("appraisal.periodepenilaian", "change", period.pk)
    data = _form_data(client, url)
    too_early = period.selesai - dt.timedelta(days=5)
    data.update({"dibuka_pada": (too_early - dt.timedelta(days=3)).strftime("%d-%m-%Y")})
    data.update({"batas_pengisian": too_early.strftime("%d-%m-%Y")})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Batas pengisian tidak boleh sebelum periode berakhir" in response.content.decode()
    before = (period.dibuka_pada, period.batas_pengisian)
    period.refresh_from_db()
    assert (period.dibuka_pada, period.batas_pengisian) == before
    assert not AuditEvent.objects.filter(action="penilaian.periode_ubah").exists()


def test_curve_and_objection_policy_change_is_checked_and_audited(org: Org, sari: User) -> None:
    _calendar(org)
    client = _client(sari)
    url = _url("appraisal.kalenderpenilaian", "change", YEAR)
    data = _form_data(client, url)
    assert "frekuensi" not in data  # the frequency replaces periods: calendar screen only
    bad = client.post(url, {**data, "kebijakan_kurva": '{"rules": {"Istimewa": "semua"}}'})
    assert bad.status_code == 200
    assert "harus berupa daftar" in bad.content.decode()
    too_long = client.post(url, {**data, "jendela_keberatan_hari": "500"})
    assert too_long.status_code == 200
    assert KalenderPenilaian.objects.get(tahun_id=YEAR).jendela_keberatan_hari == 14
    assert client.post(url, {**data, "jendela_keberatan_hari": "30"}).status_code == 302
    event = AuditEvent.objects.get(action="admin.change", object_type="appraisal.kalenderpenilaian")
    assert event.changes == {"jendela_keberatan_hari": [14, 30]}
    assert event.actor_id == sari.pk


def test_dates_are_shown_the_indonesian_way(org: Org, sari: User) -> None:
    _calendar(org)
    page = _client(sari).get(_url("appraisal.periodepenilaian", "changelist") + f"?tahun__tahun__exact={YEAR}")
    html = page.content.decode()
    assert f"31 Maret {YEAR}" in html or f"31 Mar {YEAR}" in html
    assert f"{YEAR}-03-31" not in html and f"March 31, {YEAR}" not in html


def test_a_closed_year_changes_no_more(org: Org, sari: User) -> None:
    period = _calendar(org)
    PeriodePenilaian.objects.filter(tahun_id=YEAR).update(status="DITUTUP")
    type(period.tahun).objects.filter(pk=YEAR).update(ditutup=True)
    client = _client(sari)
    url = _url("appraisal.periodepenilaian", "change", period.pk)
    assert client.get(url).status_code == 200  # a read view
    data = {"nama": "Diubah", "dibuka_pada": "01-04-2026", "batas_pengisian": "30-04-2026"}
    assert client.post(url, data).status_code == 403
    assert PeriodePenilaian.objects.get(pk=period.pk).nama == period.nama


def test_units_made_here_go_through_the_service(org: Org, sari: User) -> None:
    dik = org.units["dik"]
    response = _client(sari).post(
        _url("people.unitkerja", "add"),
        {"instansi": org.instansi.pk, "nama": "Bidang Uji Data Induk", "jenis": "BIDANG", "parent": dik.pk},
    )
    assert response.status_code == 302
    unit = UnitKerja.objects.get(nama="Bidang Uji Data Induk")
    assert unit.opd == dik
    assert AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk)).actor_id == sari.pk


def test_a_bkd_admin_decides_nothing_about_herself(org: Org) -> None:
    """Nobody decides about themselves: an admin who is also an employee may not edit her own record,
    assign herself a position or record her own promotion — here or through the services."""
    from django.core.exceptions import PermissionDenied

    from karier.people.models import Golongan
    from karier.people.services.pegawai import golongan_record
    from karier.people.services.penugasan import penugasan_assign

    me = org.pegawai["staf2"]
    user = org.users["staf2"]
    user.is_admin_bkd = True
    user.save(update_fields=["is_admin_bkd"])
    client = _client(user)
    own = _url("people.pegawai", "change", me.pk)
    page = client.get(own)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # read-only
    assert client.post(own, {"nama": "Nama Baru"}).status_code == 403
    other = org.pegawai["staf1a"]
    assert 'name="_save"' in client.get(_url("people.pegawai", "change", other.pk)).content.decode()

    before = Penugasan.objects.filter(pegawai=me).count()
    data = {"pegawai": me.pk, "jabatan": org.jabatan["kabid1"].pk, "jenis": "PLT", "mulai": "2026-02-01"}
    refused = client.post(_url("people.penugasan", "add"), data)
    assert refused.status_code == 200
    assert "keputusan ini diambil oleh admin BKD lain" in refused.content.decode()
    assert Penugasan.objects.filter(pegawai=me).count() == before

    actor = org.actor("staf2")
    with pytest.raises(PermissionDenied):
        penugasan_assign(actor=actor, pegawai=me, jabatan=org.jabatan["kabid1"], mulai=dt.date(2026, 2, 1), jenis="PLT")
    with pytest.raises(PermissionDenied):
        golongan_record(actor=actor, pegawai=me, golongan=Golongan.objects.first(), tmt=dt.date(2026, 4, 1))
    assert Penugasan.objects.filter(pegawai=me).count() == before
