"""REST API of competency development (issue #11): each area keeps its own router."""

from __future__ import annotations

from ninja import Router

from karier.development.catalogue.api import router as catalogue_router
from karier.development.competency.api import router as competency_router
from karier.development.competency.api_self_assessment import router as self_assessment_router
from karier.development.exchange.api import router as exchange_router
from karier.development.idp.api import router as idp_router
from karier.development.jp.api import router as jp_router
from karier.development.outcomes.api import router as outcomes_router
from karier.development.recommend.api import router as recommend_router

router = Router(tags=["Pengembangan kompetensi"])
for area in (
    competency_router,  # competency standards, assessments, needs, the needs analysis (items 1–3)
    self_assessment_router,  # propose one's level; the superior agrees or refuses (item 2)
    recommend_router,  # recommendations and the needs computation job (item 5)
    catalogue_router,  # the catalogue, sessions, enrolment, attendance, JP settings (items 4, 6, 7)
    outcomes_router,  # QR attendance, evaluation, follow-up, certificate (items 6, 9)
    idp_router,  # the individual development plan (item 6)
    jp_router,  # paged "JP saya" lists and level changes proposed by completed activities (item 7)
    exchange_router,  # the course and training history in SIASN's layouts (item 8)
):
    router.add_router("/", area)
