"""Plain-language explanations of the official terms, linked from every screen ("apa artinya?")."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "asn": (
        _("ASN"),
        _("Aparatur Sipil Negara: Pegawai Negeri Sipil (PNS) dan Pegawai Pemerintah dengan Perjanjian Kerja (PPPK)."),
    ),
    "nip": (
        _("NIP"),
        _(
            "Nomor Induk Pegawai, 18 angka: tanggal lahir (8), bulan pengangkatan CPNS (6), "
            "jenis kelamin (1 = laki-laki, 2 = perempuan) dan nomor urut (3). Contoh: "
            "19660801 198803 1 001."
        ),
    ),
    "golongan": (
        _("Pangkat/golongan"),
        _(
            "Tingkatan kepangkatan PNS, dari I/a (Juru Muda) sampai IV/e "
            "(Pembina Utama). Naik secara reguler paling cepat setiap 4 tahun "
            "bila kinerja minimal Baik dua tahun terakhir."
        ),
    ),
    "tmt": (_("TMT"), _("Terhitung Mulai Tanggal: tanggal sejak kapan suatu keputusan (pangkat, jabatan) berlaku.")),
    "jabatan": (
        _("Jabatan"),
        _(
            "Kedudukan yang menunjukkan tugas dan tanggung jawab seseorang: JPT, "
            "Administrator, Pengawas (manajerial), Fungsional, atau Pelaksana."
        ),
    ),
    "jpt": (
        _("JPT"),
        _("Jabatan Pimpinan Tinggi: Utama, Madya (mis. Sekretaris Daerah) dan Pratama (mis. Kepala Dinas)."),
    ),
    "fungsional": (
        _("Jabatan fungsional"),
        _(
            "Jabatan keahlian atau keterampilan tertentu (mis. Pranata "
            "Komputer, Analis SDM Aparatur) dengan jenjang dan angka kredit."
        ),
    ),
    "jenjang": (
        _("Jenjang"),
        _(
            "Tingkat jabatan fungsional: Pemula, Terampil, Mahir, Penyelia (keterampilan); "
            "Ahli Pertama, Ahli Muda, Ahli Madya, Ahli Utama (keahlian)."
        ),
    ),
    "pelaksana": (_("Pelaksana"), _("Jabatan yang melaksanakan kegiatan pelayanan, administrasi dan teknis.")),
    "kelas": (_("Kelas jabatan"), _("Peringkat nilai jabatan 1–17 dari analisis jabatan; dasar tunjangan.")),
    "opd": (
        _("OPD"),
        _("Organisasi Perangkat Daerah: dinas, badan, sekretariat dan unit setingkat di pemerintah daerah."),
    ),
    "atasan": (
        _("Pejabat penilai kinerja"),
        _(
            "Atasan langsung yang menyetujui SKP dan menilai kinerja "
            "Anda. Bila jabatan atasan kosong, Plt/Plh atau atasan "
            "berikutnya yang menilai."
        ),
    ),
    "plt": (
        _("Plt/Plh"),
        _(
            "Pelaksana Tugas / Pelaksana Harian: pegawai yang sementara menjalankan tugas "
            "jabatan yang kosong atau pejabatnya berhalangan."
        ),
    ),
    "pppk": (
        _("PPPK"),
        _(
            "Pegawai Pemerintah dengan Perjanjian Kerja: ASN yang diangkat berdasarkan "
            "perjanjian kerja untuk jangka waktu tertentu; tidak memiliki golongan PNS."
        ),
    ),
}


def all_terms() -> dict[str, tuple[Promise, Promise]]:
    """Every app's terms on one page; an app's own entry wins over a general one of the same key."""
    from karier.appraisal.feedback.glossary import TERMS as FEEDBACK
    from karier.appraisal.glossary import TERMS as APPRAISAL
    from karier.development.idp.glossary import TERMS as IDP
    from karier.development.recommend.glossary import TERMS as RECOMMEND
    from karier.plans.glossary import TERMS as PLANS
    from karier.standards.glossary import TERMS as STANDARDS
    from karier.talent.glossary import TERMS as TALENT

    return {**TERMS, **STANDARDS, **PLANS, **APPRAISAL, **FEEDBACK, **IDP, **RECOMMEND, **TALENT}
