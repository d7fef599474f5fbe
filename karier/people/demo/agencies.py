"""The demo organisation's vocabulary: agency names and abbreviations, their bidang and subunits,
and the functional families each kind of agency employs.

Every list here is demo data. Unit names follow the usual nomenclature of a provincial government
(Permendagri 12/2017 style) but are not the actual structure of Pemprov Bengkulu.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
OPD_CSV = DATA_DIR / "opd_provinsi_bengkulu_unverified.csv"

# Agency names as they appear in the CSV → the name and abbreviation used in the demo.
OPD_RENAME: dict[str, str] = {
    "Kesatuan Bangsa dan Politik": "Badan Kesatuan Bangsa dan Politik",
    "Badan Pengembangan SDM": "Badan Pengembangan Sumber Daya Manusia",
    "Dinas Energi dan SDM": "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Komunikasi Informatika dan Statistik": "Dinas Komunikasi, Informatika dan Statistik",
    "Dinas Pemberdayaan Perempuan Dan Perlindungan Anak": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Satpol Pamong Praja dan Pemadam Kebakaran": "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
}

SINGKATAN: dict[str, str] = {
    "Sekretariat Daerah": "Setda",
    "Badan Kepegawaian Daerah": "BKD",
    "Dinas Pendidikan dan Kebudayaan": "Dikbud",
    "Dinas Komunikasi, Informatika dan Statistik": "Diskominfo",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "Dinas PUPR",
    "Dinas Kesehatan": "Dinkes",
    "RSUD dr. M. Yunus": "RSMY",
    "RSKJ Soeprapto": "RSKJ",
    "Badan Kesatuan Bangsa dan Politik": "Kesbangpol",
    "Badan Penanggulangan Bencana Daerah": "BPBD",
    "Badan Pengelolaan Keuangan Daerah": "BPKD",
    "Badan Pengembangan Sumber Daya Manusia": "BPSDM",
    "Badan Perencanaan, Penelitian dan Pengembangan Daerah": "Bappeda",
    "Dinas Kependudukan dan Catatan Sipil": "Disdukcapil",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu": "DPMPTSP",
    "Dinas Lingkungan Hidup dan Kehutanan": "DLHK",
    "Inspektorat": "Inspektorat",
    "Satuan Polisi Pamong Praja dan Pemadam Kebakaran": "Satpol PP",
    "Sekretariat DPRD": "Setwan",
}

# Always built, in this order, whatever the size (the journeys need them).
SETDA = "Sekretariat Daerah"
BKD = "Badan Kepegawaian Daerah"
DIKBUD = "Dinas Pendidikan dan Kebudayaan"
DISKOMINFO = "Dinas Komunikasi, Informatika dan Statistik"
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
KEY_OPD: tuple[str, ...] = (SETDA, BKD, DIKBUD, DISKOMINFO, PUPR)

KABUPATEN_KOTA: tuple[str, ...] = (
    "Bengkulu Selatan",
    "Rejang Lebong",
    "Bengkulu Utara",
    "Kaur",
    "Seluma",
    "Mukomuko",
    "Lebong",
    "Kepahiang",
    "Bengkulu Tengah",
    "Kota Bengkulu",
)


def opd_names() -> list[str]:
    """The 36 agencies of the CSV (renamed where the CSV abbreviates), key agencies first."""
    with OPD_CSV.open(encoding="utf-8") as fh:
        names = [OPD_RENAME.get(row["nama_opd"].strip(), row["nama_opd"].strip()) for row in csv.DictReader(fh)]
    for key in KEY_OPD:  # make sure, should the CSV ever lose one
        if key not in names:
            names.append(key)
    return [*KEY_OPD, *(n for n in names if n not in KEY_OPD)]


def head_title(opd: str) -> str:
    """Name of an agency head's position."""
    if opd == SETDA:
        return "Sekretaris Daerah Provinsi Bengkulu"
    if opd == "Sekretariat DPRD":
        return "Sekretaris DPRD Provinsi Bengkulu"
    if opd == "Inspektorat":
        return "Inspektur Provinsi Bengkulu"
    if opd.startswith(("RSUD", "RSKJ")):
        return f"Direktur {opd}"
    if opd.startswith("Satuan Polisi"):
        return "Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran"
    return f"Kepala {opd}"


