"""Shared builders for the SKM tests: a period of a unit and hand-made responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from karier.appraisal.public.skm import services
from karier.appraisal.public.skm.choices import UNSUR_FIELDS
from karier.appraisal.public.skm.models import PeriodeSkm, ResponSkm
from tests.orgdata import Org

# Four questionnaires; element sums 14,14,11,12,15,10,10,12,14 → averages 3.5, 3.5, 2.75, 3.0, 3.75,
# 2.5, 2.5, 3.0, 3.5; their sum 28.0; IKM = 28 / 9 × 25 = 77.777… → 77.78, grade B (Baik).
# The weakest: U6 and U7 (2.5), then U3 (2.75); U6 and U7 (index 62.50) are development needs.
ANSWERS: tuple[tuple[int, ...], ...] = (
    (4, 4, 3, 3, 4, 3, 2, 4, 3),
    (3, 3, 3, 2, 4, 2, 2, 3, 3),
    (4, 3, 2, 3, 3, 3, 3, 3, 4),
    (3, 4, 3, 4, 4, 2, 3, 2, 4),
)
PROFILES = (
    {"usia": "21-30", "jenis_kelamin": "P", "pendidikan": "SMA", "pekerjaan": "SWASTA"},
    {"usia": "31-40", "jenis_kelamin": "L", "pendidikan": "D4-S1", "pekerjaan": "PNS"},
    {"usia": "21-30", "jenis_kelamin": "P", "pendidikan": "SMA", "pekerjaan": "PELAJAR"},
    {},
)


def today() -> dt.date:
    return timezone.localdate()


def make_period(
    org: Org, unit_key: str = "dik_b1", *, who: str = "admin", open_: bool = True, **kw: object
) -> PeriodeSkm:
    d = today()
    periode = services.skm_periode_create(
        actor=org.actor(who),
        unit=org.units[unit_key],
        nama=str(kw.get("nama", "SKM Semester II")),
        mulai=kw.get("mulai", d - dt.timedelta(days=30)),  # type: ignore[arg-type]
        selesai=kw.get("selesai", d + dt.timedelta(days=30)),  # type: ignore[arg-type]
    )
    if open_:
        services.skm_periode_open(actor=org.actor(who), periode=periode)
    return periode


def jawaban(values: Sequence[int]) -> dict[str, int]:
    return dict(zip(UNSUR_FIELDS, values, strict=True))


def fill(
    periode: PeriodeSkm,
    answers: Sequence[Sequence[int]] = ANSWERS,
    profiles: Sequence[dict[str, str]] = PROFILES,
    now: dt.datetime | None = None,
) -> list[ResponSkm]:
    rows = []
    for i, values in enumerate(answers):
        rows.append(
            services.skm_respons_submit(
                periode=periode,
                jawaban=jawaban(values),
                profil=profiles[i % len(profiles)] if profiles else {},
                perangkat_id=f"perangkat-uji-{periode.pk}-{i:04d}",
                alamat=f"10.{i // 250}.{i % 250}.1",
                now=now,
            )
        )
    return rows
