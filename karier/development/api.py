"""REST API of competency development (issue #11): each area keeps its own router."""

from __future__ import annotations

from ninja import Router

from karier.development.catalogue.api import router as catalogue_router
from karier.development.competency.api import router as competency_router

router = Router(tags=["Pengembangan kompetensi"])
# Competency standards, assessments, needs and the training-needs analysis (items 1–3).
router.add_router("/", competency_router)
# The training catalogue, enrolment, attendance and the JP ledger (items 4, 6, 7).
router.add_router("/", catalogue_router)
