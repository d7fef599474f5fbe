"""The demo RPJMD 2021–2026: vision and legal basis (sourced), missions, goals, sasaran and IKU
(demo text; IPM actuals from the CSV)."""

from __future__ import annotations

from dataclasses import dataclass, field

from karier.standards.choices import Arah
from karier.standards.demo.catalog.series import CATATAN_IPM, DEMO, Nilai, csv_series, demo_series, merge

VISI = "Bengkulu Maju, Sejahtera dan Hebat"
DASAR_HUKUM = "Perda Provinsi Bengkulu Nomor 5 Tahun 2021 tentang RPJMD 2021–2026"


# ---------------------------------------------------------------------------- RPJMD
@dataclass(frozen=True)
class IndikatorSpec:
    key: str
    kode: str
    nama: str
    satuan: str
    nilai: list[Nilai]
    arah: str = Arah.NAIK
    baseline: str | None = None
    baseline_tahun: int | None = None
    catatan_metode: str = ""
    penjelasan: str = ""
    contoh: str = ""
    induk: str | None = None  # key of the province indicator (agency indicators)


@dataclass(frozen=True)
class SasaranSpec:
    key: str
    teks: str
    penjelasan: str
    contoh: str
    indikator: list[IndikatorSpec] = field(default_factory=list)


@dataclass(frozen=True)
class TujuanSpec:
    teks: str
    sasaran: list[SasaranSpec]


@dataclass(frozen=True)
class MisiSpec:
    teks: str
    tujuan: list[TujuanSpec]


IPM = IndikatorSpec(
    key="ipm",
    kode="IKU-01",
    nama="Indeks Pembangunan Manusia (IPM)",
    satuan="poin",
    nilai=merge(
        csv_series("ipm"), {2021: "71.80", 2022: "72.30", 2023: "74.00", 2024: "74.60", 2025: "75.20", 2026: "75.80"}
    ),
    baseline="71.40",
    baseline_tahun=2020,
    catatan_metode=CATATAN_IPM,
    penjelasan="IPM merangkum tiga hal: umur panjang dan sehat (harapan hidup), pengetahuan (lama sekolah) "
    "dan standar hidup layak (pengeluaran per kapita). Setiap layanan kesehatan, pendidikan dan ekonomi "
    "yang Anda berikan ikut menaikkannya.",
    contoh="Guru yang membantu anak tetap bersekolah sampai lulus SMA menambah rata-rata lama sekolah, "
    "salah satu komponen IPM.",
)
KEMISKINAN = IndikatorSpec(
    key="miskin",
    kode="IKU-02",
    nama="Persentase penduduk miskin",
    satuan="%",
    arah=Arah.TURUN,
    nilai=demo_series(
        {
            2021: ("14.80", "14.90"),
            2022: ("14.40", "14.60"),
            2023: ("14.00", "14.10"),
            2024: ("13.60", "13.60"),
            2025: ("13.20", "13.20"),
            2026: ("12.80", None),
        }
    ),
    baseline="15.00",
    baseline_tahun=2020,
    catatan_metode=DEMO,
    penjelasan="Bagian penduduk yang pengeluarannya di bawah garis kemiskinan. Makin rendah makin baik.",
    contoh="Bantuan usaha yang tepat sasaran membuat keluarga keluar dari garis kemiskinan.",
)
TPT = IndikatorSpec(
    key="tpt",
    kode="IKU-03",
    nama="Tingkat pengangguran terbuka (TPT)",
    satuan="%",
    arah=Arah.TURUN,
    nilai=demo_series(
        {
            2021: ("3.60", "3.65"),
            2022: ("3.50", "3.59"),
            2023: ("3.40", "3.42"),
            2024: ("3.30", "3.30"),
            2025: ("3.20", "3.15"),
            2026: ("3.10", None),
        }
    ),
    baseline="3.70",
    baseline_tahun=2020,
    catatan_metode=DEMO,
    penjelasan="Bagian angkatan kerja yang sedang mencari pekerjaan. Makin rendah makin baik.",
    contoh="Pelatihan kerja yang sesuai kebutuhan industri mempercepat lulusan mendapat pekerjaan.",
)
IRB = IndikatorSpec(
    key="irb",
    kode="IKU-04",
    nama="Indeks reformasi birokrasi",
    satuan="nilai",
    nilai=demo_series(
        {
            2021: ("62.00", "61.50"),
            2022: ("64.00", "63.80"),
            2023: ("66.00", "66.20"),
            2024: ("68.00", "67.90"),
            2025: ("70.00", "70.40"),
            2026: ("72.00", None),
        }
    ),
    baseline="60.00",
    baseline_tahun=2020,
    catatan_metode=DEMO,
    penjelasan="Nilai evaluasi KemenPANRB atas birokrasi provinsi: akuntabilitas kinerja, pelayanan publik, "
    "manajemen ASN, pemerintahan digital. Kinerja setiap pegawai ikut dinilai di dalamnya.",
    contoh="SKP yang disusun tepat waktu dan terukur menaikkan nilai akuntabilitas kinerja.",
)
JALAN = IndikatorSpec(
    key="jalan",
    kode="IKU-05",
    nama="Persentase jalan provinsi dalam kondisi mantap",
    satuan="%",
    nilai=demo_series(
        {
            2021: ("70.00", "69.20"),
            2022: ("72.00", "71.50"),
            2023: ("74.00", "73.80"),
            2024: ("76.00", "75.60"),
            2025: ("78.00", "78.10"),
            2026: ("80.00", None),
        }
    ),
    baseline="68.00",
    baseline_tahun=2020,
    catatan_metode=DEMO,
    penjelasan="Panjang jalan provinsi berkondisi baik atau sedang dibanding seluruh jalan provinsi.",
    contoh="Pemeliharaan rutin mencegah jalan sedang menjadi rusak.",
)

