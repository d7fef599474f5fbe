"""Alias: `karier skp-bulk` = `karier skp_bulk`."""

from karier.plans.management.commands.skp_bulk import Command

__all__ = ["Command"]
