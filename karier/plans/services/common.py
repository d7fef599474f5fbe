"""What the plan services share: limits, the open-year check, the plan's row lock, dialog notes and
the signed-evaluation guard. See `karier.plans.services` for the rules every service follows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from karier.people.access import Actor
from karier.people.choices import JenisJabatan
from karier.plans.choices import SumberSkp
from karier.plans.models import (
    DialogKinerja,
    Skp,
    TahunKinerja,
)

JPT = frozenset({JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA})
SUMBER_MANUAL = frozenset({SumberSkp.KOSONG, SumberSkp.TAHUN_LALU, SumberSkp.STANDAR})
MIN_TAHUN = 2000
DEFAULT_BATAS = (1, 31)  # end of January (PermenPANRB 8/2021; configurable per year by the admin)
MAX_TEKS = 2000
MAX_SHORT = 300


# ---------------------------------------------------------------------------- years
def tahun_kinerja_get_or_create(tahun: int) -> TahunKinerja:
    """The performance year, created on first use with the default deadline (31 January).

    The deadline and the closing are edited by the admin (Django admin, audited there).
    """
    if not MIN_TAHUN <= tahun <= timezone.localdate().year + 1:
        raise ValidationError(
            {
                "tahun": (
                    _("Tahun harus antara %(min)s dan %(max)s.")
                    % {"min": MIN_TAHUN, "max": timezone.localdate().year + 1}
                )
            }
        )
    obj, _created = TahunKinerja.objects.get_or_create(
        tahun=tahun, defaults={"batas_penetapan_skp": dt.date(tahun, *DEFAULT_BATAS)}
    )
    return obj


def _year_open(tahun: TahunKinerja, field: str | None = "tahun") -> None:
    if tahun.ditutup:
        message = _("Tahun kinerja %(tahun)s sudah ditutup; SKP tidak dapat diubah lagi.") % {"tahun": tahun.tahun}
        raise ValidationError({field: message} if field else message)


def _locked(skp: Skp) -> Skp:
    """Re-read the plan under a row lock so two decisions cannot cross."""
    return Skp.objects.select_for_update().select_related("tahun").get(pk=skp.pk)


def _dialog(*, actor: Actor, skp: Skp, jenis: str, teks: str) -> DialogKinerja:
    return DialogKinerja.objects.create(
        skp=skp,
        penulis_id=actor.user_id,
        jenis=jenis,
        teks=teks,
        versi=skp.versi,
    )


def _refuse_if_signed_evaluation(skp: Skp, *, apa: str | None = None) -> None:
    """A plan whose evaluation of some period is final (or signed) is what that evaluation judged: it is
    revised only after that evaluation is reopened through the audited reopen (issue #8 §3). The
    evaluations are read through the reverse relation, so plans imports nothing from appraisal."""
    signed = (
        skp.evaluasi.filter(Q(status="FINAL") | Q(ditandatangani_penilai_pada__isnull=False))
        .order_by("periode__mulai")
        .values_list("periode__nama", "periode__tahun_id")
    )
    names = [f"{nama} {tahun}" for nama, tahun in signed]
    if names:
        raise ValidationError(
            _(
                "SKP ini sudah dievaluasi dan evaluasinya sudah ditandatangani/final (%(periode)s). %(apa)s "
                "ditolak: buka ulang evaluasi tersebut lebih dahulu melalui pembukaan ulang (tercatat), "
                "lalu revisi SKP."
            )
            % {"periode": ", ".join(names), "apa": apa or _("Revisi")}
        )


def _refresh(target: Skp, source: Skp) -> None:
    for f in (
        "status",
        "versi",
        "penilai_id",
        "penilai_jabatan_id",
        "diajukan_pada",
        "disetujui_pada",
        "disetujui_oleh_id",
        "diubah_pada",
    ):
        setattr(target, f, getattr(source, f))
    for cached in ("penilai", "penilai_jabatan", "disetujui_oleh"):
        target._state.fields_cache.pop(cached, None)