MISI: list[MisiSpec] = [
    MisiSpec(
        "Mewujudkan sumber daya manusia Bengkulu yang sehat, cerdas, berakhlak dan berdaya saing.",
        [
            TujuanSpec(
                "Meningkatkan kualitas sumber daya manusia.",
                [
                    SasaranSpec(
                        "sdm",
                        "Meningkatnya kualitas pembangunan manusia.",
                        "Warga Bengkulu hidup lebih sehat, bersekolah lebih lama dan lebih sejahtera.",
                        "Angka IPM naik setiap tahun.",
                        [IPM],
                    ),
                ],
            ),
        ],
    ),
    MisiSpec(
        "Mewujudkan perekonomian daerah yang tumbuh, merata dan menyejahterakan.",
        [
            TujuanSpec(
                "Meningkatkan kesejahteraan masyarakat.",
                [
                    SasaranSpec(
                        "sejahtera",
                        "Menurunnya kemiskinan dan pengangguran.",
                        "Lebih sedikit keluarga miskin dan penganggur.",
                        "Program padat karya dan pelatihan kerja menyasar keluarga miskin.",
                        [KEMISKINAN, TPT],
                    ),
                ],
            ),
        ],
    ),
    MisiSpec(
        "Mewujudkan infrastruktur yang merata dan berwawasan lingkungan.",
        [
            TujuanSpec(
                "Meningkatkan konektivitas wilayah.",
                [
                    SasaranSpec(
                        "infra",
                        "Meningkatnya kualitas infrastruktur jalan provinsi.",
                        "Jalan provinsi aman dan lancar dilalui.",
                        "Waktu tempuh Bengkulu–Curup lebih singkat.",
                        [JALAN],
                    ),
                ],
            ),
        ],
    ),
    MisiSpec(
        "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani.",
        [
            TujuanSpec(
                "Meningkatkan kualitas tata kelola pemerintahan daerah.",
                [
                    SasaranSpec(
                        "rb",
                        "Meningkatnya akuntabilitas dan kualitas birokrasi.",
                        "Pemerintah bekerja terukur, terbuka dan melayani.",
                        "Laporan kinerja tepat waktu; layanan perizinan daring.",
                        [IRB],
                    ),
                ],
            ),
        ],
    ),
]
