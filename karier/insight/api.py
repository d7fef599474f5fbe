"""REST API of insight (issue #13): each area keeps its own router."""

from __future__ import annotations

from ninja import Router

from karier.insight.dashboards.api import router as dashboards_router
from karier.insight.fairness.api import router as fairness_router
from karier.insight.reports.api import router as reports_router

router = Router(tags=["Wawasan"])
AREAS: tuple[Router, ...] = (dashboards_router, fairness_router, reports_router)
for area in AREAS:
    router.add_router("/", area)
