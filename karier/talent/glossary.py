"""Terms of the career and talent screens, in the shape of `karier.core.glossary.TERMS` (merged there by
`all_terms`, so `{% artinya "kotak_talenta" %}` finds its anchor)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "kenaikan_pangkat": (
        _("Kenaikan pangkat"),
        _(
            "Naik satu golongan. Reguler: paling cepat 4 tahun dalam golongan sekarang, predikat kinerja paling "
            "rendah Baik dua tahun terakhir, dan tidak melebihi golongan tertinggi untuk pendidikan Anda. Pilihan "
            "(jabatan fungsional): angka kredit yang cukup. Berlaku pada tanggal 1 setiap bulan sejak Oktober 2025."
        ),
    ),
    "angka_kredit": (
        _("Angka kredit"),
        _(
            "Nilai yang dikumpulkan pejabat fungsional dari predikat kinerja setiap tahun: persentase predikat "
            "(Sangat Baik 150%, Baik 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%) dikali koefisien "
            "jenjang (mis. Ahli Pertama 12,5). Sisa sesudah kenaikan pangkat terbawa ke kenaikan berikutnya."
        ),
    ),
    "pak": (
        _("PAK"),
        _("Penetapan Angka Kredit: surat resmi yang menetapkan angka kredit seorang pejabat fungsional."),
    ),
    "kotak_talenta": (
        _("Kotak talenta (9-box)"),
        _(
            "Peta talenta PermenPANRB 3/2020: kinerja (dua tahun terakhir) dikali potensial (hasil asesmen). "
            "Kotak 9 = kinerja di atas ekspektasi dan potensial tinggi; kotak 1 = keduanya rendah. Kotak 7, 8 dan 9 "
            "masuk kelompok rencana suksesi. Setiap penempatan disertai alasan dan aturan yang dipakai."
        ),
    ),
    "jabatan_kritikal": (
        _("Jabatan kritikal"),
        _("Jabatan kunci yang harus selalu punya calon pengganti yang siap; ditetapkan BKD beserta persyaratannya."),
    ),
    "suksesi": (
        _("Rencana suksesi"),
        _(
            "Daftar calon pengganti pemegang jabatan kritikal dari kelompok talenta (kotak 7–9), diurutkan menurut "
            "kesesuaian dengan persyaratan jabatan dan kesiapannya."
        ),
    ),
    "bimbingan_kinerja": (
        _("Bimbingan kinerja"),
        _(
            "Dukungan dari atasan atau mentor agar kinerja membaik: pertemuan, tindakan yang disepakati bersama dan "
            "tanggal tindak lanjut. Bukan hukuman — tujuannya membantu Anda berhasil."
        ),
    ),
    "konseling_kinerja": (
        _("Konseling kinerja"),
        _(
            "Pendampingan lebih mendalam bila bimbingan belum cukup, untuk menemukan dan mengatasi penyebab "
            "masalah kinerja."
        ),
    ),
    "uji_kompetensi": (
        _("Uji kompetensi"),
        _("Ujian yang harus lulus sebelum naik ke jenjang jabatan fungsional berikutnya."),
    ),
    "formasi": (_("Formasi"), _("Jumlah jabatan yang tersedia pada suatu jenjang di perangkat daerah.")),
    "bup": (
        _("BUP"),
        _(
            "Batas usia pensiun: 58 tahun untuk jabatan administrasi, 60 tahun untuk JPT dan fungsional Ahli Madya, "
            "65 tahun untuk Ahli Utama (atau sesuai ketentuan jabatan fungsionalnya)."
        ),
    ),
    "apresiasi": (
        _("Apresiasi"),
        _(
            "Ucapan terima kasih dan pengakuan singkat dari atasan atau rekan, dikaitkan dengan nilai BerAKHLAK "
            "atau RHK."
        ),
    ),
}
