"""Who may read and who may change standards.

Standards are not personal data: everyone signed in reads all of them (the province's plan, every
agency's Renstra and agreement, every position's expectations). Writes:
- BKD admins change everything (the RPJMD is theirs alone);
- an agency head (`actor.opd_ids`) changes the agency's Renstra, its indicators, its Perjanjian
  Kinerja and the standards of every position in the agency;
- a superior changes the standards of the positions below the positions he covers today
  (strictly below, through the materialised `Jabatan.path`);
- auditors never write, whatever else they are.
Ids that do not exist (or an anonymous actor) answer 404; an object the actor may read but not
change answers 403 with a message in Bahasa Indonesia.

The `*_for_actor(actor, id)` lookups are the one way views and the API fetch an object by id; a
child (an agreement row, an expected result) comes with its parent loaded and follows the parent's
rule. The services (`karier.standards.services`) check the write rules themselves with the
`require_*` guards below; the `can_*` predicates are for screens deciding what to show.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor
from karier.people.models import Jabatan
from karier.standards.models import (
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    StandarHasil,
)

MSG_READ_ONLY = "Anda dapat melihat data ini, tetapi tidak berwenang mengubahnya."
MSG_RPJMD = "Hanya admin BKD yang dapat mengubah RPJMD dan indikator kinerja utama provinsi."
MSG_OPD = "Hanya kepala perangkat daerah ini atau admin BKD yang dapat mengubahnya."
MSG_JABATAN = "Hanya atasan jabatan ini, kepala perangkat daerahnya atau admin BKD yang dapat mengubah standarnya."


def _signed_in(actor: Actor) -> bool:
    """A signed-in user, or Karier itself (`SYSTEM`: an admin actor without a user)."""
    return actor.user_id is not None or actor.is_admin


def _writer(actor: Actor) -> bool:
    return _signed_in(actor) and not actor.is_auditor


# ---------------------------------------------------------------------------- reads
def _must_read(actor: Actor, what: str) -> None:
    if not _signed_in(actor):
        raise Http404(_("%(apa)s tidak ditemukan.") % {"apa": what})


def rpjmd_for_actor(actor: Actor, rpjmd_id: int) -> Rpjmd:
    _must_read(actor, "RPJMD")
    obj = Rpjmd.objects.filter(pk=rpjmd_id).select_related("instansi").first()
    if obj is None:
        raise Http404(_("RPJMD tidak ditemukan."))
    return obj


def indikator_for_actor(actor: Actor, indikator_id: int) -> Indikator:
    _must_read(actor, "Indikator")
    obj = (
        Indikator.objects.filter(pk=indikator_id)
        .select_related(
            "sasaran__tujuan__misi__rpjmd", "sasaran_renstra__renstra__opd", "sasaran_renstra__renstra__rpjmd", "induk"
        )
        .first()
    )
    if obj is None:
        raise Http404(_("Indikator tidak ditemukan."))
    return obj


def renstra_for_actor(actor: Actor, renstra_id: int) -> Renstra:
    _must_read(actor, "Renstra")
    obj = Renstra.objects.filter(pk=renstra_id).select_related("opd", "rpjmd").first()
    if obj is None:
        raise Http404(_("Renstra tidak ditemukan."))
    return obj


def perjanjian_for_actor(actor: Actor, perjanjian_id: int) -> PerjanjianKinerja:
    _must_read(actor, "Perjanjian kinerja")
    obj = PerjanjianKinerja.objects.filter(pk=perjanjian_id).select_related("opd").first()
    if obj is None:
        raise Http404(_("Perjanjian kinerja tidak ditemukan."))
    return obj


def perjanjian_row_for_actor(actor: Actor, row_id: int) -> PerjanjianKinerjaRow:
    """A row with its agreement (whose rule it follows: read by all, changed by the agency)."""
    _must_read(actor, "Baris perjanjian kinerja")
    obj = (
        PerjanjianKinerjaRow.objects.filter(pk=row_id).select_related("perjanjian__opd", "sasaran", "indikator").first()
    )
    if obj is None:
        raise Http404(_("Baris perjanjian kinerja tidak ditemukan."))
    return obj


def jabatan_for_standar(actor: Actor, jabatan_id: int) -> Jabatan:
    _must_read(actor, "Jabatan")
    obj = Jabatan.objects.filter(pk=jabatan_id).select_related("unit", "unit__opd", "atasan").first()
    if obj is None:
        raise Http404(_("Jabatan tidak ditemukan."))
    return obj


def hasil_for_actor(actor: Actor, hasil_id: int) -> StandarHasil:
    """An expected result with its position (whose standard's rule it follows)."""
    _must_read(actor, "Hasil kerja")
    obj = StandarHasil.objects.filter(pk=hasil_id).select_related("standar__jabatan__unit", "indikator_opd").first()
    if obj is None:
        raise Http404(_("Hasil kerja tidak ditemukan."))
    return obj


# ---------------------------------------------------------------------------- writes: predicates
def can_edit_rpjmd(actor: Actor) -> bool:
    return _writer(actor) and actor.is_admin


def can_edit_opd(actor: Actor, opd_id: int | None) -> bool:
    if not _writer(actor):
        return False
    return actor.is_admin or (opd_id is not None and opd_id in actor.opd_ids)


def can_edit_indikator(actor: Actor, indikator: Indikator) -> bool:
    """Province indicators belong to the RPJMD (admin); agency indicators to their agency."""
    level = indikator.sasaran_renstra
    if level is None:
        return can_edit_rpjmd(actor)
    return can_edit_opd(actor, level.renstra.opd_id)


def _below(path: str, actor: Actor) -> bool:
    return any(path.startswith(p) and path != p for p in actor.jabatan_paths)


def can_edit_standar(actor: Actor, jabatan: Jabatan) -> bool:
    """`jabatan.unit` should be loaded (its `opd_id` decides the agency head's right)."""
    if not _writer(actor):
        return False
    if actor.is_admin:
        return True
    if jabatan.unit.opd_id in actor.opd_ids:
        return True
    return bool(jabatan.path) and _below(jabatan.path, actor)


def editable_jabatan_q(actor: Actor, prefix: str = "") -> Q:
    """A filter on Jabatan (or on a model reaching it through `prefix`) for the standards the actor
    may change: one indexed prefix condition per position covered, whatever the tree size."""
    p = f"{prefix}__" if prefix else ""
    if not _writer(actor):
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    q = Q(**{f"{p}unit__opd_id__in": actor.opd_ids}) if actor.opd_ids else Q(pk__in=[])
    for path in actor.jabatan_paths:
        q |= Q(**{f"{p}path__subtree": path}) & ~Q(**{f"{p}path": path})
    return q


def editable_jabatan(actor: Actor) -> QuerySet[Jabatan]:
    return Jabatan.objects.filter(editable_jabatan_q(actor))


def can_edit_any_standar(actor: Actor) -> bool:
    """The actor may change the standard of at least one position (one query at most)."""
    if not _writer(actor):
        return False
    return actor.is_admin or editable_jabatan(actor).exists()


def editable_opd_q(actor: Actor, field: str = "pk") -> Q:
    """A filter on a model whose `field` is an agency (a top-level UnitKerja) the actor may change."""
    if not _writer(actor):
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    return Q(**{f"{field}__in": actor.opd_ids})


# ---------------------------------------------------------------------------- writes: guards (403)
def require_rpjmd_write(actor: Actor) -> None:
    if not can_edit_rpjmd(actor):
        raise PermissionDenied(MSG_RPJMD)


def require_opd_write(actor: Actor, opd_id: int | None) -> None:
    if not can_edit_opd(actor, opd_id):
        raise PermissionDenied(MSG_OPD)


def require_indikator_write(actor: Actor, indikator: Indikator) -> None:
    if not can_edit_indikator(actor, indikator):
        raise PermissionDenied(MSG_RPJMD if indikator.sasaran_renstra_id is None else MSG_OPD)


def require_standar_write(actor: Actor, jabatan: Jabatan) -> None:
    if not can_edit_standar(actor, jabatan):
        raise PermissionDenied(MSG_JABATAN)
