"""Choices shared by the talent areas; values of the rule labels are those of `karier.rules`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LevelTalenta(models.TextChoices):
    """A level on either axis of the 9-box; values are `karier.rules.Level`."""

    RENDAH = "Rendah", _("Rendah")
    MENENGAH = "Menengah", _("Menengah")
    TINGGI = "Tinggi", _("Tinggi")


class StatusImporRiwayat(models.TextChoices):
    DIPERIKSA = "DIPERIKSA", _("Diperiksa")
    DITERAPKAN = "DITERAPKAN", _("Diterapkan")
