"""Statuses and kinds used by people and positions. Labels are the official Indonesian terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisAsn(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class JenisKelamin(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Pendidikan(models.TextChoices):
    """Tingkat pendidikan, in the order of PP 99/2000's education ceilings."""

    SD = "SD", _("SD")
    SLTP = "SLTP", _("SLTP/SMP")
    SLTP_KEJURUAN = "SLTP Kejuruan", _("SLTP Kejuruan")
    SLTA = "SLTA", _("SLTA/SMA")
    D1 = "D-I", _("D-I")
    D2 = "D-II", _("D-II")
    SGPLB = "SGPLB", _("SGPLB")
    D3 = "D-III", _("D-III")
    S1 = "S1", _("S1")
    D4 = "D-IV", _("D-IV")
    S2 = "S2", _("S2")
    S3 = "S3", _("S3")


class JenisJabatan(models.TextChoices):
    """Kinds of position (UU 20/2023): five managerial, then functional and pelaksana."""

    JPT_UTAMA = "JPT_UTAMA", _("JPT Utama")
    JPT_MADYA = "JPT_MADYA", _("JPT Madya")
    JPT_PRATAMA = "JPT_PRATAMA", _("JPT Pratama")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")
    PELAKSANA = "PELAKSANA", _("Pelaksana")

    @classmethod
    def managerial(cls) -> tuple["JenisJabatan", ...]:
        return (cls.JPT_UTAMA, cls.JPT_MADYA, cls.JPT_PRATAMA, cls.ADMINISTRATOR, cls.PENGAWAS)


class Jenjang(models.TextChoices):
    """Functional jenjang; values are the labels of `karier.rules.Jenjang`."""

    PEMULA = "Pemula", _("Pemula")
    TERAMPIL = "Terampil", _("Terampil")
    MAHIR = "Mahir", _("Mahir")
    PENYELIA = "Penyelia", _("Penyelia")
    AHLI_PERTAMA = "Ahli Pertama", _("Ahli Pertama")
    AHLI_MUDA = "Ahli Muda", _("Ahli Muda")
    AHLI_MADYA = "Ahli Madya", _("Ahli Madya")
    AHLI_UTAMA = "Ahli Utama", _("Ahli Utama")


# SIASN jabatanFungsional.jenjang codes → our Jenjang.
SIASN_JENJANG = {
    "PM": Jenjang.PEMULA,
    "TR": Jenjang.TERAMPIL,
    "MH": Jenjang.MAHIR,
    "PY": Jenjang.PENYELIA,
    "PT": Jenjang.AHLI_PERTAMA,
    "MU": Jenjang.AHLI_MUDA,
    "MA": Jenjang.AHLI_MADYA,
    "UT": Jenjang.AHLI_UTAMA,
}


class JenisUnit(models.TextChoices):
    OPD = "OPD", _("Perangkat Daerah (OPD)")
    BIDANG = "BIDANG", _("Bidang/Bagian")
    SUBBIDANG = "SUBBIDANG", _("Subbidang/Seksi/Subbagian")
    UPT = "UPT", _("UPT/UPTD")


class JenisPenugasan(models.TextChoices):
    DEFINITIF = "DEFINITIF", _("Definitif")
    PLT = "PLT", _("Pelaksana Tugas (Plt)")
    PLH = "PLH", _("Pelaksana Harian (Plh)")


class JenisInstansi(models.TextChoices):
    PUSAT = "P", _("Instansi Pusat")
    DAERAH = "D", _("Instansi Daerah")
