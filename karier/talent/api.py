"""REST API of career and talent (issue #12): each area keeps its own router."""

from __future__ import annotations

from ninja import Router

from karier.talent.career.api import router as career_router
from karier.talent.coaching.api import router as coaching_router
from karier.talent.credit.api import router as credit_router
from karier.talent.history.api import router as history_router
from karier.talent.ninebox.api import router as ninebox_router
from karier.talent.promotion.api import router as promotion_router
from karier.talent.recognition.api import router as recognition_router
from karier.talent.recompute.api import router as recompute_router
from karier.talent.succession.api import router as succession_router

router = Router(tags=["Karier dan talenta"])
AREAS: tuple[Router, ...] = (
    # each area adds its router here, one line each
    recompute_router,
    history_router,  # predikat history and its import (item 1)
    recognition_router,  # apresiasi, innovations, award proposals (item 8)
    succession_router,  # key positions, candidates, positions at risk, nominations (item 5)
    career_router,
    coaching_router,  # coaching plans and the mid-year early warning (item 6)
    promotion_router,  # promotion eligibility per date and proposals (item 2)
    credit_router,  # angka kredit: ledger, konversi, uji kompetensi, formasi, PAK (item 3)
    ninebox_router,  # the 9-box: grid, cells, placements explained, rule sets, sanctions (item 4)
)
for area in AREAS:
    router.add_router("/", area)
