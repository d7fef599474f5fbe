"""Demo standards for Pemerintah Provinsi Bengkulu (`karier seed_standards`)."""

from karier.standards.demo.seed import SeedError, SeedResult, reset_standards, seed_standards, template_for

__all__ = ["SeedError", "SeedResult", "reset_standards", "seed_standards", "template_for"]
