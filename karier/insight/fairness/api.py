"""API of the fairness analytics (issue #13 item 2): the same data as the screen, suppressed identically.
An agency the caller may not see — and any agency for a caller without the role — answers 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from karier.api.helpers import path_id
from karier.api.schemas import ERRORS_404
from karier.insight.fairness import access, selectors
from karier.insight.fairness.schemas import KeadilanOut
from karier.insight.fairness.serialize import report_dict
from karier.people.access import actor_from_request

router = Router()


@router.get(
    "/wawasan/keadilan/{int:opd_id}",
    response={200: KeadilanOut, **ERRORS_404},
    summary="Keadilan penilaian satu perangkat daerah dalam satu tahun",
    url_name="keadilan_opd",
)
def keadilan_opd(
    request: HttpRequest,
    opd_id: int = path_id("Id perangkat daerah (unit teratas)."),
    tahun: int = Query(..., ge=2000, le=2100, description="Tahun kinerja."),
) -> Any:
    opd = access.agency_for_fairness(actor_from_request(request), opd_id)
    return report_dict(selectors.fairness_report(opd, tahun))
