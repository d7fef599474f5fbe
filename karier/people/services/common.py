"""What every people service shares: the master-data permission check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karier.people.access import MSG_DIRI_SENDIRI, Actor, is_subject

MSG_MASTER_DATA = gettext_noop("Hanya admin BKD yang dapat mengubah data kepegawaian (pegawai, jabatan, unit kerja).")


def check_master_data(actor: Actor) -> None:
    """Units, positions, employees, golongan and assignments are master data: BKD admins (and
    Karier itself, `access.SYSTEM`) write them; everyone else, auditors included, only reads."""
    if not actor.can_write_master_data:
        raise PermissionDenied(_(MSG_MASTER_DATA))


def check_master_data_about(actor: Actor, pegawai_id: int) -> None:
    """`check_master_data`, and nobody decides about themselves: a BKD admin never assigns herself a
    position nor records her own promotion (another admin does)."""
    check_master_data(actor)
    if is_subject(actor, (pegawai_id,)):
        raise PermissionDenied(_(MSG_DIRI_SENDIRI))
