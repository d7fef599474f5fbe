"""Demo recommendations: the computation run inline over the demo province, after the competency and
catalogue seeds (`karier seed-recommendations-demo`, in `bin/demo`). Idempotent: a new run replaces
the previous one."""

from __future__ import annotations

from karier.development.models import PerhitunganRekomendasi
from karier.development.recommend.compute import rekomendasi_hitung
from karier.people.access import SYSTEM, Actor


def seed(*, actor: Actor = SYSTEM) -> PerhitunganRekomendasi:
    return rekomendasi_hitung(actor=actor, opd_id=None)
