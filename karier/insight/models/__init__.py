"""The insight tables, one module per area; imported here so Django finds them."""

from karier.insight.models.dashboards import AngkaDasbor, PembaruanDasbor

__all__ = ["AngkaDasbor", "PembaruanDasbor"]
