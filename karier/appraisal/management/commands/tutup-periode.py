"""Alias: `karier tutup-periode` = `karier tutup_periode`."""

from karier.appraisal.management.commands.tutup_periode import Command

__all__ = ["Command"]
