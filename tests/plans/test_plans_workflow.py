"""The SKP workflow: every transition × every role (who may, who may not: nothing written), state
refusals, revisions that keep the approved version, closed years, and the transition table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.people import services as people_services
from karier.people.access import SYSTEM, as_actor
from karier.people.models import Penugasan
from karier.plans import services, workflow
from karier.plans.choices import JenisDialog, StatusSkp
from karier.plans.models import DialogKinerja, Skp, SkpRevisi, TahunKinerja
from karier.plans.services import IkiData, RhkData
from karier.plans.workflow import Aksi, Peran
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year

ROLES = [
    "owner",
    "appraiser",
    "plt",
    "superior_of_appraiser",
    "other_superior",
    "agency_head",
    "admin",
    "auditor",
    "stranger",
]
MAY = {
    Aksi.AJUKAN: {"owner"},
    Aksi.KEMBALIKAN: {"appraiser", "plt"},
    Aksi.SETUJUI: {"appraiser", "plt"},
    Aksi.REVISI: {"owner", "appraiser", "plt"},
    Aksi.TARIK: {"owner"},
}
BEFORE = {
    Aksi.AJUKAN: StatusSkp.DRAFT,
    Aksi.KEMBALIKAN: StatusSkp.DIAJUKAN,
    Aksi.SETUJUI: StatusSkp.DIAJUKAN,
    Aksi.REVISI: StatusSkp.DISETUJUI,
    Aksi.TARIK: StatusSkp.DIAJUKAN,
}
AFTER = {
    Aksi.AJUKAN: StatusSkp.DIAJUKAN,
    Aksi.KEMBALIKAN: StatusSkp.DIKEMBALIKAN,
    Aksi.SETUJUI: StatusSkp.DISETUJUI,
    Aksi.REVISI: StatusSkp.DRAFT,
    Aksi.TARIK: StatusSkp.DRAFT,
}


def plan(org: Org) -> Skp:
    skp = services.skp_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR, sumber="KOSONG")
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Data kurikulum"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    return skp


def bring_to(org: Org, skp: Skp, status: str) -> Skp:
    if status == StatusSkp.DRAFT:
        return skp
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    if status == StatusSkp.DISETUJUI:
        services.skp_approve(actor=org.actor("kasi1"), skp=skp)
    return skp


def make_plt(org: Org) -> Any:
    """The appraiser leaves the position yesterday; someone covers it as Plt from today."""
    today = timezone.localdate()
    Penugasan.objects.filter(pegawai=org.pegawai["kasi1"]).update(selesai=today - dt.timedelta(days=1))
    plt = org.add_pegawai("plt", "staf2", golongan=33)
    people_services.penugasan_assign(actor=SYSTEM, pegawai=plt, jabatan=org.jabatan["kasi1"], mulai=today, jenis="PLT")
    return org.users["plt"]


def user_for(org: Org, role: str) -> Any:
    return {
        "owner": lambda: org.users["staf1a"],
        "appraiser": lambda: org.users["kasi1"],
        "plt": lambda: make_plt(org),
        "superior_of_appraiser": lambda: org.users["kabid1"],
        "other_superior": lambda: org.users["kabid2"],
        "agency_head": lambda: org.users["kadis"],
        "admin": lambda: org.users["admin"],
        "auditor": lambda: org.users["auditor"],
        "stranger": lambda: org.users["unlinked"],
    }[role]()


def do(aksi: Aksi, user: Any, skp: Skp) -> Skp:
    if aksi == Aksi.AJUKAN:
        return services.skp_submit(actor=as_actor(user), skp=skp)
    if aksi == Aksi.KEMBALIKAN:
        return services.skp_return(actor=as_actor(user), skp=skp, komentar="Target terlalu rendah")
    if aksi == Aksi.SETUJUI:
        return services.skp_approve(actor=as_actor(user), skp=skp)
    if aksi == Aksi.TARIK:
        return services.skp_withdraw(actor=as_actor(user), skp=skp)
    return services.skp_revise(actor=as_actor(user), skp=skp, alasan="Tugas baru dari pimpinan")


def written() -> tuple[int, ...]:
    return (
        DialogKinerja.objects.count(),
        SkpRevisi.objects.count(),
        AuditEvent.objects.filter(action__startswith="skp.").count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("aksi", list(Aksi))
def test_transition_by_role(org: Org, aksi: Aksi, role: str) -> None:
    skp = bring_to(org, plan(org), BEFORE[aksi])
    user = user_for(org, role)
    skp = Skp.objects.select_related("tahun").get(pk=skp.pk)
    before = written()
    if role in MAY[aksi]:
        do(aksi, user, skp)
        skp.refresh_from_db()
        assert skp.status == AFTER[aksi]
        assert written() != before
    else:
        with pytest.raises(PermissionDenied) as e:
            do(aksi, user, skp)
        assert str(e.value).startswith("Hanya ")
        skp.refresh_from_db()
        assert skp.status == BEFORE[aksi]
        assert written() == before


@pytest.mark.parametrize(
    ("aksi", "status"),
    [
        (Aksi.SETUJUI, StatusSkp.DRAFT),
        (Aksi.KEMBALIKAN, StatusSkp.DRAFT),
        (Aksi.AJUKAN, StatusSkp.DIAJUKAN),
        (Aksi.REVISI, StatusSkp.DIAJUKAN),
        (Aksi.SETUJUI, StatusSkp.DISETUJUI),
        (Aksi.AJUKAN, StatusSkp.DISETUJUI),
        (Aksi.TARIK, StatusSkp.DRAFT),
        (Aksi.TARIK, StatusSkp.DISETUJUI),
    ],
)
def test_wrong_state_is_a_clear_refusal(org: Org, aksi: Aksi, status: str) -> None:
    skp = bring_to(org, plan(org), status)
    user = org.users["staf1a"] if aksi in (Aksi.AJUKAN, Aksi.REVISI, Aksi.TARIK) else org.users["kasi1"]
    before = written()
    with pytest.raises(ValidationError, match="SKP berstatus"):
        do(aksi, user, skp)
    assert written() == before


def test_return_needs_a_comment_and_revision_a_reason(org: Org) -> None:
    skp = bring_to(org, plan(org), StatusSkp.DIAJUKAN)
    before = written()
    with pytest.raises(ValidationError) as e:
        services.skp_return(actor=org.actor("kasi1"), skp=skp, komentar="   ")
    assert e.value.message_dict == {"komentar": ["Komentar wajib diisi."]}
    services.skp_approve(actor=org.actor("kasi1"), skp=skp)
    before = written()
    with pytest.raises(ValidationError) as e:
        services.skp_revise(actor=org.actor("staf1a"), skp=skp, alasan="")
    assert "alasan" in e.value.message_dict
    assert written() == before


def test_submit_needs_a_main_result_with_an_indicator(org: Org) -> None:
    skp = services.skp_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR, sumber="KOSONG")
    with pytest.raises(ValidationError, match="bagian A"):
        services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    services.rhk_add(actor=org.actor("staf1a"), skp=skp, data=RhkData(teks="Tanpa IKI"))
    with pytest.raises(ValidationError, match="IKI"):
        services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT


def test_full_cycle_keeps_dialog_and_revision_keeps_the_approved_version(org: Org) -> None:
    skp = plan(org)
    owner, boss = org.users["staf1a"], org.users["kasi1"]
    services.skp_submit(actor=as_actor(owner), skp=skp)
    services.skp_return(actor=as_actor(boss), skp=skp, komentar="Naikkan target menjadi 24")
    iki = skp.rhk.get().iki.get()
    services.iki_update(
        actor=as_actor(owner), iki=iki, data=IkiData(indikator="Jumlah laporan", target_angka=24, satuan="laporan")
    )
    services.dialog_add(actor=as_actor(owner), skp=skp, teks="Sudah saya naikkan")
    services.skp_submit(actor=as_actor(owner), skp=skp)
    services.skp_approve(actor=as_actor(boss), skp=skp, komentar="Setuju")
    assert skp.status == StatusSkp.DISETUJUI and skp.disetujui_oleh == boss
    assert list(skp.dialog.values_list("jenis", flat=True)) == [
        JenisDialog.PENGAJUAN,
        JenisDialog.PENGEMBALIAN,
        JenisDialog.CATATAN,
        JenisDialog.PENGAJUAN,
        JenisDialog.PERSETUJUAN,
    ]
    v1 = SkpRevisi.objects.get(skp=skp, versi=1)
    assert v1.snapshot["rhk"][0]["iki"][0]["target_angka"] == "24.0000"

    # Approved: no direct change.
    with pytest.raises(ValidationError, match="revisi"):
        services.iki_update(actor=as_actor(owner), iki=iki, data=IkiData(indikator="x", target_angka=1, satuan="x"))
    services.skp_revise(actor=as_actor(boss), skp=skp, alasan="Tambahan tugas PPDB")
    assert (skp.status, skp.versi) == (StatusSkp.DRAFT, 2)
    v1.refresh_from_db()
    assert v1.alasan == "Tambahan tugas PPDB"
    services.iki_update(
        actor=as_actor(owner), iki=iki, data=IkiData(indikator="Jumlah laporan", target_angka=30, satuan="laporan")
    )
    services.skp_submit(actor=as_actor(owner), skp=skp)
    services.skp_approve(actor=as_actor(boss), skp=skp)
    v1.refresh_from_db()
    assert v1.snapshot["rhk"][0]["iki"][0]["target_angka"] == "24.0000"
    assert SkpRevisi.objects.get(skp=skp, versi=2).snapshot["rhk"][0]["iki"][0]["target_angka"] == "30.0000"
    assert iki.__class__.objects.get(pk=iki.pk).target_angka == Decimal(30)


def test_closed_year_refuses_every_move(org: Org) -> None:
    skp = bring_to(org, plan(org), StatusSkp.DIAJUKAN)
    TahunKinerja.objects.filter(tahun=YEAR).update(ditutup=True)
    skp = Skp.objects.select_related("tahun").get(pk=skp.pk)
    before = written()
    for fn in (
        lambda: services.skp_approve(actor=org.actor("kasi1"), skp=skp),
        lambda: services.skp_return(actor=org.actor("kasi1"), skp=skp, komentar="x"),
        lambda: services.dialog_add(actor=org.actor("staf1a"), skp=skp, teks="x"),
    ):
        with pytest.raises(ValidationError, match="ditutup"):
            fn()
    assert written() == before


def test_submit_refreshes_the_appraiser_snapshot(org: Org) -> None:
    skp = plan(org)
    plt_user = make_plt(org)
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    assert skp.penilai == plt_user.pegawai
    services.skp_approve(actor=as_actor(plt_user), skp=skp)
    assert skp.status == StatusSkp.DISETUJUI


def test_transition_table_and_offered_moves() -> None:
    assert workflow.allowed(status=StatusSkp.DRAFT, peran={Peran.PEMILIK}) == [Aksi.AJUKAN]
    assert workflow.allowed(status=StatusSkp.DIAJUKAN, peran={Peran.PENILAI}) == [Aksi.KEMBALIKAN, Aksi.SETUJUI]
    assert workflow.allowed(status=StatusSkp.DISETUJUI, peran={Peran.PEMILIK, Peran.PENILAI}) == [Aksi.REVISI]
    assert workflow.allowed(status=StatusSkp.DIAJUKAN, peran={Peran.PENILAI}, tahun_ditutup=True) == []
    assert workflow.allowed(status=StatusSkp.DIAJUKAN, peran=set()) == []
    refusal = workflow.check(Aksi.SETUJUI, status=StatusSkp.DIAJUKAN, peran={Peran.PEMILIK})
    assert refusal is not None and refusal.forbidden and "pejabat penilai" in refusal.reason
