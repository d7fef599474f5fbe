"""Sanctions and rule set versions (issue #12 item 4, "Bad input"): each refusal names its reason and
writes nothing (no row, no audit event); nobody records a sanction about themselves; a rule set in
use is never edited — a change is a new version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.talent.models import AturanTalenta, HukumanDisiplin
from karier.talent.ninebox import jenis, services
from karier.talent.ninebox.services import AturanData, HukumanData

pytestmark = pytest.mark.django_db
D = dt.date(2025, 3, 1)


def _data(**kw: Any) -> HukumanData:
    base: dict[str, Any] = {"jenis": 4, "nomor_sk": "800/12/BKD/2025", "tanggal_sk": D, "tmt_mulai": D}
    return HukumanData(**{**base, **kw})


def test_kinds_are_loaded_once_from_the_json() -> None:
    kinds = jenis.all_kinds()
    assert kinds is jenis.all_kinds()
    assert len(kinds) == 21 and kinds[1].tingkat == "R" and kinds[4].tingkat == "S" and kinds[28].tingkat == "B"
    assert jenis.get("abc") is None and jenis.get(26) is None
    assert (4, "PENUNDAAN KGB SELAMA 1 THN (Sedang)") in jenis.choices()


def test_record_takes_the_level_from_the_kind_and_audits(org: Any) -> None:
    p = org.pegawai["staf1a"]
    row = services.hukuman_record(actor=org.actor("admin"), pegawai=p, data=_data(jenis=9, nomor_sk=" 800/9 "))
    assert (row.tingkat, row.nomor_sk) == ("B", "800/9")
    assert AuditEvent.objects.filter(action="hukuman.record", object_id=str(row.pk)).exists()
    services.hukuman_update(actor=org.actor("admin"), hukuman=row, data=_data(jenis=2, nomor_sk="800/9"))
    row.refresh_from_db()
    assert row.tingkat == "R"
    ev = AuditEvent.objects.get(action="hukuman.update")
    assert ev.changes["tingkat"] == ["B", "R"]


TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"jenis": 26}, "jenis"),  # not a SIASN kind
        ({"jenis": "x"}, "jenis"),
        ({"jenis": None}, "jenis"),
        ({"nomor_sk": ""}, "nomor_sk"),  # without a decree number
        ({"nomor_sk": "   "}, "nomor_sk"),
        ({"nomor_sk": "x" * 81}, "nomor_sk"),
        ({"tmt_selesai": D - dt.timedelta(days=1)}, "tmt_selesai"),  # end before start
        ({"tanggal_sk": None}, "tanggal_sk"),
        ({"tanggal_sk": TODAY + dt.timedelta(days=1)}, "tanggal_sk"),  # a decree from the future
        ({"tmt_mulai": TODAY + dt.timedelta(days=400)}, "tmt_mulai"),
        ({"tmt_mulai": None}, "tmt_mulai"),
        ({"tanggal_sk": dt.date(1900, 1, 1)}, "tanggal_sk"),
        ({"keterangan": "x" * 2001}, "keterangan"),
    ],
)
def test_bad_sanctions_are_refused_and_nothing_written(org: Any, kw: dict[str, Any], field: str) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.hukuman_record(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], data=_data(**kw))
    assert field in exc.value.message_dict
    assert not HukumanDisiplin.objects.exists() and AuditEvent.objects.count() == events


def test_bad_update_leaves_the_row_as_it_was(org: Any) -> None:
    row = services.hukuman_record(actor=org.actor("admin"), pegawai=org.pegawai["staf1a"], data=_data())
    with pytest.raises(ValidationError):
        services.hukuman_update(actor=org.actor("admin"), hukuman=row, data=_data(jenis=9, nomor_sk=""))
    row.refresh_from_db()
    assert (row.jenis, row.tingkat, row.nomor_sk) == (4, "S", "800/12/BKD/2025")


def test_only_bkd_and_never_about_oneself(org: Any) -> None:
    p = org.pegawai["staf1a"]
    for who in ("kabid1", "kadis", "auditor", "staf1b"):
        with pytest.raises(PermissionDenied):
            services.hukuman_record(actor=org.actor(who), pegawai=p, data=_data())
    user = org.users["staf1a"]
    user.is_admin_bkd = True
    user.save()
    with pytest.raises(PermissionDenied, match="sendiri"):
        services.hukuman_record(actor=org.actor("staf1a"), pegawai=p, data=_data())
    assert not HukumanDisiplin.objects.exists()


def test_sanction_form_screen(org: Any) -> None:
    c = Client()
    c.force_login(org.users["admin"])
    p = org.pegawai["staf1b"]
    form = {"nip": p.nip, "jenis": "4", "nomor_sk": "", "tanggal_sk": "2025-03-01", "tmt_mulai": "2025-03-01"}
    r = c.post("/karier/hukuman-disiplin/baru/", form)
    assert r.status_code == 400 and "Nomor SK hukuman disiplin wajib diisi." in r.content.decode()
    r = c.post("/karier/hukuman-disiplin/baru/", dict(form, nip="199901012020011999", nomor_sk="800/1"))
    assert r.status_code == 400 and "tidak ditemukan" in r.content.decode()
    assert not HukumanDisiplin.objects.exists()
    r = c.post("/karier/hukuman-disiplin/baru/", dict(form, nomor_sk="800/1"))
    assert r.status_code == 302
    row = HukumanDisiplin.objects.get()
    r = c.post(
        f"/karier/hukuman-disiplin/{row.pk}/ubah/", dict(form, jenis="1", nomor_sk="800/1", tmt_selesai="2025-01-01")
    )
    assert r.status_code == 400 and "Akhir hukuman tidak boleh sebelum TMT hukuman." in r.content.decode()
    r = c.get("/karier/hukuman-disiplin/?tingkat=S&export=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    html = c.get(f"/karier/hukuman-disiplin/?q={p.nip[:8]}").content.decode()
    assert "800/1" in html and "PENUNDAAN KGB" in html


# ------------------------------------------------------------------------------------ rule sets
def _aturan(**kw: Any) -> AturanData:
    base: dict[str, Any] = {
        "nama": "Aturan uji",
        "regulasi": "PermenPANRB 20/2025",
        "metode_kinerja": "terendah",
        "batas_tinggi": Decimal(90),
        "batas_menengah": Decimal(78),
        "bobot": {"kompetensi": "60", "potensi": "40"},
        "tahun_hukuman": 2,
        "kesiapan_sekarang": Decimal(100),
        "kesiapan_1_2_tahun": Decimal(75),
        "berlaku_mulai": dt.date(2026, 1, 1),
    }
    return AturanData(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"batas_menengah": Decimal(90)}, "batas_menengah"),  # menengah must be below tinggi
        ({"batas_menengah": Decimal(95)}, "batas_menengah"),
        ({"batas_tinggi": Decimal(101)}, "batas_tinggi"),
        ({"batas_tinggi": "sembilan"}, "batas_tinggi"),
        ({"bobot": {"kompetensi": "-1"}}, "bobot"),  # negative weight
        ({"bobot": {"kompetensi": "0", "potensi": "0"}}, "bobot"),  # no positive sum
        ({"bobot": {"Bad Name": "1"}}, "bobot"),
        ({"bobot": ["kompetensi"]}, "bobot"),
        ({"kesiapan_sekarang": Decimal(120)}, "kesiapan_sekarang"),
        ({"kesiapan_1_2_tahun": Decimal(-1)}, "kesiapan_1_2_tahun"),
        ({"kesiapan_sekarang": Decimal(70), "kesiapan_1_2_tahun": Decimal(80)}, "kesiapan_1_2_tahun"),
        ({"metode_kinerja": "rata-rata"}, "metode_kinerja"),
        ({"tahun_hukuman": 11}, "tahun_hukuman"),
        ({"nama": " "}, "nama"),
        ({"berlaku_mulai": None}, "berlaku_mulai"),
        ({"opd_id": 10**9}, "opd"),
    ],
)
def test_bad_rule_sets_are_refused(org: Any, kw: dict[str, Any], field: str) -> None:
    base = AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")
    n = AturanTalenta.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.aturan_add_version(actor=org.actor("admin"), dasar=base, data=_aturan(**kw))
    assert field in exc.value.message_dict
    assert AturanTalenta.objects.count() == n


def test_new_version_never_edits_the_old_one(org: Any) -> None:
    base = AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")
    before = {f.name: getattr(base, f.name) for f in AturanTalenta._meta.concrete_fields}
    v2 = services.aturan_add_version(actor=org.actor("admin"), dasar=base, data=_aturan(batas_tinggi="85,5"))
    v3 = services.aturan_add_version(actor=org.actor("admin"), dasar=base, data=_aturan(bobot={}))
    assert (v2.kode, v2.versi, v2.aktif, v2.batas_tinggi) == (base.kode, 2, False, Decimal("85.5"))
    assert v3.versi == 3 and v3.bobot == {}
    base.refresh_from_db()
    assert {f.name: getattr(base, f.name) for f in AturanTalenta._meta.concrete_fields} == before
    with pytest.raises(PermissionDenied):
        services.aturan_add_version(actor=org.actor("auditor"), dasar=base, data=_aturan())


def test_activate_per_scope(org: Any) -> None:
    general = AturanTalenta.objects.get(kode="PERMENPANRB-3-2020")  # the default, active
    other = AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")  # the 2025 example, inactive
    assert general.aktif and not other.aktif
    own = services.aturan_add_version(actor=org.actor("admin"), dasar=other, data=_aturan(opd_id=org.units["dik"].pk))
    services.aturan_activate(actor=org.actor("admin"), aturan=own)
    assert set(AturanTalenta.objects.filter(aktif=True).values_list("pk", flat=True)) == {general.pk, own.pk}
    services.aturan_activate(actor=org.actor("admin"), aturan=other)
    assert set(AturanTalenta.objects.filter(aktif=True).values_list("pk", flat=True)) == {other.pk, own.pk}
    with pytest.raises(PermissionDenied):
        services.aturan_activate(actor=org.actor("kadis"), aturan=general)


def test_rule_set_form_screen(org: Any) -> None:
    c = Client()
    c.force_login(org.users["admin"])
    base = AturanTalenta.objects.get(kode="PERMENPANRB-20-2025")
    r = c.get(f"/karier/talenta/aturan/{base.pk}/versi-baru/")
    assert r.status_code == 200 and "kompetensi=50" in r.content.decode()
    form = {
        "nama": "Versi 2",
        "regulasi": "PermenPANRB 20/2025",
        "metode_kinerja": "terendah",
        "batas_tinggi": "90",
        "batas_menengah": "92",
        "bobot": "kompetensi=50\npotensi=50",
        "tahun_hukuman": "2",
        "kesiapan_sekarang": "100",
        "kesiapan_1_2_tahun": "75",
        "berlaku_mulai": "2026-01-01",
    }
    r = c.post(f"/karier/talenta/aturan/{base.pk}/versi-baru/", form)
    assert r.status_code == 400 and "lebih rendah daripada batas Tinggi" in r.content.decode()
    r = c.post(f"/karier/talenta/aturan/{base.pk}/versi-baru/", dict(form, bobot="kompetensi 50"))
    assert r.status_code == 400
    r = c.post(f"/karier/talenta/aturan/{base.pk}/versi-baru/", dict(form, batas_menengah="77,5"))
    assert r.status_code == 302
    new = AturanTalenta.objects.get(kode=base.kode, versi=2)
    assert new.batas_menengah == Decimal("77.5") and new.bobot == {"kompetensi": "50", "potensi": "50"}
    html = c.get("/karier/talenta/aturan/").content.decode()
    assert 'data-testid="aturan"' in html and "77,5" in html


def test_demo_seed_is_idempotent_without_personas(org: Any) -> None:
    from karier.talent.ninebox.demo import seed_demo

    assert "dilewati" in seed_demo()
    assert not HukumanDisiplin.objects.exists()


def test_demo_seed_records_one_light_and_one_moderate_sanction_once(org: Any) -> None:
    from karier.accounts.models import User
    from karier.people.demo.personas import SARI, WATI
    from karier.people.models import Pegawai
    from karier.talent.ninebox.demo import seed_demo

    Pegawai.objects.filter(pk=org.pegawai["kabid1"].pk).update(nip=WATI.nip)
    User.objects.create_user(username=SARI.nip, password="x", is_admin_bkd=True)
    assert "2 dicatat" in seed_demo()
    rows = list(HukumanDisiplin.objects.order_by("tmt_mulai"))
    assert [r.tingkat for r in rows] == ["R", "S"] and {r.pegawai_id for r in rows} == {org.pegawai["kasi1"].pk}
    assert (timezone.localdate() - rows[1].tmt_mulai).days < 365 * 2
    assert "0 dicatat" in seed_demo()
    assert HukumanDisiplin.objects.count() == 2
