"""Demo key positions (issue #12 item 5): Bu Wati's Kepala Bidang post, Pak Rahmat's Kepala Dinas post,
and a few more agency heads and secretaries, each with requirements, so the succession screens have
real candidates on the first `bin/demo` (the recompute job placed people in boxes 7–9 before this).
Idempotent: setting the same requirements again changes nothing but the computed candidates."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from karier.development.models import Kompetensi
from karier.people.access import SYSTEM
from karier.people.demo.personas import RAHMAT, WATI
from karier.people.models import Jabatan, Pegawai
from karier.talent.models import KandidatSuksesi
from karier.talent.succession.services import SyaratData, jabatan_kritikal_set

#: Requirements by the kind of the key position: (accepted kinds, golongan id, education, years, levels).
PROFIL: dict[str, tuple[list[str], int, str, int, dict[str, int]]] = {
    "JPT_PRATAMA": (["ADMINISTRATOR", "JPT_PRATAMA"], 41, "S1", 10, {"M.1": 4, "M.5": 4, "M.8": 4}),
    "ADMINISTRATOR": (["PENGAWAS", "ADMINISTRATOR", "FUNGSIONAL"], 34, "S1", 6, {"M.1": 3, "M.5": 3, "M.4": 3}),
}
LAIN = 4  # further Kepala Dinas / Sekretaris posts


def _positions() -> list[Jabatan]:
    chosen: list[Jabatan] = []
    for persona in (WATI, RAHMAT):
        jab = Jabatan.objects.filter(pk__in=Pegawai.objects.filter(nip=persona.nip).values("jabatan_id")).first()
        if jab is not None:
            chosen.append(jab)
    others = (
        Jabatan.objects.filter(aktif=True, adalah_kepala_unit=True)
        .filter(Q(jenis="JPT_PRATAMA") | Q(jenis="ADMINISTRATOR", nama__istartswith="Sekretaris"))
        .exclude(pk__in=[j.pk for j in chosen])
        .order_by("unit__path", "pk")[:LAIN]
    )
    return chosen + list(others)


def seed_demo() -> str:
    kode = dict(Kompetensi.objects.values_list("kode", "pk"))
    n = 0
    for jab in _positions():
        jenis, gol, pendidikan, tahun, levels = PROFIL.get(jab.jenis, PROFIL["ADMINISTRATOR"])
        data = SyaratData(
            jenis_jabatan=jenis,
            golongan_minimal_id=gol,
            pendidikan_minimal=pendidikan,
            masa_kerja_minimal=tahun,
            kompetensi={kode[k]: v for k, v in levels.items() if k in kode},
            catatan=_("Contoh syarat untuk demo."),
        )
        jabatan_kritikal_set(actor=SYSTEM, jabatan=jab, data=data)
        n += 1
    kandidat = KandidatSuksesi.objects.count()
    return _("Suksesi: %(n)s jabatan kritikal, %(k)s kandidat.") % {"n": n, "k": kandidat}
