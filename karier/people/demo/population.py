"""The demo employees' vocabulary: the reference date, the national shares the generator aims for,
ages, places of birth, golongan and jenjang, education and academic titles.

Every list here is demo data, drawn to look like the national ASN statistics.
"""

from __future__ import annotations

import datetime as dt

#: The fixed "as of" date: every current assignment starts on or before it, ages are counted on it.
REF_DATE = dt.date(2025, 12, 31)

# Shares (statistik_asn_nasional.csv, national PNS at 31 Dec 2022; domain README section 8).
SHARE_STRUCTURAL = 0.09
SHARE_FUNGSIONAL = 0.54
SHARE_PPPK = 0.08
VACANT_SHARE = 0.03  # managerial positions left vacant; about half of them get a Plt

# Ages (ASN 2022 age bands, capped at 58): (low, high, weight).
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (20, 20, 0.06),
    (21, 30, 34.2),
    (31, 40, 104.6),
    (41, 50, 135.8),
    (51, 58, 117.9),  # the 51–60 band (147.4) × 8/10 years kept
)
TEMPAT_LAHIR: tuple[str, ...] = (
    "Bengkulu",
    "Bengkulu",
    "Bengkulu",
    "Curup",
    "Manna",
    "Argamakmur",
    "Kepahiang",
    "Tais",
    "Mukomuko",
    "Bintuhan",
    "Tubei",
    "Karang Tinggi",
    "Lubuklinggau",
    "Palembang",
    "Padang",
    "Jambi",
    "Bandar Lampung",
    "Jakarta",
    "Yogyakarta",
    "Muara Aman",
    "Kota Manna",
    "Ipuh",
)

JENJANG_KELAS: dict[str, int] = {
    "Pemula": 5,
    "Terampil": 6,
    "Mahir": 7,
    "Penyelia": 8,
    "Ahli Pertama": 8,
    "Ahli Muda": 9,
    "Ahli Madya": 11,
    "Ahli Utama": 13,
}
# Golongan code → jenjang (keahlian, keterampilan), after JENJANG_GOLONGAN of karier.rules.jabatan.
JENJANG_BY_GOLONGAN: dict[str, tuple[str, str]] = {
    "II/a": ("", "Pemula"),
    "II/b": ("", "Terampil"),
    "II/c": ("", "Terampil"),
    "II/d": ("", "Terampil"),
    "III/a": ("Ahli Pertama", "Mahir"),
    "III/b": ("Ahli Pertama", "Mahir"),
    "III/c": ("Ahli Muda", "Penyelia"),
    "III/d": ("Ahli Muda", "Penyelia"),
    "IV/a": ("Ahli Madya", ""),
    "IV/b": ("Ahli Madya", ""),
    "IV/c": ("Ahli Madya", ""),
    "IV/d": ("Ahli Utama", ""),
    "IV/e": ("Ahli Utama", ""),
}

# Pelaksana positions (nomenclature of PermenPANRB 2024 on jabatan pelaksana) and their kelas.
PELAKSANA_KELAS: dict[str, int] = {
    "Operator Layanan Operasional": 5,
    "Pengadministrasi Perkantoran": 6,
    "Pengolah Data dan Informasi": 6,
    "Penata Layanan Operasional": 7,
}

