"""The demo Renstra sasaran and indicators of each agency (demo text; IPM components from the CSV)."""

from __future__ import annotations

from dataclasses import dataclass

from karier.standards.choices import Arah
from karier.standards.demo.catalog.rpjmd import IndikatorSpec
from karier.standards.demo.catalog.series import (
    DEMO,
    PK_TAHUN,
    TAHUN_MULAI,
    TAHUN_SELESAI,
    D,
    csv_series,
    demo_series,
    merge,
)


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
