"""The services check who may write, whoever calls them: an actor without the right gets
`PermissionDenied` with the reason in Bahasa Indonesia, and nothing is written (no row, no audit
event). The screens and the API only translate that into 403 (tests/standards/test_standards_access.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from karier.core.models import AuditEvent
from karier.people.access import ANONYMOUS, SYSTEM, Actor
from karier.standards import access
from karier.standards.models import (
    Indikator,
    NilaiIndikator,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
)
from karier.standards.services import indikator as indikator_services
from karier.standards.services import perjanjian as perjanjian_services
from karier.standards.services import renstra as renstra_services
from karier.standards.services import rpjmd as rpjmd_services
from karier.standards.services import standar as standar_services

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in [*apps.get_app_config("standards").get_models(), AuditEvent]}


@dataclass
class Case:
    name: str
    who: str  # an org user, or "anonymous"
    message: str
    call: Callable[[Any, Actor], Any]  # (org, actor) → calls one service


def _ipm() -> Indikator:
    return Indikator.objects.get(kode="IKU-01")


def _rls() -> Indikator:
    return Indikator.objects.get(kode="IKD-DIK-01")


def _dik(org: Any) -> Renstra:
    return Renstra.objects.get(opd=org.units["dik"])


def _pk(org: Any) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(opd=org.units["dik"], tahun=2026)


def _row(org: Any) -> PerjanjianKinerjaRow:
    row = _pk(org).rows.first()
    assert row is not None
    return row


def _hasil(org: Any, jab: str) -> StandarHasil:
    hasil = StandarHasil.objects.filter(standar__jabatan=org.jabatan[jab]).select_related("standar__jabatan__unit")
    found = hasil.first()
    assert found is not None
    return found


HASIL = standar_services.HasilData(rhk="Tersusunnya rekap", indikator="Jumlah rekap", target_angka=12, satuan="rekap")

CASES = [
    # the RPJMD is the BKD admins' alone
    Case(
        "rpjmd_create by an agency head",
        "kadis",
        access.MSG_RPJMD,
        lambda o, a: rpjmd_services.rpjmd_create(
            actor=a, instansi=o.instansi, tahun_mulai=2031, tahun_selesai=2035, visi="Visi lain"
        ),
    ),
    Case(
        "rpjmd_update by the Sekda",
        "sekda",
        access.MSG_RPJMD,
        lambda o, a: rpjmd_services.rpjmd_update(actor=a, rpjmd=Rpjmd.objects.get(), visi="Visi lain"),
    ),
    Case(
        "misi_create by an auditor",
        "auditor",
        access.MSG_RPJMD,
        lambda o, a: rpjmd_services.misi_create(actor=a, rpjmd=Rpjmd.objects.get(), nomor=9, teks="Misi"),
    ),
    Case(
        "sasaran_update by a staff member",
        "staf1a",
        access.MSG_RPJMD,
        lambda o, a: rpjmd_services.sasaran_update(actor=a, sasaran=_ipm().sasaran, teks="Lain"),
    ),
    Case(
        "tujuan_delete by nobody signed in",
        "anonymous",
        access.MSG_RPJMD,
        lambda o, a: rpjmd_services.tujuan_delete(actor=a, tujuan=_ipm().sasaran.tujuan),
    ),
    # province indicators follow the RPJMD, agency indicators their agency
    Case(
        "indikator_update of an RPJMD indicator by a staff member",
        "staf1a",
        access.MSG_RPJMD,
        lambda o, a: indikator_services.indikator_update(actor=a, indikator=_ipm(), penjelasan="Lain"),
    ),
    Case(
        "nilai_indikator_set of an IKU by an agency head",
        "kadis",
        access.MSG_RPJMD,
        lambda o, a: indikator_services.nilai_indikator_set(actor=a, indikator=_ipm(), tahun=2026, target=80),
    ),
    Case(
        "indikator_create on a province sasaran by an agency head",
        "kadis",
        access.MSG_RPJMD,
        lambda o, a: indikator_services.indikator_create(
            actor=a, sasaran=SasaranStrategis.objects.first(), nama="IKU baru", satuan="%"
        ),
    ),
    Case(
        "indikator_create on another agency's Renstra",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: indikator_services.indikator_create(
            actor=a, sasaran_renstra=_rls().sasaran_renstra, nama="APM SMA", satuan="%"
        ),
    ),
    Case(
        "nilai_indikator_delete of another agency's indicator",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: indikator_services.nilai_indikator_delete(
            actor=a, nilai=NilaiIndikator.objects.filter(indikator=_rls()).first()
        ),
    ),
    # a Renstra is its agency's
    Case(
        "renstra_create for another agency",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: renstra_services.renstra_create(actor=a, opd=o.units["setda"], rpjmd=Rpjmd.objects.get()),
    ),
    Case(
        "renstra_update by the head of another agency",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: renstra_services.renstra_update(actor=a, renstra=_dik(o), tahun_selesai=2025),
    ),
    Case(
        "sasaran_renstra_create by a head of bidang",
        "kabid1",
        access.MSG_OPD,
        lambda o, a: renstra_services.sasaran_renstra_create(
            actor=a, renstra=_dik(o), sasaran_rpjmd=_ipm().sasaran, nomor=5, teks="Sasaran baru"
        ),
    ),
    Case(
        "sasaran_renstra_update by an auditor",
        "auditor",
        access.MSG_OPD,
        lambda o, a: renstra_services.sasaran_renstra_update(
            actor=a, sasaran=SasaranRenstra.objects.filter(renstra=_dik(o)).first(), teks="Lain"
        ),
    ),
    Case(
        "sasaran_renstra_delete by the head of another agency",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: renstra_services.sasaran_renstra_delete(
            actor=a, sasaran=SasaranRenstra.objects.filter(renstra=_dik(o)).first()
        ),
    ),
    # an agreement is its agency's
    Case(
        "perjanjian_create for another agency",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_create(actor=a, opd=o.units["dik"], tahun=2027),
    ),
    Case(
        "perjanjian_reopen by a head of bidang",
        "kabid1",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_reopen(actor=a, perjanjian=_pk(o), alasan="Revisi."),
    ),
    Case(
        "perjanjian_sign by the head of another agency",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_sign(actor=a, perjanjian=_pk(o)),
    ),
    Case(
        "perjanjian_baris_add by a staff member",
        "staf1a",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_baris_add(
            actor=a, perjanjian=_pk(o), sasaran=_rls().sasaran_renstra, indikator=_rls(), target=9
        ),
    ),
    Case(
        "perjanjian_baris_update by the Kominfo head",
        "kadiskominfo",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_baris_update(actor=a, row=_row(o), target=9),
    ),
    Case(
        "perjanjian_baris_delete by an auditor",
        "auditor",
        access.MSG_OPD,
        lambda o, a: perjanjian_services.perjanjian_baris_delete(actor=a, row=_row(o)),
    ),
    # a position's standard: admin, the agency head, or a superior of the position
    Case(
        "standar_jabatan_set of one's own position",
        "staf1a",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_jabatan_set(actor=a, jabatan=o.jabatan["staf1"], ringkasan="x"),
    ),
    Case(
        "standar_hasil_add by the head of another bidang",
        "kabid2",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_hasil_add(actor=a, jabatan=o.jabatan["staf1"], data=HASIL),
    ),
    Case(
        "standar_hasil_update in another agency",
        "kadis",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_hasil_update(actor=a, hasil=_hasil(o, "pranata"), target_angka=1),
    ),
    Case(
        "standar_hasil_delete by a peer",
        "staf1a",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_hasil_delete(actor=a, hasil=_hasil(o, "staf1")),
    ),
    Case(
        "standar_perilaku_set by an auditor",
        "auditor",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_perilaku_set(
            actor=a, jabatan=o.jabatan["staf1"], items=[standar_services.PerilakuData("LOYAL", "x")]
        ),
    ),
    Case(
        "standar_copy to a position outside one's subtree",
        "kasi1",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_copy(
            actor=a, jabatan=o.jabatan["staf1"], jabatan_ids=[o.jabatan["staf2"].pk]
        ),
    ),
    Case(
        "standar_copy by someone who edits no standard",
        "staf1a",
        access.MSG_JABATAN,
        lambda o, a: standar_services.standar_copy(actor=a, jabatan=o.jabatan["staf1"], jabatan_ids=[]),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_service_refuses_an_actor_without_the_right_and_writes_nothing(seeded: Any, case: Case) -> None:
    actor = ANONYMOUS if case.who == "anonymous" else seeded.actor(case.who)
    before = _counts()
    with pytest.raises(PermissionDenied) as info:
        case.call(seeded, actor)
    assert str(info.value) == case.message
    assert _counts() == before


def test_karier_itself_and_the_admin_may_write(seeded: Any) -> None:
    """`SYSTEM` (seeding, commands) and a BKD admin pass every check: a few writes through both."""
    for actor in (SYSTEM, seeded.actor("admin")):
        hasil = standar_services.standar_hasil_add(actor=actor, jabatan=seeded.jabatan["pranata"], data=HASIL)
        standar_services.standar_hasil_delete(actor=actor, hasil=hasil)
        indikator_services.nilai_indikator_set(actor=actor, indikator=_ipm(), tahun=2026, target=76)
    events = AuditEvent.objects.filter(action__in=["standar.hasil_add", "standar.hasil_delete"])
    assert sorted(events.values_list("actor_id", flat=True), key=lambda v: v or 0) == sorted(
        [None, None, seeded.users["admin"].pk, seeded.users["admin"].pk], key=lambda v: v or 0
    )