def topic(opd: str) -> str:
    for prefix in ("Dinas ", "Badan ", "Satuan "):
        if opd.startswith(prefix):
            return opd[len(prefix) :]
    return opd


# Bidang (or Biro) → its subunits, for the agencies the journeys visit and a few more.
BIDANG: dict[str, dict[str, tuple[str, ...]]] = {
    SETDA: {
        "Biro Pemerintahan dan Kesejahteraan Rakyat": (
            "Bagian Pemerintahan",
            "Bagian Otonomi Daerah",
            "Bagian Kesejahteraan Rakyat",
        ),
        "Biro Hukum": ("Bagian Perundang-undangan", "Bagian Bantuan Hukum", "Bagian Dokumentasi dan Informasi Hukum"),
        "Biro Organisasi": (
            "Bagian Kelembagaan dan Analisis Jabatan",
            "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
            "Bagian Tata Laksana",
        ),
        "Biro Perekonomian dan Administrasi Pembangunan": (
            "Bagian Perekonomian",
            "Bagian Sumber Daya Alam",
            "Bagian Administrasi Pembangunan",
        ),
        "Biro Umum": ("Bagian Tata Usaha", "Bagian Rumah Tangga", "Bagian Keuangan"),
        "Biro Administrasi Pimpinan": (
            "Bagian Protokol",
            "Bagian Komunikasi Pimpinan",
            "Bagian Materi dan Komunikasi Pimpinan",
        ),
        "Biro Pengadaan Barang dan Jasa": (
            "Bagian Pengelolaan Pengadaan Barang dan Jasa",
            "Bagian Pengelolaan Layanan Pengadaan Secara Elektronik",
            "Bagian Pembinaan dan Advokasi Pengadaan",
        ),
    },
    BKD: {
        "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian": (
            "Subbidang Pengadaan dan Pemberhentian",
            "Subbidang Data dan Informasi Kepegawaian",
            "Subbidang Pensiun",
        ),
        "Bidang Mutasi dan Promosi": (
            "Subbidang Kepangkatan",
            "Subbidang Mutasi Jabatan",
            "Subbidang Promosi dan Kompetensi",
        ),
        "Bidang Penilaian Kinerja Aparatur dan Penghargaan": (
            "Subbidang Penilaian Kinerja",
            "Subbidang Penghargaan dan Disiplin",
            "Subbidang Kesejahteraan Pegawai",
        ),
        "Bidang Pengembangan Kompetensi Aparatur": (
            "Subbidang Pengembangan Kompetensi Teknis",
            "Subbidang Pengembangan Kompetensi Manajerial",
            "Subbidang Sertifikasi dan Pendidikan Lanjutan",
        ),
    },
    DIKBUD: {
        "Bidang Pembinaan SMA": (
            "Seksi Kurikulum dan Penilaian SMA",
            "Seksi Peserta Didik dan Pembangunan Karakter SMA",
            "Seksi Kelembagaan dan Sarana Prasarana SMA",
        ),
        "Bidang Pembinaan SMK": (
            "Seksi Kurikulum dan Penilaian SMK",
            "Seksi Peserta Didik dan Pembangunan Karakter SMK",
            "Seksi Kelembagaan dan Sarana Prasarana SMK",
        ),
        "Bidang Pembinaan Pendidikan Khusus": (
            "Seksi Kurikulum Pendidikan Khusus",
            "Seksi Peserta Didik Pendidikan Khusus",
            "Seksi Kelembagaan Pendidikan Khusus",
        ),
        "Bidang Guru dan Tenaga Kependidikan": (
            "Seksi Guru dan Tenaga Kependidikan SMA",
            "Seksi Guru dan Tenaga Kependidikan SMK",
            "Seksi Guru dan Tenaga Kependidikan Pendidikan Khusus",
        ),
        "Bidang Kebudayaan": ("Seksi Cagar Budaya dan Permuseuman", "Seksi Sejarah dan Tradisi", "Seksi Kesenian"),
    },
    DISKOMINFO: {
        "Bidang Aplikasi Informatika": ("Seksi Layanan Aplikasi", "Seksi Tata Kelola SPBE", "Seksi Pemberdayaan TIK"),
        "Bidang Informasi dan Komunikasi Publik": (
            "Seksi Pengelolaan Informasi Publik",
            "Seksi Pengelolaan Komunikasi Publik",
            "Seksi Kemitraan Media",
        ),
        "Bidang Persandian dan Keamanan Informasi": (
            "Seksi Persandian",
            "Seksi Keamanan Informasi",
            "Seksi Sertifikat Elektronik",
        ),
        "Bidang Statistik": ("Seksi Statistik Sektoral", "Seksi Pengelolaan Data", "Seksi Diseminasi Data"),
    },
    PUPR: {
        "Bidang Bina Marga": (
            "Seksi Pembangunan Jalan dan Jembatan",
            "Seksi Preservasi Jalan dan Jembatan",
            "Seksi Perencanaan Teknis Bina Marga",
        ),
        "Bidang Sumber Daya Air": (
            "Seksi Irigasi dan Rawa",
            "Seksi Sungai dan Pantai",
            "Seksi Operasi dan Pemeliharaan Sumber Daya Air",
        ),
        "Bidang Cipta Karya": (
            "Seksi Air Minum dan Sanitasi",
            "Seksi Penataan Bangunan",
            "Seksi Pengembangan Kawasan Permukiman",
        ),
        "Bidang Penataan Ruang": (
            "Seksi Perencanaan Tata Ruang",
            "Seksi Pemanfaatan Ruang",
            "Seksi Pengendalian Pemanfaatan Ruang",
        ),
        "Bidang Jasa Konstruksi": (
            "Seksi Pembinaan Jasa Konstruksi",
            "Seksi Pengawasan Jasa Konstruksi",
            "Seksi Sistem Informasi Jasa Konstruksi",
        ),
    },
    "Dinas Kesehatan": {
        "Bidang Kesehatan Masyarakat": (
            "Seksi Kesehatan Keluarga dan Gizi",
            "Seksi Promosi Kesehatan",
            "Seksi Kesehatan Lingkungan",
        ),
        "Bidang Pencegahan dan Pengendalian Penyakit": (
            "Seksi Surveilans dan Imunisasi",
            "Seksi Penyakit Menular",
            "Seksi Penyakit Tidak Menular",
        ),
        "Bidang Pelayanan Kesehatan": (
            "Seksi Pelayanan Kesehatan Primer",
            "Seksi Pelayanan Kesehatan Rujukan",
            "Seksi Mutu Pelayanan Kesehatan",
        ),
        "Bidang Sumber Daya Kesehatan": (
            "Seksi Kefarmasian",
            "Seksi Alat Kesehatan",
            "Seksi Sumber Daya Manusia Kesehatan",
        ),
    },
}

