"""The calibration screens through HTTP, as the people who use them (issue #5 parts 5–8): the head above a
unit sets its result, the unit head moves people on the curve and finalises, the superior signs, an admin
reopens, the appraisee objects and the superior decides. Each test checks what the person sees, what is
stored and the audit event written; refusals are shown in Bahasa Indonesia and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from karier.appraisal.choices import StatusEvaluasi, StatusFinalisasi, StatusKeberatan
from karier.appraisal.models import (
    Evaluasi,
    FinalisasiUnit,
    Kalibrasi,
    Keberatan,
    PredikatOrganisasiUnit,
    RiwayatEvaluasi,
)
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_calibration_support import Seksi, calibrate, client_for, seksi, signed_seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db

REQUIRED = "Bidang ini tidak boleh kosong."


@pytest.fixture
def s(org: Org) -> Seksi:
    """Five staff rated Baik by the Kasi; no unit result yet."""
    return seksi(org, extra=3)


def _url(s: Seksi, name: str = "unit", **kwargs: int) -> str:
    return reverse(f"appraisal_calibration:{name}", kwargs={"periode_id": s.periode.pk, "unit_id": s.unit.pk, **kwargs})


def _msgs(r: Any) -> list[tuple[str, str]]:
    return [(m.tags, str(m)) for m in get_messages(r.wsgi_request)]


def _last(r: Any) -> tuple[str, str]:
    """The message this response added (unread ones from earlier redirects stay queued before it)."""
    return _msgs(r)[-1]


def _events(action: str, obj: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(obj.pk)))


# ---------------------------------------------------------------------------- index
def test_index_links_each_official_to_the_units_he_calibrates(s: Seksi) -> None:
    kasi = client_for(s.org, "kasi1").get(reverse("appraisal_calibration:index")).content.decode()
    assert _url(s) in kasi and "Seksi Kurikulum" in kasi
    kabid = client_for(s.org, "kabid1").get(reverse("appraisal_calibration:index")).content.decode()
    bidang = reverse(
        "appraisal_calibration:unit", kwargs={"periode_id": s.periode.pk, "unit_id": s.org.units["dik_b1"].pk}
    )
    assert _url(s) in kabid and bidang in kabid  # the unit below and the one he leads
    staff = client_for(s.org, "staf1a").get(reverse("appraisal_calibration:index")).content.decode()
    assert "Tidak ada unit yang Anda pimpin." in staff and _url(s) not in staff


# ---------------------------------------------------------------------------- unit result
def test_the_head_above_sets_the_unit_result_from_the_screen(s: Seksi) -> None:
    c = client_for(s.org, "kabid1")
    r = c.post(_url(s, "unit_result"), {"predikat": "Baik", "alasan": "Capaian PK sesuai target."})
    assert r.status_code == 302 and r["Location"] == _url(s)
    assert _msgs(r) == [("success", "Predikat kinerja organisasi disimpan.")]
    row = PredikatOrganisasiUnit.objects.get(unit=s.unit, periode=s.periode)
    assert (row.predikat, row.ditetapkan_oleh) == ("Baik", s.user("kabid1"))
    [event] = _events("appraisal.unit_result", row)
    assert event.actor == s.user("kabid1") and event.changes["predikat"] == ["", "Baik"]
    page = c.get(_url(s)).content.decode()
    assert "<strong>Baik</strong> — Capaian PK sesuai target." in page


def test_unit_result_without_a_reason_is_shown_next_to_the_field_and_not_saved(s: Seksi) -> None:
    r = client_for(s.org, "kabid1").post(_url(s, "unit_result"), {"predikat": "Baik", "alasan": ""})
    assert r.status_code == 422 and REQUIRED in r.content.decode()
    assert not PredikatOrganisasiUnit.objects.exists()
    assert not AuditEvent.objects.filter(action="appraisal.unit_result").exists()


def test_the_unit_head_cannot_set_his_own_units_result(s: Seksi) -> None:
    page = client_for(s.org, "kasi1").get(_url(s)).content.decode()
    assert _url(s, "unit_result") not in page  # no form offered to him
    r = client_for(s.org, "kasi1").post(_url(s, "unit_result"), {"predikat": "Istimewa", "alasan": "Unit saya."})
    assert r.status_code == 422
    # The reason shows although the form is not drawn for him.
    assert "ditetapkan oleh pimpinan di atas unit ini" in r.content.decode()
    assert not PredikatOrganisasiUnit.objects.exists()


# ---------------------------------------------------------------------------- moves on the curve
def test_the_kasi_moves_a_person_and_the_board_shows_it_with_an_audit_event(s: Seksi) -> None:
    c = client_for(s.org, "kasi1")
    ev = s.ev("x2")
    r = c.post(_url(s, "move", evaluasi_id=ev.pk), {"ke": "Sangat Baik", "alasan": "Kinerja menonjol."})
    assert r.status_code == 302 and r["Location"] == _url(s)
    ev = s.ev("x2")
    assert (ev.predikat, ev.predikat_akhir) == ("Baik", "Sangat Baik")
    move = Kalibrasi.objects.get(evaluasi=ev)
    assert (move.dari, move.ke, move.alasan) == ("Baik", "Sangat Baik", "Kinerja menonjol.")
    [event] = _events("appraisal.calibrate", ev)
    assert event.actor == s.user("kasi1")
    page = c.get(_url(s)).content.decode()
    column = page.split("<h3>Sangat Baik")[1].split("<h3>")[0]
    assert f'id="ev-{ev.pk}"' in column and "semula Baik" in column


def test_a_move_without_reason_or_to_the_same_predikat_is_refused_in_indonesian(s: Seksi) -> None:
    c = client_for(s.org, "kasi1")
    ev = s.ev("x2")
    before = (ev.predikat, ev.predikat_akhir)
    empty = c.post(_url(s, "move", evaluasi_id=ev.pk), {"ke": "Sangat Baik", "alasan": ""})
    assert empty.status_code == 422
    html = empty.content.decode()
    assert "<h1>Kalibrasi: Seksi Kurikulum</h1>" in html  # the whole page without HTMX
    assert html.index(REQUIRED) > html.index(f'id="ev-{ev.pk}"')  # next to the person
    same = c.post(_url(s, "move", evaluasi_id=ev.pk), {"ke": "Baik", "alasan": "Tetap."}, HTTP_HX_REQUEST="true")
    assert same.status_code == 422
    board = same.content.decode()
    assert "Pegawai ini sudah berpredikat Baik." in board and "<h1>" not in board  # only the board
    assert not Kalibrasi.objects.exists() and (s.ev("x2").predikat, s.ev("x2").predikat_akhir) == before


def test_moves_are_hidden_from_staff_and_outside_the_unit(s: Seksi) -> None:
    ev = s.ev("x2")
    r = client_for(s.org, "staf1a").post(_url(s, "move", evaluasi_id=ev.pk), {"ke": "Sangat Baik", "alasan": "x"})
    assert r.status_code == 404
    own = s.ev("kasi1")  # calibrated one level up, in the Bidang
    r = client_for(s.org, "kadis").post(_url(s, "move", evaluasi_id=own.pk), {"ke": "Sangat Baik", "alasan": "x"})
    assert r.status_code == 404
    assert not Kalibrasi.objects.exists()


# ---------------------------------------------------------------------------- finalisation and signatures
def test_finalisation_is_refused_until_the_curve_holds_then_signs_as_appraiser(s: Seksi) -> None:
    c = client_for(s.org, "kasi1")
    r = c.post(_url(s, "finalise"), {"justifikasi": ""})
    assert r.status_code == 422
    assert "Predikat kinerja organisasi unit ini belum ditetapkan oleh pimpinan di atasnya." in r.content.decode()
    assert not FinalisasiUnit.objects.exists()
    calibrate(s)
    r = c.post(_url(s, "finalise"), {"justifikasi": ""})
    assert r.status_code == 302
    assert [t for t, _ in _msgs(r)] == ["success"] and "Unit difinalisasi" in _msgs(r)[0][1]
    final = FinalisasiUnit.objects.get(unit=s.unit, periode=s.periode)
    assert final.status == StatusFinalisasi.FINAL and _events("appraisal.unit_finalise", final)
    signed = Evaluasi.objects.filter(periode=s.periode, unit=s.unit, ditandatangani_penilai_pada__isnull=False)
    assert signed.count() == 5
    page = c.get(_url(s)).content.decode()
    assert "<strong>Final</strong>" in page and _url(s, "finalise") not in page
    kabid = client_for(s.org, "kabid1").get(_url(s)).content.decode()
    assert _url(s, "sign_unit") in kabid  # the superior is offered his signature


def test_a_broken_curve_is_listed_on_the_refusal(s: Seksi) -> None:
    client_for(s.org, "kabid1").post(_url(s, "unit_result"), {"predikat": "Baik", "alasan": "Sesuai target."})
    r = client_for(s.org, "kasi1").post(_url(s, "finalise"), {"justifikasi": ""})
    assert r.status_code == 422
    html = r.content.decode()
    assert "Distribusi predikat melanggar kurva; lakukan kalibrasi dahulu." in html
    assert "Kurva belum terpenuhi" in html
    assert not FinalisasiUnit.objects.exists()


# ---------------------------------------------------------------------------- reopening
def test_an_admin_reopens_a_final_evaluation_and_the_version_is_kept(org: Org) -> None:
    s = signed_seksi(org)
    ev = s.ev("staf1a")
    url = reverse("appraisal_calibration:reopen", kwargs={"pk": ev.pk})
    status_page = reverse("appraisal_calibration:finalise_status", kwargs={"pk": ev.pk})
    admin = client_for(s.org, "admin")
    assert "Buka ulang evaluasi" in admin.get(status_page).content.decode()
    r = admin.post(url, {"alasan": ""})
    assert (r["Location"], _msgs(r)) == (status_page, [("error", "Alasan pembukaan ulang wajib diisi.")])
    r = client_for(s.org, "staf1a").post(url, {"alasan": "Saya ingin dinilai ulang."})
    assert _last(r)[0] == "error" and "evaluasi Anda sendiri" in _last(r)[1]
    assert s.ev("staf1a").status == StatusEvaluasi.FINAL
    r = admin.post(url, {"alasan": "Salah input realisasi."})
    assert _last(r) == ("success", "Evaluasi dibuka ulang; versi sebelumnya tersimpan di riwayat.")
    ev = s.ev("staf1a")
    assert (ev.status, ev.versi, ev.ditandatangani_penilai_pada) == (StatusEvaluasi.DIBUKA_ULANG, 2, None)
    assert RiwayatEvaluasi.objects.filter(evaluasi=ev, versi=1, alasan="Salah input realisasi.").exists()
    assert [e.actor for e in _events("appraisal.reopen", ev)] == [s.user("admin")]
    page = admin.get(status_page).content.decode()
    assert "Versi 1" in page and "Salah input realisasi." in page


# ---------------------------------------------------------------------------- objections
def test_the_appraisee_objects_and_the_superior_accepts_with_a_new_predikat(org: Org) -> None:
    s = signed_seksi(org)
    ev = s.ev("staf1a")
    status_page = reverse("appraisal_calibration:finalise_status", kwargs={"pk": ev.pk})
    file_url = reverse("appraisal_calibration:objection_file", kwargs={"pk": ev.pk})
    staff = client_for(s.org, "staf1a")
    r = staff.post(file_url, {"alasan": ""})
    assert _msgs(r) == [("error", "Alasan keberatan wajib diisi.")] and not Keberatan.objects.exists()
    r = staff.post(file_url, {"alasan": "Bukti capaian triwulan IV belum dihitung."})
    assert r["Location"] == status_page and _last(r)[0] == "success"
    k = Keberatan.objects.get(evaluasi=ev)
    assert k.status == StatusKeberatan.DIAJUKAN and _events("appraisal.objection_file", k)
    assert file_url not in staff.get(status_page).content.decode()  # one open objection at a time

    boss = client_for(s.org, "kabid1")
    decide = reverse("appraisal_calibration:objection_decide", kwargs={"pk": k.pk})
    assert decide in boss.get(reverse("appraisal_calibration:objections")).content.decode()
    r = boss.post(decide, {"diterima": "1", "predikat_baru": "", "keputusan": "Bukti diterima."})
    assert r.status_code == 422 and "Pilih predikat baru bila keberatan diterima." in r.content.decode()
    assert Keberatan.objects.get(pk=k.pk).status == StatusKeberatan.DIAJUKAN
    r = boss.post(decide, {"diterima": "1", "predikat_baru": "Sangat Baik", "keputusan": "Bukti diterima."})
    assert r.status_code == 302 and r["Location"] == reverse("appraisal_calibration:objections")
    assert _msgs(r) == [("success", "Keputusan keberatan dicatat.")]
    ev = s.ev("staf1a")
    assert (ev.predikat_akhir, ev.versi) == ("Sangat Baik", 2)
    assert Keberatan.objects.get(pk=k.pk).status == StatusKeberatan.DITERIMA
    assert [e.actor for e in _events("appraisal.objection_decide", k)] == [s.user("kabid1")]
    page = staff.get(status_page).content.decode()
    assert "<strong>Sangat Baik</strong>" in page and "Bukti diterima." in page
    assert decide not in boss.get(reverse("appraisal_calibration:objections")).content.decode()


def test_an_objection_is_hidden_from_other_staff(org: Org) -> None:
    s = signed_seksi(org)
    ev = s.ev("staf1a")
    client_for(s.org, "staf1a").post(
        reverse("appraisal_calibration:objection_file", kwargs={"pk": ev.pk}), {"alasan": "Tidak sesuai bukti."}
    )
    k = Keberatan.objects.get(evaluasi=ev)
    other = client_for(s.org, "staf1b")
    assert other.get(reverse("appraisal_calibration:objection_decide", kwargs={"pk": k.pk})).status_code == 404
    assert other.get(reverse("appraisal_calibration:finalise_status", kwargs={"pk": ev.pk})).status_code == 404
    r = other.post(reverse("appraisal_calibration:objection_file", kwargs={"pk": ev.pk}), {"alasan": "Saya juga."})
    assert r.status_code == 404 and Keberatan.objects.count() == 1


# ---------------------------------------------------------------------------- agency recap
def test_the_agency_head_reads_the_recap_of_his_units(s: Seksi) -> None:
    url = reverse("appraisal_calibration:agency", kwargs={"periode_id": s.periode.pk, "opd_id": s.org.units["dik"].pk})
    page = client_for(s.org, "kadis").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Seksi Kurikulum" in html and _url(s) in html
    assert client_for(s.org, "kadis").get(url, {"page": "99"}).status_code == 200  # past the end: the last page
    other = reverse(
        "appraisal_calibration:agency", kwargs={"periode_id": s.periode.pk, "opd_id": s.org.units["kominfo"].pk}
    )
    assert client_for(s.org, "kadis").get(other).status_code == 404
    assert client_for(s.org, "staf1a").get(url).status_code == 404


def test_close_screen_hidden_from_staff_and_auditors(s: Seksi) -> None:
    url = reverse("appraisal_calibration:close", kwargs={"periode_id": s.periode.pk})
    for who in ("staf1a", "auditor"):
        assert client_for(s.org, who).get(url).status_code == 404, who
    page = client_for(s.org, "kadis").get(url)
    assert page.status_code == 200 and "Dinas Pendidikan" in page.content.decode()


def test_signed_out_visitors_are_sent_to_the_login(s: Seksi) -> None:
    r = Client().get(_url(s))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))
