"""Terms of recommendations and the training-needs analysis, for the "apa artinya?" page."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "analisis_kebutuhan": (
        _("Analisis kebutuhan pengembangan kompetensi"),
        _(
            "Rekap tahunan kebutuhan pengembangan pegawai per perangkat daerah atau unit: kesenjangan kompetensi "
            "terhadap standar jabatan dan kesenjangan kinerja (PP 11/2017 Pasal 205–206). Untuk cakupan besar "
            "dibaca dari perhitungan terakhir yang dijalankan admin BKD."
        ),
    ),
    "rekomendasi_pengembangan": (
        _("Rekomendasi pengembangan"),
        _(
            "Kegiatan katalog yang diurutkan menurut seberapa banyak kesenjangan Anda yang ditutupnya: 2 poin per "
            "level yang ditutup, 1 poin lagi bila kesenjangan tertutup penuh, 1 poin untuk kompetensi yang belum "
            "dinilai, dan bobot sinyal kinerja (misalnya nilai BerAKHLAK di bawah ekspektasi) bila kegiatan "
            "mengembangkan kompetensi yang terkait. Nilai sama: JP lebih sedikit didahulukan."
        ),
    ),
}
