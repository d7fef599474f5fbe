"""Bulk rating is no existence oracle (issue #8 §5): an id the actor may not see answers exactly like a
missing one, through the service, the API and the screen."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from karier.appraisal.evaluation import services
from tests.appraisal.test_appraisal_support import ALASAN, configured
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
MISSING = 987654


def row() -> dict[str, str]:
    return {
        "rating_hasil_kerja": "Sesuai Ekspektasi",
        "alasan_hasil_kerja": ALASAN,
        "rating_perilaku": "Sesuai Ekspektasi",
        "alasan_perilaku": ALASAN,
    }


def test_hidden_and_missing_ids_get_the_same_answer(org: Org) -> None:
    s = configured(org, plans={"staf1a": "kasi1", "pranata": "kadiskominfo"})
    other_agency = s.ev("pranata")
    with pytest.raises(services.BulkRatingError) as exc:
        services.rating_bulk_set(
            actor=s.actor("kasi1"), periode=s.periode, rows={other_agency.pk: row(), MISSING: row()}
        )
    assert exc.value.rows[other_agency.pk] == exc.value.rows[MISSING]
    assert "tidak ditemukan" in exc.value.rows[MISSING]["__all__"]
    assert "pejabat penilai" not in json.dumps(exc.value.message_dict)

    c = Client()
    c.force_login(org.users["kasi1"])
    answers = []
    for ev_id in (other_agency.pk, MISSING):
        r = c.post(
            f"/api/v1/penilaian/periode/{s.periode.pk}/rating",
            {"rows": [{"evaluasi_id": ev_id, **row()}]},
            content_type="application/json",
        )
        answers.append((r.status_code, r.json()["errors"][str(ev_id)]))
    assert answers[0] == answers[1] and answers[0][0] == 409


def test_a_visible_evaluation_not_mine_still_says_why(org: Org) -> None:
    s = configured(org, plans={"staf1a": "kasi1"})
    with pytest.raises(services.BulkRatingError) as exc:  # kabid1 sees staf1a but is not the appraiser
        services.rating_bulk_set(actor=s.actor("kabid1"), periode=s.periode, rows={s.ev("staf1a").pk: row()})
    assert "pejabat penilai" in exc.value.rows[s.ev("staf1a").pk]["__all__"]
