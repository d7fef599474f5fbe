"""Statuses and the anonymous respondent profile of the SKM (typical questionnaire of
PermenPANRB 14/2017, lampiran: umur, jenis kelamin, pendidikan, pekerjaan)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from karier.rules import SKM_ELEMENTS

StrOrPromise = str | Promise


class StatusSkm(models.TextChoices):
    """A period is prepared (draft), open to the public, then closed for good."""

    DRAFT = "DRAFT", _("Draf")
    BUKA = "BUKA", _("Dibuka")
    TUTUP = "TUTUP", _("Ditutup")


class StatusTindakLanjut(models.TextChoices):
    RENCANA = "RENCANA", _("Direncanakan")
    PROSES = "PROSES", _("Sedang berjalan")
    SELESAI = "SELESAI", _("Selesai")


class UnsurSkm(models.TextChoices):
    """The nine elements; labels as in `karier.rules.SKM_ELEMENTS` (kept in step by a test)."""

    U1 = "U1", _("Persyaratan")
    U2 = "U2", _("Sistem, mekanisme dan prosedur")
    U3 = "U3", _("Waktu penyelesaian")
    U4 = "U4", _("Biaya/tarif")
    U5 = "U5", _("Produk spesifikasi jenis pelayanan")
    U6 = "U6", _("Kompetensi pelaksana")
    U7 = "U7", _("Perilaku pelaksana")
    U8 = "U8", _("Penanganan pengaduan, saran dan masukan")
    U9 = "U9", _("Sarana dan prasarana")


class MutuSkm(models.TextChoices):
    """The quality grade of an IKM; labels as in `karier.rules.SKM_GRADE_LABELS` (kept in step by a
    test) but translatable for screens — the official PDF prints the rules' Indonesian labels."""

    A = "A", _("Sangat Baik")
    B = "B", _("Baik")
    C = "C", _("Kurang Baik")
    D = "D", _("Tidak Baik")


#: The model field of each element's answer (u1…u9), in the regulation's order.
UNSUR_FIELDS: tuple[str, ...] = tuple(e.code.lower() for e in SKM_ELEMENTS)


class Usia(models.TextChoices):
    SAMPAI_20 = "<=20", _("20 tahun ke bawah")
    U21_30 = "21-30", _("21–30 tahun")
    U31_40 = "31-40", _("31–40 tahun")
    U41_50 = "41-50", _("41–50 tahun")
    U51_60 = "51-60", _("51–60 tahun")
    DI_ATAS_60 = ">60", _("Di atas 60 tahun")


class JenisKelaminResponden(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class PendidikanResponden(models.TextChoices):
    SD = "SD", _("SD ke bawah")
    SMP = "SMP", _("SMP")
    SMA = "SMA", _("SMA/SMK")
    D3 = "D1-D3", _("D1–D3")
    S1 = "D4-S1", _("D4/S1")
    S2 = "S2+", _("S2 ke atas")


class PekerjaanResponden(models.TextChoices):
    PNS = "PNS", _("PNS/PPPK")
    TNI_POLRI = "TNI-POLRI", _("TNI/Polri")
    SWASTA = "SWASTA", _("Pegawai swasta")
    WIRAUSAHA = "WIRAUSAHA", _("Wirausaha")
    PELAJAR = "PELAJAR", _("Pelajar/mahasiswa")
    LAINNYA = "LAINNYA", _("Lainnya")


#: Profile field → its choices, in the order the form and the report show them.
PROFIL_FIELDS: dict[str, type[models.TextChoices]] = {
    "usia": Usia,
    "jenis_kelamin": JenisKelaminResponden,
    "pendidikan": PendidikanResponden,
    "pekerjaan": PekerjaanResponden,
}

#: The question of each element and the words of its answers 1–4, as in the questionnaire
#: template of PermenPANRB 14/2017 (lampiran); units may print them as they are.
PERTANYAAN: dict[str, tuple[StrOrPromise, tuple[StrOrPromise, StrOrPromise, StrOrPromise, StrOrPromise]]] = {
    "U1": (
        _("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "U2": (
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    "U3": (
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    "U4": (
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    "U5": (
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
            "standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    "U6": (
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    "U7": (
        _("Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
        (_("Tidak sopan dan ramah"), _("Kurang sopan dan ramah"), _("Sopan dan ramah"), _("Sangat sopan dan ramah")),
    ),
    "U8": (
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (_("Tidak ada"), _("Ada tetapi tidak berfungsi"), _("Berfungsi kurang maksimal"), _("Dikelola dengan baik")),
    ),
    "U9": (
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
}