GOLONGAN_CODES: tuple[str, ...] = (
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
# Highest golongan by regular promotion for each education (PP 99/2000, as karier.rules.promotion).
MAX_RANK_BY_PENDIDIKAN: dict[str, int] = {
    "SD": 5,
    "SLTP": 7,
    "SLTA": 10,
    "D-III": 11,
    "S1": 12,
    "D-IV": 12,
    "S2": 13,
    "S3": 14,
}
# Entry golongan of a new CPNS by education.
ENTRY_RANK_BY_PENDIDIKAN: dict[str, int] = {
    "SD": 1,
    "SLTP": 2,
    "SLTA": 5,
    "D-III": 7,
    "S1": 9,
    "D-IV": 9,
    "S2": 10,
    "S3": 11,
}
AGE_AT_CPNS: dict[str, tuple[int, int]] = {
    "SD": (18, 26),
    "SLTP": (18, 27),
    "SLTA": (19, 28),
    "D-III": (21, 30),
    "S1": (22, 32),
    "D-IV": (22, 30),
    "S2": (25, 34),
    "S3": (28, 35),
}

# Academic titles: (gelar, jurusan).
GELAR_D3: tuple[tuple[str, str], ...] = (
    ("A.Md.", "Administrasi Perkantoran"),
    ("A.Md.Kom.", "Manajemen Informatika"),
    ("A.Md.Ak.", "Akuntansi"),
    ("A.Md.T.", "Teknik Sipil"),
    ("A.Md.Kep.", "Keperawatan"),
    ("A.Md.", "Administrasi Negara"),
)
GELAR_D4: tuple[tuple[str, str], ...] = (
    ("S.STP.", "Manajemen Pemerintahan"),
    ("S.Tr.Ak.", "Akuntansi Sektor Publik"),
    ("S.ST.", "Statistika Terapan"),
)
GELAR_S1: tuple[tuple[str, str], ...] = (
    ("S.E.", "Manajemen"),
    ("S.E.", "Ekonomi Pembangunan"),
    ("S.Ak.", "Akuntansi"),
    ("S.Sos.", "Ilmu Administrasi Negara"),
    ("S.IP.", "Ilmu Pemerintahan"),
    ("S.H.", "Ilmu Hukum"),
    ("S.Kom.", "Teknik Informatika"),
    ("S.Kom.", "Sistem Informasi"),
    ("S.T.", "Teknik Sipil"),
    ("S.Pd.", "Pendidikan Matematika"),
    ("S.Pd.", "Pendidikan Bahasa Indonesia"),
    ("S.Psi.", "Psikologi"),
    ("S.Si.", "Statistika"),
    ("S.P.", "Agroteknologi"),
    ("S.I.Kom.", "Ilmu Komunikasi"),
    ("S.KM.", "Kesehatan Masyarakat"),
    ("S.Hut.", "Kehutanan"),
)
GELAR_S2: tuple[tuple[str, str], ...] = (
    ("M.Si.", "Ilmu Administrasi"),
    ("M.M.", "Manajemen"),
    ("M.A.P.", "Administrasi Publik"),
    ("M.Pd.", "Manajemen Pendidikan"),
    ("M.T.", "Teknik Sipil"),
    ("M.Kom.", "Ilmu Komputer"),
    ("M.H.", "Ilmu Hukum"),
    ("M.E.", "Ilmu Ekonomi"),
    ("M.Kes.", "Kesehatan Masyarakat"),
)
GELAR_S3: tuple[str, ...] = (
    "Ilmu Administrasi Publik",
    "Ilmu Manajemen",
    "Ilmu Pemerintahan",
    "Ilmu Ekonomi",
    "Ilmu Pendidikan",
)
# Titles that go with a functional family.
FAMILY_GELAR: dict[str, tuple[str, str]] = {
    "Pranata Komputer": ("S.Kom.", "Teknik Informatika"),
    "Manggala Informatika": ("S.Kom.", "Sistem Informasi"),
    "Statistisi": ("S.Si.", "Statistika"),
    "Perawat": ("S.Kep., Ns.", "Keperawatan"),
    "Bidan": ("S.Keb.", "Kebidanan"),
    "Apoteker": ("S.Farm., Apt.", "Farmasi"),
    "Nutrisionis": ("S.Gz.", "Gizi"),
    "Analis Hukum": ("S.H.", "Ilmu Hukum"),
    "Auditor": ("S.E.", "Akuntansi"),
    "Analis Keuangan Pusat dan Daerah": ("S.E.", "Akuntansi"),
    "Analis Anggaran": ("S.E.", "Akuntansi"),
    "Pustakawan": ("S.IIP.", "Ilmu Perpustakaan"),
    "Penyuluh Pertanian": ("S.P.", "Agribisnis"),
    "Penyuluh Kehutanan": ("S.Hut.", "Kehutanan"),
    "Polisi Kehutanan": ("S.Hut.", "Kehutanan"),
    "Pengembang Teknologi Pembelajaran": ("S.Pd.", "Teknologi Pendidikan"),
    "Pengawas Sekolah": ("S.Pd.", "Pendidikan Matematika"),
    "Penata Kelola Jalan dan Jembatan": ("S.T.", "Teknik Sipil"),
    "Pengelola Sumber Daya Air": ("S.T.", "Teknik Sipil"),
    "Penata Ruang": ("S.T.", "Perencanaan Wilayah dan Kota"),
    "Analis Sumber Daya Manusia Aparatur": ("S.Psi.", "Psikologi"),
}
# Titles written before the name (gelar depan) for some professions.
FAMILY_GELAR_DEPAN: dict[str, tuple[str, str]] = {
    "Dokter": ("dr.", "Pendidikan Dokter"),
    "Medik Veteriner": ("drh.", "Kedokteran Hewan"),
}
