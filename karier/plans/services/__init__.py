"""Every write to plans (SKP). Validate everything first, then write in one transaction, then audit.

Refusals: `ValidationError` (keyed by field where one input is at fault; the API answers 409) for
bad input or a plan in the wrong state; `PermissionDenied` (403) when the actor is not the party
who may do it. Visibility is the edge's job (`access.skp_for_actor` → 404) before a service runs.

Decisions (see docs/skp.md):
- A position change mid-year makes a new plan from the new TMT; the previous plan of that year
  ends the day before, whatever its status. Ending the period of an approved plan does not change
  what was agreed for the months served, so it needs no re-approval; it is recorded (audit event
  and a dialog kinerja note) and the approved version stays frozen in `SkpRevisi`.
- A subordinate may draft and submit before the superior's plan exists or is approved; RHK may
  be linked to the superior's RHK later. Unlinked RHK below JPT are a warning, not a refusal.
- The appraiser snapshot (`penilai`, `penilai_jabatan`) is refreshed when the owner submits, so a
  change of superior between drafting and submitting is picked up; it is frozen from then on.

The services live by topic — `common` (limits, the open-year check, locks), `create` (a new plan),
`rows` (RHK, IKI, link, expectations, appendix) and `workflow` (submit, return, approve, revise,
dialog) — and are re-exported here so `from karier.plans import services` keeps working; new code
imports from the real module. Every service takes `*, actor: Actor` (built once at the edge).
"""

from karier.plans.services.common import MAX_SHORT, MAX_TEKS, tahun_kinerja_get_or_create
from karier.plans.services.create import skp_create
from karier.plans.services.rows import (
    LAMPIRAN,
    IkiData,
    RhkData,
    ekspektasi_update,
    iki_add,
    iki_delete,
    iki_update,
    lampiran_update,
    rhk_add,
    rhk_delete,
    rhk_link,
    rhk_update,
)
from karier.plans.services.workflow import (
    dialog_add,
    skp_approve,
    skp_return,
    skp_revise,
    skp_snapshot,
    skp_submit,
    skp_submit_problems,
    skp_withdraw,
)

__all__ = [
    "LAMPIRAN",
    "MAX_SHORT",
    "MAX_TEKS",
    "IkiData",
    "RhkData",
    "dialog_add",
    "ekspektasi_update",
    "iki_add",
    "iki_delete",
    "iki_update",
    "lampiran_update",
    "rhk_add",
    "rhk_delete",
    "rhk_link",
    "rhk_update",
    "skp_approve",
    "skp_create",
    "skp_return",
    "skp_revise",
    "skp_snapshot",
    "skp_submit",
    "skp_submit_problems",
    "skp_withdraw",
    "tahun_kinerja_get_or_create",
]
