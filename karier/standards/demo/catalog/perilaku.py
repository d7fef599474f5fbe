"""The demo BerAKHLAK expectations by behaviour profile (managerial, functional, pelaksana)."""

from __future__ import annotations

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
