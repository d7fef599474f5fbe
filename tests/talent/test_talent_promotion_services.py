"""Promotion proposals (issue #12 §2, "Bad input"): propose, verify, reject, decide — every refusal
names its reason and writes nothing; a decision writes the rank history with its SK, the credit a
functional promotion used, and the person's new eligibility."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.people.models import Pegawai, RiwayatGolongan
from karier.rules import next_promotion_date
from karier.rules._text import tanggal
from karier.talent.models import (
    EntriAngkaKredit,
    JenisKenaikan,
    KelayakanPangkat,
    StatusAngkaKredit,
    StatusUsulanPangkat,
    UsulanKenaikanPangkat,
)
from karier.talent.promotion import services
from karier.talent.promotion.compute import recompute_kelayakan
from tests.orgdata import Org
from tests.talent.talent_promotion_helpers import bkd_with_record, everyone_eligible, functional, next_tmt

pytestmark = pytest.mark.django_db


def _propose(org: Org, key: str = "staf1a", tmt: dt.date | None = None) -> UsulanKenaikanPangkat:
    return services.usulan_create(actor=org.actor("admin"), pegawai=org.pegawai[key], tmt=tmt or next_tmt())


def _snapshot() -> tuple[int, int, int, list[tuple[int, str]]]:
    return (
        RiwayatGolongan.objects.count(),
        UsulanKenaikanPangkat.objects.count(),
        AuditEvent.objects.count(),
        list(UsulanKenaikanPangkat.objects.order_by("pk").values_list("pk", "status")),
    )


def test_full_flow_writes_rank_history_and_recomputes(org: Org) -> None:
    everyone_eligible(org)
    admin = org.actor("admin")
    u = _propose(org)
    assert u.status == StatusUsulanPangkat.DIUSULKAN and u.jenis == JenisKenaikan.REGULER
    assert (u.golongan_dari_id, u.golongan_ke_id) == (23, 24) and u.kelayakan["layak"] is True
    u = services.usulan_verify(actor=admin, usulan=u)
    assert u.status == StatusUsulanPangkat.DIVERIFIKASI
    today = timezone.localdate()
    u = services.usulan_decide(actor=admin, usulan=u, nomor_sk="800/KP/01/BKD", tanggal_sk=today)
    assert u.status == StatusUsulanPangkat.DITETAPKAN and u.riwayat is not None
    row = RiwayatGolongan.objects.get(pegawai=org.pegawai["staf1a"], tmt=u.tmt)
    assert (row.golongan_id, row.nomor_sk) == (24, "800/KP/01/BKD")
    p = Pegawai.objects.get(pk=org.pegawai["staf1a"].pk)
    assert (p.golongan_id, p.tmt_golongan) == (24, u.tmt)
    k = KelayakanPangkat.objects.get(pegawai=p)  # recomputed: now II/d, four more years to go
    assert k.golongan_id == 24 and not k.layak
    actions = set(AuditEvent.objects.filter(object_id=str(u.pk)).values_list("action", flat=True))
    assert {"kenaikan_pangkat.usul", "kenaikan_pangkat.verifikasi", "kenaikan_pangkat.tetapkan"} <= actions


def test_reject_needs_a_reason(org: Org) -> None:
    everyone_eligible(org)
    u = _propose(org)
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.usulan_reject(actor=org.actor("admin"), usulan=u, alasan="  ")
    assert "Alasan penolakan wajib diisi." in exc.value.messages
    assert _snapshot() == before
    u = services.usulan_reject(actor=org.actor("admin"), usulan=u, alasan="Berkas tidak lengkap")
    assert u.status == StatusUsulanPangkat.DITOLAK and "Berkas tidak lengkap" in u.catatan
    with pytest.raises(ValidationError):  # a rejected proposal cannot be verified
        services.usulan_verify(actor=org.actor("admin"), usulan=u)


def test_propose_refuses_not_a_promotion_date(org: Org) -> None:
    everyone_eligible(org)
    before = _snapshot()
    bad = next_tmt() + dt.timedelta(days=14)
    with pytest.raises(ValidationError) as exc:
        _propose(org, tmt=bad)
    assert "bukan tanggal kenaikan pangkat" in exc.value.message_dict["tmt"][0]
    # The message names the date the rule gives next, rather than restating the schedule.
    assert tanggal(next_promotion_date(bad)) in exc.value.message_dict["tmt"][0]
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("kasi1", "pendidikan S1 adalah III/d"),  # education maximum
        ("kadis", "belum lengkap"),  # no predikat
    ],
)
def test_propose_refuses_the_not_eligible_with_each_reason(org: Org, key: str, reason: str) -> None:
    if key == "kasi1":
        everyone_eligible(org)
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        _propose(org, key)
    messages = exc.value.message_dict["tmt"]
    assert messages[0].startswith("Belum memenuhi syarat kenaikan pangkat pada TMT")
    assert any(reason in m for m in messages), messages
    assert _snapshot() == before


def test_propose_refuses_before_four_years(org: Org) -> None:
    everyone_eligible(org)
    Pegawai.objects.filter(pk=org.pegawai["staf1a"].pk).update(tmt_golongan=timezone.localdate().replace(day=1))
    org.pegawai["staf1a"].refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _propose(org)
    messages = exc.value.message_dict["tmt"]
    assert any("TMT paling awal yang memenuhi syarat" in m for m in messages)
    assert any("belum 4 tahun" in m for m in messages)


def test_one_open_proposal_per_person(org: Org) -> None:
    everyone_eligible(org)
    _propose(org)
    with pytest.raises(ValidationError, match="belum selesai"):
        _propose(org)


def _verified(org: Org, key: str = "staf1a") -> UsulanKenaikanPangkat:
    return services.usulan_verify(actor=org.actor("admin"), usulan=_propose(org, key))


def test_decide_refused_before_the_eligible_date(org: Org) -> None:
    everyone_eligible(org)
    u = _verified(org)
    # The rank's TMT was corrected after the proposal: four years are not reached on the TMT.
    Pegawai.objects.filter(pk=u.pegawai_id).update(tmt_golongan=timezone.localdate() - dt.timedelta(days=400))
    u.pegawai.refresh_from_db()
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.usulan_decide(actor=org.actor("admin"), usulan=u, nomor_sk="800/1", tanggal_sk=timezone.localdate())
    assert any("TMT paling awal yang memenuhi syarat" in m for m in exc.value.messages)
    assert any("belum 4 tahun" in m for m in exc.value.messages)
    assert _snapshot() == before


def test_decide_refused_beyond_the_education_maximum(org: Org) -> None:
    everyone_eligible(org)
    p = org.pegawai["kasi1"]  # III/d with S1
    u = UsulanKenaikanPangkat.objects.create(
        pegawai=p, jenis="REGULER", tmt=next_tmt(), golongan_dari_id=34, golongan_ke_id=41, status="DIVERIFIKASI"
    )
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.usulan_decide(actor=org.actor("admin"), usulan=u, nomor_sk="800/1", tanggal_sk=timezone.localdate())
    assert any("Golongan tertinggi untuk pendidikan S1 adalah III/d" in m for m in exc.value.messages)
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("nomor", "tanggal", "field"),
    [
        ("", "today", "nomor_sk"),
        ("   ", "today", "nomor_sk"),
        ("x" * 81, "today", "nomor_sk"),
        ("800/1", None, "tanggal_sk"),
        ("800/1", "future", "tanggal_sk"),
    ],
)
def test_decide_refuses_bad_sk(org: Org, nomor: str, tanggal: str | None, field: str) -> None:
    everyone_eligible(org)
    u = _verified(org)
    today = timezone.localdate()
    value = {"today": today, "future": today + dt.timedelta(days=3), None: None}[tanggal]
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.usulan_decide(actor=org.actor("admin"), usulan=u, nomor_sk=nomor, tanggal_sk=value)
    assert field in exc.value.message_dict
    assert _snapshot() == before


def test_decide_needs_verification_first(org: Org) -> None:
    everyone_eligible(org)
    u = _propose(org)
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        services.usulan_decide(actor=org.actor("admin"), usulan=u, nomor_sk="1", tanggal_sk=timezone.localdate())


@pytest.mark.parametrize("who", ["kadis", "kasi1", "staf1b", "auditor"])
def test_only_bkd_proposes_and_decides(org: Org, who: str) -> None:
    everyone_eligible(org)
    with pytest.raises(PermissionDenied):
        services.usulan_create(actor=org.actor(who), pegawai=org.pegawai["staf1a"], tmt=next_tmt())
    u = _propose(org)
    with pytest.raises(PermissionDenied):
        services.usulan_verify(actor=org.actor(who), usulan=u)
    with pytest.raises(PermissionDenied):
        services.usulan_reject(actor=org.actor(who), usulan=u, alasan="x")
    u = services.usulan_verify(actor=org.actor("admin"), usulan=u)
    with pytest.raises(PermissionDenied):
        services.usulan_decide(actor=org.actor(who), usulan=u, nomor_sk="1", tanggal_sk=timezone.localdate())
    assert UsulanKenaikanPangkat.objects.get(pk=u.pk).status == StatusUsulanPangkat.DIVERIFIKASI


def test_nobody_decides_about_themselves(org: Org) -> None:
    everyone_eligible(org)
    me = bkd_with_record(org, "staf2")
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.usulan_create(actor=me, pegawai=org.pegawai["staf2"], tmt=next_tmt())
    u = _verified(org, "staf2")  # proposed by another admin
    before = _snapshot()
    with pytest.raises(PermissionDenied, match="diri Anda sendiri"):
        services.usulan_decide(actor=me, usulan=u, nomor_sk="1", tanggal_sk=timezone.localdate())
    assert _snapshot() == before
    services.usulan_create(actor=me, pegawai=org.pegawai["staf1a"], tmt=next_tmt())  # others: fine


def test_functional_decision_records_the_credit_used(org: Org) -> None:
    pytest.importorskip("karier.talent.credit.ledger")  # the credit area (another engineer's)
    p = functional(org)
    everyone_eligible(org)
    StatusAngkaKredit.objects.create(
        pegawai=p, jenjang="Ahli Pertama", golongan_id=31, saldo_pembilang=61, dihitung_pada=timezone.now()
    )
    recompute_kelayakan([p.pk], timezone.localdate())
    u = _verified(org, "pranata")
    assert u.jenis == JenisKenaikan.PILIHAN
    u = services.usulan_decide(actor=org.actor("admin"), usulan=u, nomor_sk="800/JF/1", tanggal_sk=timezone.localdate())
    used = EntriAngkaKredit.objects.get(pegawai=p, kenaikan=u, jenis="PENGGUNAAN")
    assert used.pembilang / used.penyebut == -50
    assert RiwayatGolongan.objects.filter(pegawai=p, golongan_id=32, nomor_sk="800/JF/1").exists()


def test_demo_seed_has_each_status_and_is_idempotent(org: Org) -> None:
    from karier.talent.promotion.demo import seed_demo
    from tests.talent.talent_promotion_helpers import give_predikat

    everyone_eligible(org)
    for i in range(3):
        give_predikat(org.add_pegawai(f"extra{i}", "staf1", user=False))
    recompute_kelayakan(list(Pegawai.objects.values_list("pk", flat=True)), timezone.localdate())
    summary = seed_demo()
    statuses = set(UsulanKenaikanPangkat.objects.values_list("status", flat=True))
    assert statuses == {"DIUSULKAN", "DIVERIFIKASI", "DITOLAK", "DITETAPKAN"}, summary
    decided = UsulanKenaikanPangkat.objects.get(status="DITETAPKAN")
    assert decided.tmt.year == timezone.localdate().year and decided.nomor_sk
    assert RiwayatGolongan.objects.filter(pegawai=decided.pegawai, tmt=decided.tmt).exists()
    count = UsulanKenaikanPangkat.objects.count()
    assert "sudah ada" in seed_demo()
    assert UsulanKenaikanPangkat.objects.count() == count


def test_proposal_reads_the_predikat_the_list_shows(org: Org) -> None:
    """A coming TMT is checked on the predikat known today (the two years the BKD list used), even
    when the TMT falls in the next year (1 January, whose own two-year window is not closed yet)."""
    from tests.talent.talent_promotion_helpers import give_predikat

    today = timezone.localdate()
    give_predikat(org.pegawai["staf1a"], years=range(today.year - 2, today.year))
    recompute_kelayakan([org.pegawai["staf1a"].pk], today)
    assert KelayakanPangkat.objects.get(pegawai=org.pegawai["staf1a"]).layak
    later = dt.date(next_tmt().year + (next_tmt().month + 1) // 13, (next_tmt().month % 12) + 1, 1)
    u = _propose(org, tmt=later)  # a later date than the next one is fine too
    assert u.tmt == later and u.golongan_ke_id == 24
