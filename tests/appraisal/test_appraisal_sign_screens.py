"""The signing screens (issue #5 part 6, issue #8 §3): each button calls its signing service and answers
with a redirect and a message in Bahasa Indonesia; a refusal becomes an error message, nothing signed."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from karier.appraisal.calibration.finalise import unit_finalise
from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.models import Evaluasi
from tests.appraisal.test_appraisal_calibration_support import Seksi, calibrate, client_for, seksi
from tests.orgdata import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(org: Org) -> Seksi:
    s = calibrate(seksi(org, extra=3))
    unit_finalise(actor=s.actor("kasi1"), unit=s.unit, periode=s.periode)  # the Kasi signs as appraiser
    return s


def _post(s: Seksi, key: str, name: str, **kwargs: int) -> tuple[str, list[tuple[str, str]]]:
    r = client_for(s.org, key).post(reverse(f"appraisal_calibration:{name}", kwargs=kwargs))
    assert r.status_code == 302
    return r["Location"], [(m.tags, str(m)) for m in get_messages(r.wsgi_request)]


def test_unit_signature_of_the_superior(s: Seksi) -> None:
    unit_page = reverse("appraisal_calibration:unit", kwargs={"periode_id": s.periode.pk, "unit_id": s.unit.pk})
    where, msgs = _post(s, "kabid1", "sign_unit", periode_id=s.periode.pk, unit_id=s.unit.pk)
    assert (where, msgs) == (unit_page, [("success", "5 evaluasi ditandatangani dan final.")])
    assert Evaluasi.objects.filter(periode=s.periode, status=StatusEvaluasi.FINAL).count() == 5


def test_unit_signature_of_the_appraiser_who_signed_when_finalising_is_refused(s: Seksi) -> None:
    unit_page = reverse("appraisal_calibration:unit", kwargs={"periode_id": s.periode.pk, "unit_id": s.unit.pk})
    where, msgs = _post(s, "kasi1", "sign_unit_penilai", periode_id=s.periode.pk, unit_id=s.unit.pk)
    assert (where, msgs) == (
        unit_page,
        [("error", "Tidak ada evaluasi di unit ini yang menunggu tanda tangan Anda sebagai pejabat penilai.")],
    )


def test_one_evaluation_signed_by_the_superior_and_refused_to_the_appraiser(s: Seksi) -> None:
    ev = s.ev("staf1a")
    status_page = reverse("appraisal_calibration:finalise_status", kwargs={"pk": ev.pk})
    where, msgs = _post(s, "kasi1", "sign_one", pk=ev.pk)  # the appraiser never countersigns
    assert where == status_page and [t for t, _ in msgs] == ["error"]
    assert s.ev("staf1a").status != StatusEvaluasi.FINAL
    where, msgs = _post(s, "kabid1", "sign_one", pk=ev.pk)
    assert (where, msgs) == (status_page, [("success", "Evaluasi ditandatangani dan final.")])
    assert s.ev("staf1a").status == StatusEvaluasi.FINAL
    where, msgs = _post(s, "kasi1", "sign_one_penilai", pk=s.ev("staf1b").pk)
    assert where == reverse("appraisal_calibration:finalise_status", kwargs={"pk": s.ev("staf1b").pk})
    assert msgs == [("error", "Evaluasi ini sudah ditandatangani pejabat penilai.")]


def test_unit_page_offers_the_appraiser_signature_by_the_one_appraiser_rule(org: Org) -> None:
    """The "sign as appraiser" button asks `evaluation.access.is_appraiser` (the one rule), so it shows for
    the appraiser while something of his is unsigned, never for his superior, and goes once he has signed."""
    s = calibrate(seksi(org, extra=3))
    unit_finalise(actor=s.actor("kadis"), unit=s.unit, periode=s.periode)  # nobody signs as appraiser
    url = reverse("appraisal_calibration:unit", kwargs={"periode_id": s.periode.pk, "unit_id": s.unit.pk})

    def offered(key: str) -> bool:
        r = client_for(org, key).get(url)
        assert r.status_code == 200
        return bool(r.context["may_sign_penilai"])

    assert offered("kasi1") and not offered("kabid1") and not offered("kadis")
    where, msgs = _post(s, "kasi1", "sign_unit_penilai", periode_id=s.periode.pk, unit_id=s.unit.pk)
    assert (where, msgs) == (url, [("success", "5 evaluasi ditandatangani sebagai pejabat penilai.")])
    assert not offered("kasi1")
