"""Self-assessment agreed by the superior (issue #11 item 2): the employee proposes, only the superior
decides, an agreed level becomes an assessment in the same step, a refusal needs a note."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from karier.development.competency import selectors
from karier.development.competency.access import usulan_for_actor
from karier.development.competency.self_assessment import penilaian_mandiri_decide, penilaian_mandiri_submit
from karier.development.models import Kompetensi, PenilaianKompetensi, StatusUsulan, UsulanPenilaianMandiri

pytestmark = pytest.mark.django_db


def _m3() -> Kompetensi:
    return Kompetensi.objects.get(kode="M.3")


def _submit(org, level=2):
    return penilaian_mandiri_submit(
        actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], kompetensi=_m3(), level=level, alasan="Memandu rapat."
    )


def test_agreed_self_assessment_becomes_the_level_in_force(org):
    u = _submit(org)
    assert not PenilaianKompetensi.objects.exists()
    done = penilaian_mandiri_decide(actor=org.actor("kasi1"), usulan=u, setuju=True)
    assert done.status == StatusUsulan.DISETUJUI and done.penilaian.sumber == "MANDIRI_DISETUJUI"
    staf = org.pegawai["staf1a"]
    assert selectors.current_levels([staf.pk])[staf.pk][_m3().pk] == 2
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        penilaian_mandiri_decide(actor=org.actor("kasi1"), usulan=u, setuju=False, catatan="x")


def test_refusal_needs_a_note_and_records_no_level(org):
    u = _submit(org)
    with pytest.raises(ValidationError):
        penilaian_mandiri_decide(actor=org.actor("kasi1"), usulan=u, setuju=False)
    penilaian_mandiri_decide(actor=org.actor("kasi1"), usulan=u, setuju=False, catatan="Tunjukkan di rapat unit.")
    u.refresh_from_db()
    assert u.status == StatusUsulan.DITOLAK and not PenilaianKompetensi.objects.exists()


@pytest.mark.parametrize("key", ["staf1a", "staf1b", "kabid1", "auditor", "admin"])
def test_only_the_superior_decides(org, key):
    u = _submit(org)
    with pytest.raises(PermissionDenied):
        penilaian_mandiri_decide(actor=org.actor(key), usulan=u, setuju=True)
    assert UsulanPenilaianMandiri.objects.get().status == StatusUsulan.DIUSULKAN


def test_only_the_employee_proposes_once_per_competency(org):
    with pytest.raises(PermissionDenied):
        penilaian_mandiri_submit(actor=org.actor("kasi1"), pegawai=org.pegawai["staf1a"], kompetensi=_m3(), level=2)
    _submit(org)
    with pytest.raises(ValidationError, match="menunggu"):
        _submit(org, 3)
    with pytest.raises(ValidationError):
        penilaian_mandiri_submit(actor=org.actor("staf1b"), pegawai=org.pegawai["staf1b"], kompetensi=_m3(), level=6)


def test_proposal_lookup_follows_visibility(org):
    u = _submit(org)
    assert usulan_for_actor(org.actor("kasi1"), u.pk) == u
    with pytest.raises(Http404):
        usulan_for_actor(org.actor("staf1b"), u.pk)


def test_screens(org):
    staf, kasi = Client(), Client()
    staf.force_login(org.users["staf1a"])
    kasi.force_login(org.users["kasi1"])
    pid = org.pegawai["staf1a"].pk
    assert "Ajukan penilaian mandiri" in staf.get(f"/pengembangan/kompetensi/pegawai/{pid}/").content.decode()
    r = staf.post(f"/pengembangan/kompetensi/pegawai/{pid}/mandiri/", {"kompetensi": _m3().pk, "level": 2})
    assert r.status_code == 302
    assert (
        staf.post(f"/pengembangan/kompetensi/pegawai/{pid}/mandiri/", {"kompetensi": _m3().pk, "level": 2}).status_code
        == 400
    )
    # a colleague cannot propose for someone else (hidden: 404), nor decide
    other = Client()
    other.force_login(org.users["staf1b"])
    assert (
        other.post(f"/pengembangan/kompetensi/pegawai/{pid}/mandiri/", {"kompetensi": _m3().pk, "level": 2}).status_code
        == 404
    )
    u = UsulanPenilaianMandiri.objects.get()
    assert other.post(f"/pengembangan/kompetensi/mandiri/{u.pk}/putusan/", {"setuju": "1"}).status_code == 404
    assert staf.post(f"/pengembangan/kompetensi/mandiri/{u.pk}/putusan/", {"setuju": "1"}).status_code == 403
    page = kasi.get(f"/pengembangan/kompetensi/pegawai/{pid}/").content.decode()
    assert "Penilaian mandiri menunggu atasan" in page and "Setujui" in page
    assert kasi.post(f"/pengembangan/kompetensi/mandiri/{u.pk}/putusan/", {"setuju": "0"}).status_code == 302
    u.refresh_from_db()
    assert u.status == StatusUsulan.DIUSULKAN  # a refusal without a note is refused
    assert kasi.post(f"/pengembangan/kompetensi/mandiri/{u.pk}/putusan/", {"setuju": "1"}).status_code == 302
    u.refresh_from_db()
    assert u.status == StatusUsulan.DISETUJUI
