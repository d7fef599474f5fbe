"""Builders for a small organisation made through the services (shared by the test modules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

PASSWORD = "rahasia-uji-123"
BENGKULU = "A5EB03E23C2BF6A0E040640A040252AD"
START = dt.date(2020, 1, 2)


def make_nip(birth: dt.date, tmt: dt.date, gender: str, seq: int) -> str:
    return f"{birth:%Y%m%d}{tmt:%Y%m}{1 if gender == 'L' else 2}{seq:03d}"


@dataclass
class Org:
    """A slice of Pemprov Bengkulu: Setda → two dinas → bidang → seksi → staff."""

    instansi: Any
    units: dict[str, Any] = field(default_factory=dict)
    jabatan: dict[str, Any] = field(default_factory=dict)
    pegawai: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    seq: int = 0

    def actor(self, key: str) -> Any:
        """The Actor a service takes for the user `key` (built fresh: positions as of today)."""
        from karier.people.access import actor_for_user

        return actor_for_user(self.users[key])

    def add_pegawai(
        self,
        key: str,
        jabatan_key: str | None,
        *,
        gender: str = "L",
        golongan: int = 31,
        jenis: str = "DEFINITIF",
        nama: str | None = None,
        user: bool = True,
    ) -> Any:
        from karier.accounts.models import User
        from karier.people import services
        from karier.people.access import SYSTEM
        from karier.people.models import Golongan

        self.seq += 1
        birth = dt.date(1975, 1, 1) + dt.timedelta(days=37 * self.seq)
        tmt = dt.date(birth.year + 24, 3, 1)
        p = services.pegawai_create(
            actor=SYSTEM,
            data=services.PegawaiData(
                nip=make_nip(birth, tmt, gender, self.seq % 999 + 1),
                nama=nama or f"Pegawai {key}",
                jenis_kelamin=gender,
                tanggal_lahir=birth,
                pendidikan="S1",
                instansi=self.instansi,
            ),
        )
        services.golongan_record(actor=SYSTEM, pegawai=p, golongan=Golongan.objects.get(pk=golongan), tmt=START)
        if jabatan_key:
            services.penugasan_assign(
                actor=SYSTEM, pegawai=p, jabatan=self.jabatan[jabatan_key], mulai=START, jenis=jenis
            )
        p.refresh_from_db()
        self.pegawai[key] = p
        if user:
            self.users[key] = User.objects.create_user(username=p.nip, password=PASSWORD, pegawai=p)
        return p


def build_org(extra_staff: int = 0) -> Org:
    """The organisation, built through the services; from the second test of a process on, the same
    rows are written back directly (`tests.replay`: the services' 540 queries were over half of the
    suite's time)."""
    from tests.replay import replayed

    return replayed(("build_org", extra_staff), lambda: build_org_through_services(extra_staff))


def build_org_through_services(extra_staff: int = 0) -> Org:
    from karier.accounts.models import User
    from karier.people import services
    from karier.people.access import SYSTEM
    from karier.people.models import Instansi

    if not Instansi.objects.filter(kode=BENGKULU).exists():  # flushed by a transactional test
        from karier.people import models as people_models
        from karier.people.refdata import load_reference_data

        load_reference_data(
            {
                n: getattr(people_models, n)
                for n in ("Golongan", "Eselon", "JenisJabatanSiasn", "JabatanFungsional", "Instansi")
            }
        )
    from karier.standards.models import NilaiBerakhlak, PanduanPerilaku

    if not NilaiBerakhlak.objects.exists():
        from karier.standards.refdata import load_berakhlak

        load_berakhlak(NilaiBerakhlak, PanduanPerilaku)
    from karier.development.models import Kompetensi, LevelKompetensi

    if not Kompetensi.objects.exists():  # the kamus data migration's rows, flushed likewise
        from karier.development.refdata import load_kamus

        load_kamus(Kompetensi, LevelKompetensi)
    from karier.talent.models import AturanTalenta

    if not AturanTalenta.objects.exists():  # the talent rule sets' data migration, flushed likewise
        from karier.talent.refdata import load_rulesets

        load_rulesets(AturanTalenta)
    org = Org(instansi=Instansi.objects.get(kode=BENGKULU))
    unit = lambda key, nama, jenis, parent=None: org.units.__setitem__(  # noqa: E731
        key,
        services.unit_create(
            actor=SYSTEM,
            instansi=org.instansi,
            nama=nama,
            jenis=jenis,
            parent=org.units.get(parent) if parent else None,
        ),
    )

    def jab(
        key: str,
        unit_key: str,
        nama: str,
        jenis: str,
        atasan: str | None,
        kepala: bool = False,
        formasi: int = 1,
        jenjang: str = "",
    ) -> None:
        org.jabatan[key] = services.jabatan_create(
            actor=SYSTEM,
            data=services.JabatanData(
                unit=org.units[unit_key],
                nama=nama,
                jenis=jenis,
                atasan=org.jabatan.get(atasan) if atasan else None,
                adalah_kepala_unit=kepala,
                formasi=formasi,
                jenjang=jenjang,
            ),
        )

    unit("setda", "Sekretariat Daerah", "OPD")
    unit("dik", "Dinas Pendidikan", "OPD")
    unit("dik_b1", "Bidang Pembinaan SMA", "BIDANG", "dik")
    unit("dik_s1", "Seksi Kurikulum", "SUBBIDANG", "dik_b1")
    unit("dik_b2", "Bidang Pembinaan SMK", "BIDANG", "dik")
    unit("kominfo", "Dinas Komunikasi, Informatika dan Statistik", "OPD")
    jab("sekda", "setda", "Sekretaris Daerah", "JPT_MADYA", None, kepala=True)
    jab("kadis", "dik", "Kepala Dinas Pendidikan", "JPT_PRATAMA", "sekda", kepala=True)
    jab("kabid1", "dik_b1", "Kepala Bidang Pembinaan SMA", "ADMINISTRATOR", "kadis", kepala=True)
    jab("kasi1", "dik_s1", "Kepala Seksi Kurikulum", "PENGAWAS", "kabid1", kepala=True)
    jab("staf1", "dik_s1", "Pengolah Data Kurikulum", "PELAKSANA", "kasi1", formasi=200)
    jab("kabid2", "dik_b2", "Kepala Bidang Pembinaan SMK", "ADMINISTRATOR", "kadis", kepala=True)
    jab("staf2", "dik_b2", "Pengadministrasi Perkantoran", "PELAKSANA", "kabid2", formasi=5)
    jab("kadiskominfo", "kominfo", "Kepala Dinas Kominfo", "JPT_PRATAMA", "sekda", kepala=True)
    jab(
        "pranata",
        "kominfo",
        "Pranata Komputer Ahli Pertama",
        "FUNGSIONAL",
        "kadiskominfo",
        formasi=5,
        jenjang="Ahli Pertama",
    )

    org.add_pegawai("sekda", "sekda", golongan=44)
    org.add_pegawai("kadis", "kadis", golongan=43, nama="Rahmat Hidayat")
    org.add_pegawai("kabid1", "kabid1", gender="P", golongan=41, nama="Wati Susanti")
    org.add_pegawai("kasi1", "kasi1", golongan=34)
    org.add_pegawai("staf1a", "staf1", golongan=23, nama="Dodi Saputra")
    org.add_pegawai("staf1b", "staf1", gender="P", golongan=31)
    for i in range(extra_staff):
        org.add_pegawai(f"extra{i}", "staf1", golongan=31, user=False)
    org.add_pegawai("kabid2", "kabid2", golongan=41)
    org.add_pegawai("staf2", "staf2", golongan=32)
    org.add_pegawai("kadiskominfo", "kadiskominfo", golongan=43)
    org.add_pegawai("pranata", "pranata", gender="P", golongan=31)
    org.users["admin"] = User.objects.create_user(
        username="admin", password=PASSWORD, is_admin_bkd=True, is_staff=True, is_superuser=True
    )
    org.users["auditor"] = User.objects.create_user(username="auditor", password=PASSWORD, is_auditor=True)
    org.users["unlinked"] = User.objects.create_user(username="tamu", password=PASSWORD)
    return org
