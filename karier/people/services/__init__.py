"""Every write to people, units and positions. Validate first, then write in one transaction.

Every service takes `*, actor: Actor` (built once at the edge; `access.SYSTEM` for Karier itself)
and checks itself that the actor may write master data (BKD admins only: `PermissionDenied`
otherwise, before anything is read or written). Errors are `ValidationError` with messages in
Bahasa Indonesia, keyed by field where one field is at fault, so forms and the API can show them
next to the input.

The services live by entity — `unit`, `jabatan`, `pegawai` (with golongan and the NIP check) and
`penugasan` (with the current-position refresh) — and are re-exported here so
`from karier.people import services` keeps working; new code imports from the real module.
"""

from karier.people.services.common import MSG_MASTER_DATA, check_master_data
from karier.people.services.jabatan import JabatanData, jabatan_create, jabatan_set_atasan
from karier.people.services.pegawai import (
    PegawaiData,
    golongan_record,
    nip_clean,
    pegawai_create,
    pegawai_update_profile,
)
from karier.people.services.penugasan import (
    REFRESH_CHUNK,
    RefreshResult,
    penugasan_assign,
    penugasan_refresh,
    penugasan_sync,
)
from karier.people.services.unit import unit_create

__all__ = [
    "MSG_MASTER_DATA",
    "REFRESH_CHUNK",
    "JabatanData",
    "PegawaiData",
    "RefreshResult",
    "check_master_data",
    "golongan_record",
    "jabatan_create",
    "jabatan_set_atasan",
    "nip_clean",
    "pegawai_create",
    "pegawai_update_profile",
    "penugasan_assign",
    "penugasan_refresh",
    "penugasan_sync",
    "unit_create",
]
