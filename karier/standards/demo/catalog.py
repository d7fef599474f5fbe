"""Texts and figures of the standards demo (see docs/standards.md, "Demo data").

Sourced: the vision, the RPJMD period and legal basis, and the IPM/UHH/HLS/RLS actuals (from
`data/ipm_provinsi_bengkulu.csv`). Everything else — missions, goals, targets, the other indicators
and their values, agency sasaran and position standards — is DEMO TEXT written to be plausible,
not taken from the real Perda or Renstra documents.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from karier.standards.choices import Arah, Aspek, Dimensi

DATA = Path(__file__).resolve().parent.parent / "data" / "ipm_provinsi_bengkulu.csv"

TAHUN_MULAI, TAHUN_SELESAI = 2021, 2026
VISI = "Bengkulu Maju, Sejahtera dan Hebat"
DASAR_HUKUM = "Perda Provinsi Bengkulu Nomor 5 Tahun 2021 tentang RPJMD 2021–2026"
PK_TAHUN = 2026
PK_DITANDATANGANI = dt.date(2026, 1, 30)
DEMO = "Data demo (bukan angka resmi)."

METODE_LAMA = "BPS lama"
METODE_BARU = "BPS baru (2023)"
TAHUN_METODE_BARU = 2023
CATATAN_IPM = (
    "Sejak 2023 BPS menghitung IPM dengan metode baru (antara lain pembaruan data dasar dan cara "
    "penghitungan komponen), sehingga IPM 2023 naik 2,14 poin dari 2022 bukan semata karena kemajuan "
    "pembangunan. Angka sampai 2022 (metode lama) dan sejak 2023 (metode baru) adalah dua seri yang "
    "tidak boleh dibaca sebagai satu garis. Target 2023–2026 disesuaikan ke metode baru (data demo)."
)


def D(value: str | float | int) -> Decimal:
    return Decimal(str(value))


def _first_number(text: str) -> Decimal | None:
    head = (text or "").strip().split(" ")[0]
    try:
        return Decimal(head) if head else None
    except ArithmeticError:
        return None


@dataclass(frozen=True)
class Nilai:
    tahun: int
    target: Decimal | None = None
    realisasi: Decimal | None = None
    metode: str = ""
    sumber: str = ""


def metode_for(tahun: int) -> str:
    return METODE_BARU if tahun >= TAHUN_METODE_BARU else METODE_LAMA


def csv_series(column: str) -> list[Nilai]:
    """Actuals of one column of the IPM CSV (ipm, uhh_tahun, hls_tahun, rls_tahun) with their method."""
    out: list[Nilai] = []
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            value = _first_number(row[column])
            if value is None:
                continue
            year = int(row["tahun"])
            out.append(Nilai(year, None, value, metode_for(year), row["sumber"].split(" ; ")[0][:300]))
    return out


def merge(actuals: list[Nilai], targets: dict[int, str]) -> list[Nilai]:
    by_year = {n.tahun: n for n in actuals}
    years = sorted(set(by_year) | set(targets))
    out = []
    for y in years:
        a = by_year.get(y)
        sumber = a.sumber if a else DEMO
        if a and y in targets:
            sumber = f"realisasi: {a.sumber}; target: {DEMO.lower()}"[:300]
        out.append(
            Nilai(
                y,
                D(targets[y]) if y in targets else None,
                a.realisasi if a else None,
                a.metode if a else metode_for(y),
                sumber,
            )
        )
    return out


def demo_series(values: dict[int, tuple[str | None, str | None]], metode: str = "") -> list[Nilai]:
    """{year: (target, realisasi)} of a demo indicator."""
    return [
        Nilai(y, D(t) if t is not None else None, D(r) if r is not None else None, metode, DEMO)
        for y, (t, r) in sorted(values.items())
    ]


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


# ---------------------------------------------------------------------------- Renstra per agency
@dataclass(frozen=True)
class RenstraSpec:
    sasaran_rpjmd: str  # key of SasaranSpec
    teks: str
    penjelasan: str
    contoh: str
    indikator: list[IndikatorSpec]


def _rls() -> IndikatorSpec:
    return IndikatorSpec(
        key="rls",
        kode="IKD-DIK-01",
        nama="Rata-rata lama sekolah penduduk usia 25 tahun ke atas",
        satuan="tahun",
        nilai=merge(
            csv_series("rls_tahun"),
            {2021: "8.90", 2022: "8.95", 2023: "9.05", 2024: "9.10", 2025: "9.20", 2026: "9.30"},
        ),
        induk="ipm",
        baseline="8.73",
        baseline_tahun=2019,
        catatan_metode="Komponen IPM; mengikuti perubahan metode BPS 2023.",
        penjelasan="Berapa tahun rata-rata penduduk dewasa bersekolah. Naik bila anak-anak tidak putus sekolah.",
        contoh="Sekolah yang menjemput kembali siswa putus sekolah menambah angka ini.",
    )


def _hls() -> IndikatorSpec:
    return IndikatorSpec(
        key="hls",
        kode="IKD-DIK-02",
        nama="Harapan lama sekolah",
        satuan="tahun",
        nilai=merge(
            csv_series("hls_tahun"),
            {2021: "13.60", 2022: "13.65", 2023: "13.75", 2024: "13.78", 2025: "13.80", 2026: "13.85"},
        ),
        induk="ipm",
        baseline="13.59",
        baseline_tahun=2019,
        catatan_metode="Komponen IPM; mengikuti perubahan metode BPS 2023.",
        penjelasan="Berapa tahun seorang anak usia 7 tahun diharapkan bersekolah. Naik bila akses sekolah "
        "menengah makin luas.",
        contoh="Menambah ruang kelas SMA di kecamatan yang belum punya SMA.",
    )


def _uhh() -> IndikatorSpec:
    return IndikatorSpec(
        key="uhh",
        kode="IKD-KES-01",
        nama="Usia harapan hidup saat lahir",
        satuan="tahun",
        nilai=merge(csv_series("uhh_tahun"), {2023: "73.00", 2024: "73.30", 2025: "73.50", 2026: "73.80"}),
        induk="ipm",
        catatan_metode="Komponen IPM; angka 2019 (metode lama) dan sejak 2023 (metode baru) tidak sebanding.",
        penjelasan="Perkiraan rata-rata umur bayi yang lahir tahun ini. Naik bila layanan kesehatan membaik.",
        contoh="Imunisasi lengkap dan persalinan di fasilitas kesehatan.",
    )


def _gen(
    key: str,
    kode: str,
    nama: str,
    satuan: str,
    induk: str,
    start: str,
    step: str,
    penjelasan: str,
    contoh: str,
    arah: str = Arah.NAIK,
) -> IndikatorSpec:
    """A demo agency indicator with a steady target path and actuals close to it up to 2025."""
    s, d = D(start), D(step)
    values: dict[int, tuple[str | None, str | None]] = {}
    for i, year in enumerate(range(TAHUN_MULAI, TAHUN_SELESAI + 1)):
        target = s + d * i
        actual = target - d / 2 if i % 2 else target + d / 4
        values[year] = (f"{target:.2f}", f"{actual:.2f}" if year < PK_TAHUN else None)
    return IndikatorSpec(
        key=key,
        kode=kode,
        nama=nama,
        satuan=satuan,
        induk=induk,
        arah=arah,
        nilai=demo_series(values),
        catatan_metode=DEMO,
        penjelasan=penjelasan,
        contoh=contoh,
        baseline=start,
        baseline_tahun=TAHUN_MULAI - 1,
    )


def renstra_for(opd_nama: str) -> list[RenstraSpec]:
    """The demo Renstra sasaran of an agency, chosen by its name."""
    if "Pendidikan" in opd_nama:
        return [
            RenstraSpec(
                "sdm",
                "Meningkatnya akses dan mutu pendidikan menengah.",
                "Lebih banyak anak Bengkulu menamatkan SMA/SMK/SLB dengan mutu yang baik.",
                "Angka putus sekolah SMA turun; nilai asesmen nasional naik.",
                [_rls(), _hls()],
            )
        ]
    if "Kesehatan" in opd_nama:
        return [
            RenstraSpec(
                "sdm",
                "Meningkatnya derajat kesehatan masyarakat.",
                "Warga lebih sehat dan hidup lebih lama.",
                "Imunisasi dasar lengkap naik.",
                [_uhh()],
            )
        ]
    if "Komunikasi" in opd_nama:
        return [
            RenstraSpec(
                "rb",
                "Meningkatnya kualitas penyelenggaraan SPBE.",
                "Layanan pemerintah makin banyak dan makin andal secara daring.",
                "Aplikasi perizinan dapat dipakai 24 jam.",
                [
                    _gen(
                        "spbe",
                        "IKD-KOM-01",
                        "Indeks SPBE",
                        "indeks",
                        "irb",
                        "2.60",
                        "0.20",
                        "Nilai kematangan Sistem Pemerintahan Berbasis Elektronik (skala 1–5) dari "
                        "evaluasi KemenPANRB.",
                        "Aplikasi yang terintegrasi dan data yang dibagi pakai.",
                    )
                ],
            )
        ]
    if "Kepegawaian" in opd_nama:
        return [
            RenstraSpec(
                "rb",
                "Meningkatnya penerapan sistem merit dalam manajemen ASN.",
                "Pengangkatan, promosi dan pengembangan ASN berdasarkan kinerja dan kompetensi.",
                "Seleksi jabatan terbuka dan talent pool dipakai untuk promosi.",
                [
                    _gen(
                        "merit",
                        "IKD-BKD-01",
                        "Indeks Sistem Merit",
                        "indeks",
                        "irb",
                        "250",
                        "25",
                        "Nilai penerapan sistem merit dari KASN/BKN (skala 100–400).",
                        "Penilaian kinerja yang objektif menaikkan indeks ini.",
                    )
                ],
            )
        ]
    if "Pekerjaan Umum" in opd_nama:
        return [
            RenstraSpec(
                "infra",
                "Meningkatnya kemantapan jalan provinsi.",
                "Jalan provinsi terpelihara dan aman dilalui.",
                "Lubang jalan ditambal dalam seminggu.",
                [
                    _gen(
                        "mantap",
                        "IKD-PU-01",
                        "Persentase jalan provinsi kondisi mantap (ruas binaan)",
                        "%",
                        "jalan",
                        "70",
                        "2",
                        "Ruas jalan binaan dinas dalam kondisi baik/sedang.",
                        "Preservasi rutin ruas Bengkulu–Kepahiang.",
                    )
                ],
            )
        ]
    return [
        RenstraSpec(
            "rb",
            "Meningkatnya akuntabilitas kinerja dan kualitas layanan perangkat daerah.",
            "Perangkat daerah bekerja terukur dan melayani dengan baik.",
            "Laporan kinerja tepat waktu; keluhan layanan ditindaklanjuti.",
            [
                _gen(
                    "sakip",
                    "IKD-01",
                    "Nilai evaluasi akuntabilitas kinerja (SAKIP)",
                    "nilai",
                    "irb",
                    "60",
                    "2",
                    "Nilai evaluasi SAKIP oleh Inspektorat (0–100).",
                    "Rencana dan laporan kinerja yang lengkap dan terukur.",
                ),
                _gen(
                    "ikm",
                    "IKD-02",
                    "Indeks kepuasan masyarakat",
                    "nilai",
                    "irb",
                    "78",
                    "1",
                    "Hasil survei kepuasan pengguna layanan perangkat daerah (0–100).",
                    "Warga puas dilayani cepat dan ramah di loket.",
                ),
            ],
        )
    ]


# ---------------------------------------------------------------------------- position standards
@dataclass(frozen=True)
class Hasil:
    dimensi: str
    rhk: str
    aspek: str
    indikator: str
    target: str | None
    satuan: str
    penjelasan: str
    contoh: str
    target_kualitatif: str = ""
    link: bool = False  # supports the agency's first indicator (cascade)


P, K, INTEG = Dimensi.PRODUKTIVITAS, Dimensi.KOMPETENSI, Dimensi.INTEGRITAS
KUANT, KUAL, WAKTU, BIAYA = Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU, Aspek.BIAYA

# Rows every standard carries: competence and integrity are everyone's business.
KOMPETENSI_DIRI = Hasil(
    K,
    "Meningkatnya kompetensi diri sesuai kebutuhan jabatan",
    KUANT,
    "Jumlah jam pelajaran (JP) pengembangan kompetensi yang diikuti",
    "20",
    "JP",
    "Setiap PNS berhak dan wajib mengikuti paling sedikit 20 JP pengembangan kompetensi setahun.",
    "Mengikuti e-learning SPBE 10 JP dan bimbingan teknis penyusunan SKP 10 JP.",
)
LAPORAN_TEPAT_WAKTU = Hasil(
    INTEG,
    "Laporan kegiatan disampaikan tepat waktu",
    WAKTU,
    "Persentase laporan kegiatan bulanan yang disampaikan paling lambat tanggal 5 bulan berikutnya",
    "100",
    "%",
    "Atasan dapat memantau pekerjaan dan mengambil keputusan bila laporan datang tepat waktu.",
    "Laporan kegiatan Maret diserahkan paling lambat 5 April.",
)
TANPA_TEMUAN = Hasil(
    INTEG,
    "Pengelolaan kegiatan dan anggaran bebas temuan material",
    KUAL,
    "Temuan pemeriksaan atas kegiatan yang menjadi tanggung jawab",
    None,
    "",
    "Kegiatan dan uang negara dikelola jujur dan tertib sehingga pemeriksa tidak menemukan penyimpangan.",
    "Bukti pertanggungjawaban perjalanan dinas lengkap sebelum diajukan.",
    target_kualitatif="Tanpa temuan material dari Inspektorat atau BPK",
)


def _h(
    rhk: str,
    indikator: str,
    target: str,
    satuan: str,
    penjelasan: str,
    contoh: str,
    aspek: str = KUANT,
    dimensi: str = P,
    link: bool = False,
) -> Hasil:
    return Hasil(dimensi, rhk, aspek, indikator, target, satuan, penjelasan, contoh, link=link)


FUNGSIONAL: dict[str, list[Hasil]] = {
    "Pranata Komputer": [
        _h(
            "Tersedianya layanan aplikasi yang andal",
            "Persentase ketersediaan layanan (uptime)",
            "99",
            "%",
            "Aplikasi yang Anda kelola dapat dipakai warga dan pegawai hampir sepanjang waktu.",
            "Dalam sebulan aplikasi mati paling lama sekitar 7 jam termasuk pemeliharaan.",
            KUAL,
            link=True,
        ),
        _h(
            "Gangguan layanan TIK tertangani cepat",
            "Rata-rata waktu pemulihan gangguan",
            "4",
            "jam",
            "Saat aplikasi atau jaringan bermasalah, Anda memulihkannya secepat mungkin.",
            "Server basis data yang mati pukul 09.00 kembali normal sebelum 13.00.",
            WAKTU,
        ),
    ],
    "Analis Sumber Daya Manusia Aparatur": [
        _h(
            "Tersedianya data kepegawaian yang mutakhir",
            "Persentase data pegawai yang dimutakhirkan di SIASN",
            "100",
            "%",
            "Data pegawai yang benar menjadi dasar kenaikan pangkat, gaji dan promosi yang adil.",
            "Riwayat pendidikan dan jabatan setiap pegawai diperbarui sebelum akhir Maret.",
            link=True,
        ),
        _h(
            "Usul kenaikan pangkat diproses tepat waktu",
            "Rata-rata waktu verifikasi usul kenaikan pangkat",
            "5",
            "hari kerja",
            "Pegawai tidak terlambat naik pangkat karena berkasnya tertahan.",
            "Usul yang masuk Senin sudah diverifikasi paling lambat Jumat.",
            WAKTU,
        ),
    ],
    "Perencana": [
        _h(
            "Tersusunnya dokumen perencanaan dan penganggaran tepat waktu",
            "Jumlah dokumen perencanaan yang disusun (Renja, RKA, perjanjian kinerja)",
            "3",
            "dokumen",
            "Rencana yang baik dan tepat waktu membuat program bisa berjalan sejak awal tahun.",
            "Renja tahun depan selesai sebelum batas waktu Bappeda.",
            link=True,
        ),
    ],
    "Analis Kebijakan": [
        _h(
            "Tersusunnya rekomendasi kebijakan berbasis bukti",
            "Jumlah rekomendasi kebijakan (policy brief) yang diterima pimpinan",
            "2",
            "dokumen",
            "Pimpinan memutuskan berdasarkan data dan kajian, bukan dugaan.",
            "Kajian singkat penyebab putus sekolah SMA di tiga kabupaten.",
            link=True,
        ),
    ],
    "Arsiparis": [
        _h(
            "Terkelolanya arsip dinamis unit kerja",
            "Jumlah berkas arsip yang ditata dan dideskripsikan",
            "500",
            "berkas",
            "Dokumen penting mudah ditemukan kembali saat dibutuhkan.",
            "Berkas SK kepegawaian 2020–2024 ditata dan dapat ditemukan dalam 5 menit.",
        ),
    ],
    "Statistisi": [
        _h(
            "Tersedianya data statistik sektoral yang berkualitas",
            "Jumlah publikasi data sektoral",
            "4",
            "publikasi",
            "Data yang rapi dan tepat waktu membantu perencanaan daerah.",
            "Publikasi triwulanan data pendidikan menengah di portal Satu Data.",
            link=True,
        ),
    ],
    "Pranata Hubungan Masyarakat": [
        _h(
            "Tersebarnya informasi layanan publik kepada masyarakat",
            "Jumlah konten informasi publik yang dipublikasikan",
            "48",
            "konten",
            "Warga tahu layanan apa yang tersedia dan bagaimana memakainya.",
            "Satu infografis layanan setiap minggu di media sosial resmi.",
        ),
    ],
    "Pengawas Sekolah": [
        _h(
            "Meningkatnya mutu pembelajaran di sekolah binaan",
            "Jumlah sekolah binaan yang disupervisi",
            "10",
            "sekolah",
            "Guru di sekolah binaan mendapat pendampingan untuk mengajar lebih baik.",
            "Supervisi akademik dua kali setahun di setiap SMA binaan.",
            link=True,
        ),
    ],
    "Auditor": [
        _h(
            "Terlaksananya pengawasan intern yang bermutu",
            "Jumlah laporan hasil audit yang diselesaikan",
            "6",
            "laporan",
            "Pemeriksaan Anda mencegah penyimpangan dan memperbaiki tata kelola.",
            "Audit kinerja atas belanja modal dua perangkat daerah.",
        ),
    ],
}
FUNGSIONAL_DEFAULT = [
    _h(
        "Terlaksananya butir kegiatan jabatan fungsional sesuai rencana",
        "Persentase target angka kredit tahunan yang tercapai",
        "100",
        "%",
        "Pekerjaan keahlian/keterampilan Anda menghasilkan angka kredit untuk kenaikan jenjang.",
        "Rencana 12,5 angka kredit (Ahli Pertama) tercapai penuh.",
        link=True,
    ),
]
PELAKSANA: dict[str, list[Hasil]] = {
    "Pengadministrasi Perkantoran": [
        _h(
            "Tertatanya administrasi persuratan unit kerja",
            "Jumlah surat masuk dan keluar yang diagendakan dan didistribusikan",
            "1200",
            "surat",
            "Surat sampai ke orang yang tepat dan dapat dilacak.",
            "Setiap surat masuk dicatat di aplikasi persuratan pada hari yang sama.",
        ),
        _h(
            "Surat didistribusikan dengan cepat",
            "Waktu distribusi surat sejak diterima",
            "1",
            "hari kerja",
            "Tidak ada surat yang tertahan di meja.",
            "Undangan rapat diterima peserta paling lambat esok hari.",
            WAKTU,
        ),
    ],
    "Pengolah Data": [
        _h(
            "Tersedianya data yang akurat dan mutakhir",
            "Jumlah laporan pengolahan data yang diselesaikan",
            "12",
            "laporan",
            "Data yang Anda olah dipakai atasan untuk memutuskan.",
            "Rekap bulanan data siswa SMA per kabupaten.",
            link=True,
        ),
    ],
    "Operator Layanan Operasional": [
        _h(
            "Terlaksananya layanan operasional kantor",
            "Persentase permintaan layanan operasional yang diselesaikan",
            "100",
            "%",
            "Ruang rapat, kendaraan dan peralatan siap saat dibutuhkan.",
            "Permintaan ruang rapat disiapkan sebelum acara dimulai.",
        ),
    ],
    "Penata Layanan Operasional": [
        _h(
            "Tertatanya layanan operasional dan barang milik daerah",
            "Persentase barang milik daerah yang tercatat dan berlabel",
            "100",
            "%",
            "Aset kantor tercatat sehingga tidak hilang dan dapat dipertanggungjawabkan.",
            "Semua laptop unit memiliki label dan tercatat di aplikasi aset.",
        ),
    ],
}
PELAKSANA_DEFAULT = [
    _h(
        "Terselesaikannya tugas yang diberikan atasan",
        "Persentase tugas yang diselesaikan tepat waktu",
        "100",
        "%",
        "Tugas dari atasan selesai sesuai waktu yang disepakati.",
        "Rekap data yang diminta Senin selesai Rabu.",
        WAKTU,
    ),
]


def jpt(opd_nama: str) -> list[Hasil]:
    rows = [
        _h(
            "Tercapainya sasaran perjanjian kinerja perangkat daerah",
            "Persentase indikator perjanjian kinerja yang mencapai target",
            "100",
            "%",
            "Anda bertanggung jawab atas janji kinerja instansi kepada Gubernur.",
            "Semua indikator perjanjian kinerja 2026 tercapai.",
            link=True,
        ),
        _h(
            "Terserapnya anggaran perangkat daerah secara efektif",
            "Persentase realisasi anggaran",
            "95",
            "%",
            "Anggaran dibelanjakan sesuai rencana untuk hasil yang dijanjikan.",
            "Realisasi belanja sampai Desember mencapai 95 % dari pagu.",
            BIAYA,
        ),
        Hasil(
            K,
            "Terbangunnya kapasitas pimpinan unit di bawahnya",
            KUANT,
            "Jumlah dialog kinerja dengan pejabat administrator dalam setahun",
            "4",
            "kali",
            "Bawahan langsung tahu arah dan mendapat umpan balik secara berkala.",
            "Dialog kinerja triwulanan dengan setiap kepala bidang.",
        ),
    ]
    if "Pendidikan" in opd_nama:
        rows.insert(
            0,
            _h(
                "Meningkatnya rata-rata lama sekolah penduduk usia 15+",
                "Rata-rata lama sekolah",
                "9.3",
                "tahun",
                "Anak-anak Bengkulu bersekolah lebih lama; ini menaikkan IPM provinsi.",
                "Program kembali ke sekolah bagi anak putus sekolah SMA/SMK.",
                link=True,
            ),
        )
    return rows


ADMINISTRATOR = [
    _h(
        "Tercapainya target kinerja program bidang",
        "Persentase capaian target kinerja program",
        "100",
        "%",
        "Program yang Anda pimpin menghasilkan apa yang dijanjikan dalam rencana kinerja.",
        "Target program bidang tahun 2026 tercapai seluruhnya.",
        link=True,
    ),
    Hasil(
        K,
        "Terbinanya kinerja pegawai di bidang",
        KUANT,
        "Jumlah dialog kinerja dengan bawahan dalam setahun",
        "4",
        "kali",
        "Bawahan mendapat umpan balik dan bimbingan secara berkala, bukan hanya di akhir tahun.",
        "Dialog kinerja setiap akhir triwulan, tercatat di Karier.",
    ),
]
PENGAWAS = [
    _h(
        "Terlaksananya kegiatan seksi sesuai jadwal",
        "Persentase kegiatan yang terlaksana sesuai jadwal",
        "100",
        "%",
        "Kegiatan yang Anda awasi berjalan tepat waktu.",
        "Bimtek kurikulum terlaksana di bulan yang direncanakan.",
        WAKTU,
        link=True,
    ),
    _h(
        "Terkelolanya anggaran kegiatan secara efisien",
        "Persentase realisasi anggaran kegiatan",
        "95",
        "%",
        "Anggaran kegiatan dipakai sesuai rencana, tidak berlebih dan tidak mengendap.",
        "Sisa anggaran kegiatan dilaporkan dan dikembalikan tepat waktu.",
        BIAYA,
    ),
]

PERILAKU_UMUM = {
    "AKUNTABEL": (
        "Menyelesaikan pekerjaan sesuai rencana dan melaporkannya apa adanya, termasuk bila terlambat.",
        "Jujur dan bertanggung jawab atas hasil kerja sendiri.",
        "Memberi tahu atasan sejak awal bila target bulan ini tidak akan tercapai.",
    ),
}
PERILAKU: dict[str, dict[str, tuple[str, str, str]]] = {
    "MANAJERIAL": {
        **PERILAKU_UMUM,
        "KOLABORATIF": (
            "Menggerakkan unit lain dan mitra untuk mencapai sasaran bersama.",
            "Sasaran perangkat daerah jarang tercapai oleh satu bidang saja.",
            "Rapat koordinasi bulanan dengan Bappeda dan dinas terkait.",
        ),
        "KOMPETEN": (
            "Membimbing bawahan dan memastikan setiap orang mendapat pengembangan 20 JP.",
            "Pemimpin yang baik menumbuhkan orang lain.",
            "Menunjuk mentor bagi pegawai yang baru pindah.",
        ),
    },
    "FUNGSIONAL": {
        **PERILAKU_UMUM,
        "KOMPETEN": (
            "Menjaga dan menambah keahlian jabatan fungsional; membagikannya kepada rekan.",
            "Keahlian Anda adalah alasan jabatan ini ada.",
            "Menyelenggarakan berbagi pengetahuan sebulan sekali.",
        ),
        "ADAPTIF": (
            "Mencoba cara kerja dan teknologi baru yang membuat layanan lebih baik.",
            "Cara lama tidak selalu cara terbaik.",
            "Mengusulkan otomatisasi laporan rutin.",
        ),
    },
    "PELAKSANA": {
        **PERILAKU_UMUM,
        "BERORIENTASI_PELAYANAN": (
            "Melayani rekan dan warga dengan ramah, cepat dan tuntas.",
            "Setiap permintaan adalah layanan.",
            "Membalas permintaan data paling lambat satu hari kerja.",
        ),
        "HARMONIS": (
            "Menjaga suasana kerja yang saling menghargai dan membantu.",
            "Tim yang akur bekerja lebih cepat.",
            "Membantu rekan yang sedang kewalahan.",
        ),
    },
}
