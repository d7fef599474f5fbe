"""`karier seed-demo --reset` deletes the demo, never the reference tables the migrations fill: the
BerAKHLAK values, the Kamus kompetensi with its levels (a reset emptied the Kamus, and the development
screens and jobs then had no competencies)."""

from __future__ import annotations

from django.apps import apps

from karier.people.demo.reset import REFERENCE_MODELS, demo_data_models


def test_reference_tables_filled_by_migrations_survive_a_reset() -> None:
    deleted = {m._meta.label_lower for m in demo_data_models()}
    for label in ("development.kompetensi", "development.levelkompetensi"):
        assert label in REFERENCE_MODELS
        assert apps.get_model(label) is not None
        assert label not in deleted
    assert "development.penilaiankompetensi" in deleted  # the demo's own rows still go
