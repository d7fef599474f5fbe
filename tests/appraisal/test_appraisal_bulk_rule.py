"""The reason rule of a rating (issue #10 §4, docs/rating.md): "Sesuai Ekspektasi" needs no reason;
Di Atas / Di Bawah need one of at least 10 characters. One rule (`karier.rules.alasan_rating_wajib`
through `services.alasan_problem`) for the single rating, the bulk rating, the API and the screen."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation import services
from karier.appraisal.models import Evaluasi
from karier.core.models import AuditEvent
from tests.appraisal.test_appraisal_support import ALASAN, configured
from tests.orgdata import PASSWORD, Org

API = "/api/v1"
SESUAI, DI_ATAS, DI_BAWAH = "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Di Bawah Ekspektasi"


def row(hk: str = SESUAI, pk: str = SESUAI, ahk: str = "", apk: str = "") -> dict[str, str]:
    return {"rating_hasil_kerja": hk, "alasan_hasil_kerja": ahk, "rating_perilaku": pk, "alasan_perilaku": apk}


def test_sesuai_without_reason_is_saved(org: Org) -> None:
    s = configured(org)
    ev = services.rating_set(actor=s.actor("kasi1"), evaluasi=s.ev("staf1a"), **row())
    saved = Evaluasi.objects.get(pk=ev.pk)
    assert (saved.status, saved.predikat, saved.alasan_hasil_kerja) == (StatusEvaluasi.DINILAI, "Baik", "")


@pytest.mark.parametrize("rating", [DI_ATAS, DI_BAWAH])
@pytest.mark.parametrize("alasan", ["", "   ", "singkat"])
def test_away_from_sesuai_needs_a_reason(org: Org, rating: str, alasan: str) -> None:
    s = configured(org)
    with pytest.raises(ValidationError) as exc:
        services.rating_set(actor=s.actor("kasi1"), evaluasi=s.ev("staf1a"), **row(pk=rating, apk=alasan))
    message = exc.value.message_dict["alasan_perilaku"][0]
    assert f"Rating \u201c{rating}\u201d perlu alasan (paling sedikit 10 karakter)" in message
    assert "alasan_hasil_kerja" not in exc.value.message_dict  # Sesuai: no reason asked
    assert s.ev("staf1a").status == StatusEvaluasi.DRAFT


def test_ten_characters_are_enough_and_sesuai_may_carry_a_reason(org: Org) -> None:
    s = configured(org)
    ev = services.rating_set(
        actor=s.actor("kasi1"), evaluasi=s.ev("staf1a"), **row(hk=DI_ATAS, ahk="1234567890", apk="ok")
    )
    assert (ev.predikat, ev.alasan_perilaku) == ("Baik", "ok")


def test_too_long_reason_refused_for_every_rating(org: Org) -> None:
    s = configured(org)
    with pytest.raises(ValidationError) as exc:
        services.rating_set(actor=s.actor("kasi1"), evaluasi=s.ev("staf1a"), **row(ahk="x" * 2001))
    assert "paling banyak 2000" in exc.value.message_dict["alasan_hasil_kerja"][0]


def test_alasan_problem_and_hint_are_one_rule() -> None:
    assert services.alasan_problem(SESUAI, "") is None
    assert services.alasan_problem(DI_ATAS, "") and services.alasan_problem(DI_BAWAH, "pendek")
    assert services.alasan_problem(DI_ATAS, "cukup panjang") is None
    assert services.alasan_problem("", "") is None  # a missing rating is the rating's error, not the reason's
    assert [services.alasan_wajib(v) for v in (SESUAI, DI_ATAS, DI_BAWAH, "", "x")] == [
        False,
        True,
        True,
        False,
        False,
    ]


def test_bulk_all_or_nothing_with_reasons_only_for_exceptions(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    with pytest.raises(services.BulkRatingError) as exc:
        services.rating_bulk_set(
            actor=s.actor("kasi1"), periode=s.periode, rows={a.pk: row(), b.pk: row(hk=DI_ATAS, ahk="")}
        )
    assert set(exc.value.rows) == {b.pk} and "alasan_hasil_kerja" in exc.value.rows[b.pk]
    assert "perlu alasan" in exc.value.rows[b.pk]["alasan_hasil_kerja"]
    assert not Evaluasi.objects.filter(status=StatusEvaluasi.DINILAI).exists()  # a's fine row was not saved
    assert not AuditEvent.objects.filter(action="penilaian.rating").exists()
    n = services.rating_bulk_set(
        actor=s.actor("kasi1"), periode=s.periode, rows={a.pk: row(), b.pk: row(hk=DI_ATAS, ahk=ALASAN)}
    )
    assert n == 2
    assert dict(Evaluasi.objects.filter(pk__in=[a.pk, b.pk]).values_list("pk", "rating_hasil_kerja")) == {
        a.pk: SESUAI,
        b.pk: DI_ATAS,
    }


# ---------------------------------------------------------------------------- the API follows the same rule
def _client(org: Org, key: str) -> Client:
    c = Client()
    assert c.login(username=org.users[key].username, password=PASSWORD)
    return c


def _send(c: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(c, method)(f"{API}{url}", data=json.dumps(body), content_type="application/json")


def test_api_single_and_bulk_follow_the_rule(org: Org) -> None:
    s = configured(org)
    a, b = s.ev("staf1a"), s.ev("staf1b")
    wati = _client(org, "kasi1")
    # Sesuai with the reasons left out altogether: accepted (the schema no longer demands them).
    r = _send(wati, "put", f"/penilaian/{a.pk}/rating", {"rating_hasil_kerja": SESUAI, "rating_perilaku": SESUAI})
    assert r.status_code == 200 and r.json()["predikat"] == "Baik"
    r = _send(wati, "put", f"/penilaian/{a.pk}/rating", row(hk=DI_BAWAH))
    assert r.status_code == 409
    assert "perlu alasan" in r.json()["errors"]["alasan_hasil_kerja"][0]
    bulk = f"/penilaian/periode/{s.periode.pk}/rating"
    body = {"rows": [{"evaluasi_id": a.pk, **row()}, {"evaluasi_id": b.pk, **row(pk=DI_ATAS, apk="pendek")}]}
    r = _send(wati, "post", bulk, body)
    assert r.status_code == 409 and list(r.json()["errors"]) == [str(b.pk)]
    assert Evaluasi.objects.get(pk=b.pk).status == StatusEvaluasi.DRAFT
    body["rows"][1]["alasan_perilaku"] = ALASAN
    r = _send(wati, "post", bulk, body)
    assert r.status_code == 200 and r.json() == {"disimpan": 1}  # a was unchanged
    assert Evaluasi.objects.get(pk=b.pk).predikat == "Baik"
