"""The multi-rater screens through HTTP (issue #5 part 3): the appraisee proposes and withdraws peers,
the appraiser approves or rejects one by one or all at once from his list, the rater's form closes when
the evaluation is rated. Each test checks the message the person reads (Bahasa Indonesia), what is
stored and the audit event; a refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from karier.appraisal.choices import StatusNominasi
from karier.appraisal.evaluation.services import rating_set
from karier.appraisal.feedback.services import MSG_TUTUP
from karier.appraisal.models import Evaluasi, NominasiPenilai
from karier.core.models import AuditEvent
from karier.standards.models import NilaiBerakhlak
from tests.appraisal.test_appraisal_support import configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev(org: Org) -> Evaluasi:
    """Dodi (staf1a), appraised by the Kasi, with four peers: staf1b and rekan0..rekan2."""
    for i in range(3):
        org.add_pegawai(f"rekan{i}", "staf1", nama=f"Rekan Kerja {i}")
    return configured(org, plans={"staf1a": "kasi1"}).ev("staf1a")


def _client(org: Org, key: str) -> Client:
    c = Client()
    c.force_login(org.users[key])
    return c


def _last(r: Any) -> tuple[str, str]:
    """The message this response added (unread ones from earlier redirects stay queued before it)."""
    return [(m.tags, str(m)) for m in get_messages(r.wsgi_request)][-1]


def _propose(c: Client, org: Org, ev: Evaluasi, key: str, jenis: str = "REKAN") -> Any:
    return c.post(
        reverse("appraisal_feedback:tambah", args=[ev.pk]), {"penilai_rekan": org.pegawai[key].pk, "jenis": jenis}
    )


def _nominasi(ev: Evaluasi, org: Org, key: str) -> NominasiPenilai:
    return NominasiPenilai.objects.get(evaluasi=ev, penilai_rekan=org.pegawai[key])


def _audited(action: str, nom: NominasiPenilai) -> bool:
    return AuditEvent.objects.filter(action=action, object_id=str(nom.pk)).exists()


def test_the_appraisee_proposes_a_peer_and_withdraws_him(org: Org, ev: Evaluasi) -> None:
    c = _client(org, "staf1a")
    page = reverse("appraisal_feedback:nominasi", args=[ev.pk])
    r = _propose(c, org, ev, "staf1b")
    assert r.status_code == 302 and r["Location"] == f"{page}?jenis=REKAN&q="
    name = org.pegawai["staf1b"].nama_lengkap
    assert _last(r) == ("success", f"{name} diusulkan. Pejabat penilai akan memutuskan usulan Anda.")
    nom = _nominasi(ev, org, "staf1b")
    assert nom.status == StatusNominasi.DIUSULKAN and _audited("nominasi.add", nom)
    again = _propose(c, org, ev, "staf1b")
    assert _last(again) == ("error", f"{name} sudah diusulkan.") and ev.nominasi.count() == 1
    empty = c.post(reverse("appraisal_feedback:tambah", args=[ev.pk]), {"jenis": "REKAN"})
    assert empty["Location"] == page and _last(empty) == ("error", "Pilih pegawai dan jenis penilai.")
    r = c.post(reverse("appraisal_feedback:tarik", args=[nom.pk]))
    assert r["Location"] == page and _last(r) == ("success", "Usulan ditarik.")
    assert not ev.nominasi.exists() and _audited("nominasi.remove", nom)


def test_the_appraiser_approves_and_rejects_from_his_list(org: Org, ev: Evaluasi) -> None:
    owner = _client(org, "staf1a")
    _propose(owner, org, ev, "staf1b")
    boss = _client(org, "kasi1")
    first = _nominasi(ev, org, "staf1b")
    putuskan = reverse("appraisal_feedback:putuskan", args=[first.pk])
    too_few = boss.post(putuskan, {"setuju": "1"})
    assert too_few["Location"] == reverse("appraisal_feedback:nominasi", args=[ev.pk])
    assert _last(too_few)[0] == "error" and "Minimal 3 rekan kerja setingkat" in _last(too_few)[1]
    assert _nominasi(ev, org, "staf1b").status == StatusNominasi.DIUSULKAN
    for key in ("rekan0", "rekan1", "rekan2"):
        _propose(owner, org, ev, key)
    listing = boss.get(reverse("appraisal_feedback:persetujuan")).content.decode()
    assert org.pegawai["staf1a"].nama_lengkap in listing and "Rekan Kerja 2" in listing
    r = boss.post(putuskan, {"setuju": "1", "next": "persetujuan"})
    assert r["Location"] == reverse("appraisal_feedback:persetujuan") and _last(r) == ("success", "Usulan disetujui.")
    rejected = _nominasi(ev, org, "rekan2")
    r = boss.post(reverse("appraisal_feedback:putuskan", args=[rejected.pk]), {"setuju": "0"})
    assert _last(r) == ("success", "Usulan ditolak.")
    r = boss.post(reverse("appraisal_feedback:putuskan", args=[rejected.pk]), {"setuju": "ya"})
    assert _last(r) == ("error", "Pilih Setujui atau Tolak.")
    assert _nominasi(ev, org, "staf1b").status == StatusNominasi.DISETUJUI and _audited("nominasi.setujui", first)
    assert _nominasi(ev, org, "rekan2").status == StatusNominasi.DITOLAK and _audited("nominasi.tolak", rejected)
    r = boss.post(reverse("appraisal_feedback:setujui_semua", args=[ev.pk]), {"next": "persetujuan"})
    assert r["Location"] == reverse("appraisal_feedback:persetujuan") and _last(r) == ("success", "2 usulan disetujui.")
    r = boss.post(reverse("appraisal_feedback:setujui_semua", args=[ev.pk]))
    assert _last(r) == ("error", "Tidak ada usulan yang menunggu persetujuan.")
    statuses = sorted(ev.nominasi.values_list("status", flat=True))
    assert statuses == sorted([StatusNominasi.DISETUJUI] * 3 + [StatusNominasi.DITOLAK])


def test_only_the_appraiser_decides_on_the_screen(org: Org, ev: Evaluasi) -> None:
    _propose(_client(org, "staf1a"), org, ev, "staf1b")
    nom = _nominasi(ev, org, "staf1b")
    assert (
        _client(org, "staf1a").post(reverse("appraisal_feedback:putuskan", args=[nom.pk]), {"setuju": "1"}).status_code
        == 403
    )
    assert _client(org, "staf1b").post(reverse("appraisal_feedback:tarik", args=[nom.pk])).status_code == 404
    assert _client(org, "pranata").post(reverse("appraisal_feedback:setujui_semua", args=[ev.pk])).status_code == 404
    assert _nominasi(ev, org, "staf1b").status == StatusNominasi.DIUSULKAN


def test_the_raters_form_closes_once_the_appraiser_rates(org: Org, ev: Evaluasi) -> None:
    owner, boss = _client(org, "staf1a"), _client(org, "kasi1")
    for key in ("staf1b", "rekan0", "rekan1"):
        _propose(owner, org, ev, key)
    boss.post(reverse("appraisal_feedback:setujui_semua", args=[ev.pk]))
    rater = _client(org, "staf1b")
    saya = rater.get(reverse("appraisal_feedback:saya")).content.decode()
    assert '<span class="badge">1</span>' in saya  # one request waiting for him
    rating_set(
        actor=org.actor("kasi1"),
        evaluasi=Evaluasi.objects.select_related("periode", "unit", "jabatan").get(pk=ev.pk),
        rating_hasil_kerja="Sesuai Ekspektasi",
        alasan_hasil_kerja="Target triwulan tercapai.",
        rating_perilaku="Sesuai Ekspektasi",
        alasan_perilaku="Perilaku sesuai BerAKHLAK.",
    )
    nom = _nominasi(ev, org, "staf1b")
    url = reverse("appraisal_feedback:jawab", args=[nom.pk])
    page = rater.get(url).content.decode()
    assert "Penilaian ini sudah ditutup; jawaban tidak dapat diubah lagi." in page and "Kirim penilaian" not in page
    scores = {f"skor_{k}": "4" for k in NilaiBerakhlak.objects.values_list("kode", flat=True)}
    r = rater.post(url, scores)
    assert r.status_code == 400 and MSG_TUTUP in r.content.decode()
    assert not nom.jawaban.exists()


def test_the_summary_page_is_for_the_appraisee_and_his_appraiser_only(org: Org, ev: Evaluasi) -> None:
    url = reverse("appraisal_feedback:ringkasan", args=[ev.pk])
    assert _client(org, "staf1a").get(url).status_code == 200
    assert _client(org, "kasi1").get(url).status_code == 200
    assert _client(org, "staf1b").get(url).status_code == 404
