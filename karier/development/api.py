"""REST API of competency development (issue #11)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Pengembangan kompetensi"])

# Competency standards, assessments, needs and the training-needs analysis (issue #11 items 1–3).
from karier.development.competency.api import router as competency_router  # noqa: E402

router.add_router("/", competency_router)

# The training catalogue, enrolment, attendance and the JP ledger (issue #11 items 4, 6, 7).
from karier.development.catalogue.api import router as catalogue_router  # noqa: E402

router.add_router("/", catalogue_router)
