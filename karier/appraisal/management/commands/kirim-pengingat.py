"""Alias: `karier kirim-pengingat` = `karier kirim_pengingat`."""

from karier.appraisal.management.commands.kirim_pengingat import Command

__all__ = ["Command"]
