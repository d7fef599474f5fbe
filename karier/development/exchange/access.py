"""Who may export and import the SIASN history — the only place it is decided.

- Export: the history of the people the actor sees (`people.access.visibility_q`). Per agency: BKD
  admins and auditors any agency, an agency head their own (another agency is refused with the reason);
  per person: anyone who may see that person (hidden is 404). Without a filter: everyone the actor sees.
- Import: BKD admins only (they keep the master data; auditors read), and a file is BKD's work: admins
  and auditors see an import, nobody else (404). Nobody records their own history: a row with the
  importer's own NIP is refused, and an admin may not apply a file holding their own NIP.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.development.models import ImporSiasn
from karier.people.access import Actor, pegawai_for_actor, visible_pegawai
from karier.people.models import Pegawai, UnitKerja


def export_scope(actor: Actor, *, opd: UnitKerja | None = None, pegawai_id: int | None = None) -> QuerySet[Pegawai]:
    """The people whose history the actor exports: visible ones, narrowed to an agency or a person."""
    qs = visible_pegawai(actor)
    if opd is not None:
        if not (actor.sees_everyone or opd.pk in actor.opd_ids):
            raise PermissionDenied(
                _("Riwayat SIASN per perangkat daerah hanya dapat diunduh admin BKD atau kepala perangkat daerahnya.")
            )
        qs = qs.filter(opd_id=opd.pk)
    if pegawai_id is not None:
        qs = qs.filter(pk=pegawai_for_actor(actor, pegawai_id).pk)
    return qs


def may_import(actor: Actor) -> bool:
    return actor.can_write_master_data and not actor.is_auditor


def require_import(actor: Actor) -> None:
    if not may_import(actor):
        raise PermissionDenied(_("Impor riwayat kursus dan diklat SIASN hanya dapat dilakukan admin BKD."))


def impor_for_actor(actor: Actor, impor_id: int) -> ImporSiasn:
    found = ImporSiasn.objects.filter(pk=impor_id).first() if actor.sees_everyone else None
    if found is None:
        raise Http404(_("Impor tidak ditemukan."))
    return found