SEKRETARIAT_SUB: tuple[str, ...] = (
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan",
    "Subbagian Perencanaan dan Pelaporan",
)
GENERIC_BIDANG: tuple[str, ...] = ("Pembinaan", "Pengembangan", "Pelayanan", "Pengendalian")
GENERIC_SUB: tuple[str, ...] = ("Perencanaan dan Data", "Pelaksanaan", "Monitoring dan Evaluasi")
UPTD_SUB: tuple[str, ...] = ("Subbagian Tata Usaha", "Seksi Pelayanan", "Seksi Teknis")


def bidang_for(opd: str) -> dict[str, tuple[str, ...]]:
    """Bidang → subunits of an agency: the catalogue's, or names built from the agency's topic."""
    if opd in BIDANG:
        return BIDANG[opd]
    t = topic(opd)
    badan = opd.startswith(("Badan ", "Inspektorat")) or opd.startswith("Sekretariat")
    sub_prefix = "Subbidang" if badan else "Seksi"
    out: dict[str, tuple[str, ...]] = {}
    for g in GENERIC_BIDANG:
        name = f"Bidang {g} {t}"
        out[name] = tuple(f"{sub_prefix} {s} {g} {t}" for s in GENERIC_SUB)
    return out


# Functional families (names as in SIASN's table, without the jenjang) per agency keyword.
GENERAL_FAMILIES: tuple[str, ...] = (
    "Perencana",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Arsiparis",
    "Analis Sumber Daya Manusia Aparatur",
    "Pengelola Pengadaan Barang/Jasa",
    "Analis Anggaran",
    "Analis Hukum",
    "Pranata Hubungan Masyarakat",
)
# Families with keterampilan jenjang, for people without a degree wherever they work.
SKILLED_FAMILIES: tuple[str, ...] = (
    "Pranata Komputer",
    "Arsiparis",
    "Pranata Hubungan Masyarakat",
    "Statistisi",
)
OPD_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Kepegawaian", ("Analis Sumber Daya Manusia Aparatur", "Analis Kebijakan")),
    (
        "Pendidikan dan Kebudayaan",
        ("Pengembang Teknologi Pembelajaran", "Pengawas Sekolah", "Pamong Budaya", "Analis Kebijakan"),
    ),
    (
        "Komunikasi",
        ("Pranata Komputer", "Statistisi", "Pranata Hubungan Masyarakat", "Sandiman", "Manggala Informatika"),
    ),
    (
        "Pekerjaan Umum",
        (
            "Penata Kelola Jalan dan Jembatan",
            "Pengelola Sumber Daya Air",
            "Penata Ruang",
            "Penata Kelola Bangunan Gedung dan Kawasan Permukiman",
            "Surveyor Pemetaan",
        ),
    ),
    (
        "Dinas Kesehatan",
        ("Dokter", "Perawat", "Bidan", "Apoteker", "Nutrisionis", "Epidemiolog Kesehatan", "Administrator Kesehatan"),
    ),
    ("RSUD", ("Dokter", "Perawat", "Apoteker", "Nutrisionis", "Bidan")),
    ("RSKJ", ("Dokter", "Perawat", "Apoteker")),
    ("Inspektorat", ("Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah")),
    ("Perpustakaan", ("Pustakawan", "Arsiparis")),
    (
        "Lingkungan",
        ("Pengendali Dampak Lingkungan", "Pengawas Lingkungan Hidup", "Polisi Kehutanan", "Penyuluh Kehutanan"),
    ),
    ("Dinas Sosial", ("Pekerja Sosial", "Penyuluh Sosial")),
    ("Polisi Pamong", ("Polisi Pamong Praja", "Pemadam Kebakaran")),
    ("Tanaman Pangan", ("Penyuluh Pertanian", "Pengawas Benih Tanaman", "Pengendali Organisme Pengganggu Tumbuhan")),
    ("Peternakan", ("Medik Veteriner", "Paramedik Veteriner")),
    (
        "Kelautan",
        ("Penyuluh Perikanan", "Pengelola Produksi Perikanan Tangkap", "Pengelola Ekosistem Laut dan Pesisir"),
    ),
    ("Perhubungan", ("Penguji Kendaraan Bermotor",)),
    ("Perindustrian", ("Pengawas Perdagangan", "Penera")),
    ("Keuangan", ("Analis Keuangan Pusat dan Daerah", "Analis Anggaran", "Penilai Pemerintah")),
    ("Perencanaan", ("Perencana", "Peneliti")),
    ("Bencana", ("Penata Penanggulangan Bencana",)),
    ("Kependudukan", ("Administrator Database Kependudukan",)),
    ("Ketenagakerjaan", ("Pengantar Kerja", "Mediator Hubungan Industrial", "Pengawas Ketenagakerjaan")),
    ("Koperasi", ("Pengawas Koperasi",)),
    ("Pariwisata", ("Adyatama Kepariwisataan dan Ekonomi Kreatif",)),
    ("Pemuda", ("Pelatih Olahraga",)),
    ("Ketahanan Pangan", ("Analis Ketahanan Pangan",)),
    ("Energi", ("Penyelidik Bumi", "Inspektur Tambang")),
    ("Pengembangan Sumber Daya", ("Widyaiswara",)),
    ("Penanaman Modal", ("Penata Perizinan",)),
    ("Perumahan", ("Penata Kelola Perumahan", "Penata Kelola Bangunan Gedung dan Kawasan Permukiman")),
    ("Pemberdayaan Masyarakat", ("Penggerak Swadaya Masyarakat",)),
    ("Sekretariat Daerah", ("Analis Hukum", "Analis Kebijakan", "Pengelola Pengadaan Barang/Jasa")),
    ("Sekretariat DPRD", ("Analis Kebijakan", "Analis Hukum", "Pranata Hubungan Masyarakat")),
    ("Kesatuan Bangsa", ("Analis Kebijakan",)),
    ("Penghubung", ("Pranata Hubungan Masyarakat",)),
)


def families_for(opd: str) -> tuple[str, ...]:
    out: list[str] = []
    for keyword, fams in OPD_FAMILIES:
        if keyword in opd:
            out.extend(f for f in fams if f not in out)
    return tuple(out)
