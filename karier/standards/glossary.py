"""Terms of the standards screens, in the shape of `karier.core.glossary.TERMS` (to be merged there
so that `{% artinya "rpjmd" %}` finds its anchor on the glossary page)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "rpjmd": (
        _("RPJMD"),
        _(
            "Rencana Pembangunan Jangka Menengah Daerah: rencana lima tahun pemerintah daerah "
            "yang memuat visi, misi, tujuan, sasaran dan indikator kinerja utama. Semua rencana "
            "perangkat daerah dan SKP pejabat pimpinan tinggi berinduk ke sini."
        ),
    ),
    "visi": (
        _("Visi"),
        _(
            'Gambaran keadaan daerah yang ingin dicapai pada akhir masa RPJMD, mis. "Bengkulu '
            'Maju, Sejahtera dan Hebat".'
        ),
    ),
    "misi": (_("Misi"), _("Langkah besar untuk mewujudkan visi. Setiap misi dijabarkan menjadi tujuan.")),
    "sasaran": (
        _("Sasaran strategis"),
        _(
            "Hasil yang ingin dicapai untuk mewujudkan tujuan, diukur dengan "
            'indikator. Contoh: "Meningkatnya kualitas sumber daya manusia".'
        ),
    ),
    "iku": (
        _("IKU"),
        _(
            "Indikator Kinerja Utama: ukuran keberhasilan sebuah sasaran, dengan satuan, nilai dasar "
            "(baseline), target dan realisasi setiap tahun. Contoh: Indeks Pembangunan Manusia."
        ),
    ),
    "baseline": (_("Baseline"), _("Nilai awal indikator sebelum rencana dijalankan, menjadi titik pembanding target.")),
    "metode": (
        _("Seri/metode"),
        _(
            "Cara penghitungan sebuah indikator. Bila metode berubah (mis. IPM metode "
            "baru BPS sejak 2023), angka sebelum dan sesudahnya tidak boleh dibaca sebagai "
            "satu garis."
        ),
    ),
    "renstra": (
        _("Renstra"),
        _(
            "Rencana Strategis perangkat daerah untuk lima tahun: sasaran dan indikator "
            "dinas/badan yang mendukung sasaran RPJMD."
        ),
    ),
    "perjanjian_kinerja": (
        _("Perjanjian Kinerja"),
        _(
            "Janji kinerja tahunan kepala perangkat daerah kepada "
            "Gubernur: sasaran, indikator dan target tahun ini dari "
            "Renstra. SKP pejabat pimpinan tinggi diturunkan dari "
            "sini."
        ),
    ),
    "perspektif": (
        _("Perspektif"),
        _(
            "Sudut pandang hasil kerja pejabat pimpinan tinggi: Penerima Layanan, "
            "Proses Bisnis, Penguatan Internal, Anggaran."
        ),
    ),
    "standar_jabatan": (
        _("Standar jabatan"),
        _(
            "Apa yang diharapkan dari pemangku jabatan: hasil kerja (RHK) "
            "dengan indikator dan target bawaan, serta ekspektasi perilaku "
            "BerAKHLAK. SKP Anda dapat diisi otomatis dari sini."
        ),
    ),
    "rhk": (
        _("RHK"),
        _(
            'Rencana Hasil Kerja: hasil yang akan Anda berikan tahun ini, mis. "Tersedianya '
            'layanan aplikasi yang andal". Setiap RHK diukur dengan satu atau lebih IKI.'
        ),
    ),
    "iki": (
        _("IKI"),
        _(
            "Indikator Kinerja Individu: ukuran sebuah RHK, dengan target angka dan satuan atau "
            'uraian kualitas. Contoh: "Persentase ketersediaan layanan (uptime)" target 99 %.'
        ),
    ),
    "aspek": (
        _("Aspek"),
        _(
            "Sisi yang diukur sebuah indikator: kuantitas (berapa banyak), kualitas (seberapa "
            "baik), waktu (seberapa cepat) atau biaya (berapa hemat). Kuantitas, waktu dan biaya "
            "memerlukan target angka."
        ),
    ),
    "dimensi": (
        _("Dimensi"),
        _(
            "Pengelompokan hasil dalam standar jabatan: Produktivitas (hasil kerja), "
            "Kompetensi (kemampuan yang dibangun dan dibagikan) dan Integritas (kepatuhan, "
            "kejujuran, ketepatan waktu)."
        ),
    ),
    "berakhlak": (
        _("BerAKHLAK"),
        _(
            "Nilai dasar ASN: Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis, "
            "Loyal, Adaptif, Kolaboratif. Masing-masing punya tiga panduan perilaku; "
            "atasan dapat menambah ekspektasi khusus."
        ),
    ),
    "ekspektasi": (
        _("Ekspektasi khusus"),
        _(
            "Harapan perilaku yang khusus untuk jabatan ini pada satu nilai "
            'BerAKHLAK, mis. "membalas pengaduan warga paling lambat 1 hari '
            'kerja".'
        ),
    ),
}
