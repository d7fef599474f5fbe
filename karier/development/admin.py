"""Admin registrations of the development app; each area keeps its own (imported here so Django's
autodiscovery finds them)."""

from karier.development.competency import admin as _competency_admin  # noqa: F401
