"""Demo recognitions (issue #12 item 8): apresiasi in Bu Wati's team — from Bu Wati and from peers,
each tied to a BerAKHLAK value, one to an RHK — and Dodi's innovation linked to one of his RHK, verified
by Bu Wati when she is his superior. Made through the services; idempotent (skipped once Bu Wati has
given an apresiasi)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.people.access import Actor, as_actor
from karier.plans.models import RencanaHasilKerja
from karier.standards.models import NilaiBerakhlak
from karier.talent.models import Apresiasi, Inovasi
from karier.talent.recognition import services

PESAN = (
    "Terima kasih sudah membantu menyelesaikan rekap data kurikulum sebelum tenggat.",
    "Pelayanan kepada sekolah yang menghubungi kita hari ini sangat ramah dan cepat.",
    "Berbagi cara baru mengolah data dengan rekan satu seksi — sangat membantu tim.",
    "Laporan triwulan rapi, akurat, dan mudah dibaca pimpinan.",
    "Sigap menggantikan rekan yang sakit tanpa diminta.",
)


def _actor(pegawai: Any) -> Actor:
    from karier.accounts.models import User

    user = User.objects.filter(pegawai=pegawai).first()
    return as_actor(user) if user is not None else Actor(user_id=None, pegawai_id=pegawai.pk)


def _rhk(pegawai: Any) -> RencanaHasilKerja | None:
    return RencanaHasilKerja.objects.filter(skp__pegawai=pegawai).order_by("-skp__tahun_id", "urutan", "pk").first()


def seed_demo() -> str:
    from karier.development.catalogue.demo import _team
    from karier.people.demo.personas import DODI

    today = timezone.localdate()
    wati, team = _team(today)
    if wati is None or not team:
        return _("Apresiasi: persona demo belum ada; dilewati.")
    if Apresiasi.objects.filter(pemberi=wati.pegawai).exists():
        return _("Apresiasi: sudah ada.")
    nilai = list(NilaiBerakhlak.objects.order_by("urutan"))
    wati_actor = as_actor(wati)
    given = 0
    gifts: list[tuple[Actor, Any]] = [(wati_actor, p) for p in team[:3]]
    gifts += [(_actor(team[i]), team[(i + 1) % len(team)]) for i in range(min(3, len(team))) if len(team) > 1]
    for n, (actor, penerima) in enumerate(gifts):
        rhk = _rhk(penerima) if n == 0 else None
        try:
            services.apresiasi_give(
                actor=actor,
                penerima=penerima,
                teks=PESAN[n % len(PESAN)],
                nilai=nilai[n % len(nilai)] if nilai else None,
                rhk=rhk,
            )
        except (ValidationError, PermissionDenied):
            continue
        given += 1
    inovasi = 0
    from karier.people.models import Pegawai

    dodi = Pegawai.objects.filter(nip=DODI.nip, aktif=True).first()
    if dodi is not None and not Inovasi.objects.filter(pegawai=dodi).exists():
        ino = services.inovasi_record(
            actor=_actor(dodi),
            pegawai=dodi,
            judul="Dasbor pemantauan kurikulum sekolah",
            uraian="Lembar kerja bersama yang menarik data laporan sekolah setiap minggu, menggantikan rekap manual.",
            hasil="Waktu rekap turun dari tiga hari menjadi setengah hari; 42 sekolah terpantau setiap minggu.",
            rhk=_rhk(dodi),
            tanggal=today - dt.timedelta(days=30),
        )
        inovasi = 1
        # When Bu Wati is not Dodi's rater it stays waiting for his superior.
        with contextlib.suppress(PermissionDenied):
            services.inovasi_verify(actor=wati_actor, inovasi=ino)
    return _("Apresiasi: %(a)s apresiasi, %(i)s inovasi.") % {"a": given, "i": inovasi}
