"""Who may import past predikat and read imports and a person's predikat history (issue #12 item 1),
derived from `karier.talent.access`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from karier.people.access import Actor
from karier.talent.access import person_for_actor, require_bkd
from karier.talent.models import ImporRiwayatKinerja, PredikatTahunan


def require_import(actor: Actor) -> None:
    """Importing history is BKD's work (auditors read, never write)."""
    require_bkd(actor, _("Impor riwayat predikat dan angka kredit hanya dapat dilakukan admin BKD."))


def may_see_imports(actor: Actor) -> bool:
    """BKD admins and auditors see every import; nobody else any."""
    return actor.sees_everyone and actor.user_id is not None


def require_see_imports(actor: Actor) -> None:
    """The import history screen tells anyone else whose screen it is (403)."""
    if not may_see_imports(actor):
        raise PermissionDenied(_("Impor riwayat predikat dan angka kredit dikelola admin BKD."))


def visible_impor(actor: Actor) -> QuerySet[ImporRiwayatKinerja]:
    if not may_see_imports(actor):
        return ImporRiwayatKinerja.objects.none()
    return ImporRiwayatKinerja.objects.all()


def impor_for_actor(actor: Actor, impor_id: int) -> ImporRiwayatKinerja:
    found = visible_impor(actor).filter(pk=impor_id).first()
    if found is None:
        raise Http404(_("Impor tidak ditemukan."))
    return found


def predikat_for_person(actor: Actor, pegawai_id: int) -> QuerySet[PredikatTahunan]:
    """A person's predikat by year, when the actor may see the person (404 otherwise)."""
    pegawai = person_for_actor(actor, pegawai_id)
    return PredikatTahunan.objects.filter(pegawai=pegawai).order_by("-tahun")
