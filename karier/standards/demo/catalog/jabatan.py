"""The demo expected results of positions, by kind (JPT, administrator, pengawas) and by functional
family or pelaksana name (demo text)."""

from __future__ import annotations

from dataclasses import dataclass

from karier.standards.choices import Aspek, Dimensi


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
