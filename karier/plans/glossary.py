"""Terms of the SKP screens, in the shape of `karier.core.glossary.TERMS` (to be merged there so
that `{% artinya "rhk" %}` finds its anchor on the glossary page)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "skp": (
        _("SKP"),
        _(
            "Sasaran Kinerja Pegawai: rencana kinerja Anda untuk satu tahun (PermenPANRB 6/2022), "
            "berisi hasil kerja, perilaku kerja dan lampiran, disusun bersama dan disetujui pejabat "
            "penilai paling lambat akhir Januari. Pindah jabatan di tengah tahun berarti SKP baru."
        ),
    ),
    "rhk": (
        _("RHK"),
        _(
            'Rencana Hasil Kerja: hasil yang akan Anda capai tahun ini, mis. "Data kurikulum SMA '
            'yang mutakhir". Setiap RHK di bawah JPT menyebut RHK atasan yang didukungnya '
            '("diintervensi"), sehingga kinerja Anda tersambung ke kinerja atasan dan instansi.'
        ),
    ),
    "iki": (
        _("IKI"),
        _(
            "Indikator Kinerja Individu: ukuran keberhasilan sebuah RHK beserta targetnya, mis. "
            '"Jumlah laporan data kurikulum — 12 laporan". Satu RHK boleh mempunyai beberapa IKI.'
        ),
    ),
    "aspek": (
        _("Aspek"),
        _(
            "Apa yang diukur oleh IKI: kuantitas (berapa banyak), kualitas (seberapa baik), "
            "waktu (kapan/berapa lama) atau biaya. Kuantitas, waktu dan biaya memerlukan target "
            "berupa angka; kualitas boleh angka atau uraian."
        ),
    ),
    "berakhlak": (
        _("BerAKHLAK"),
        _(
            "Tujuh nilai dasar ASN (UU 20/2023): Berorientasi Pelayanan, Akuntabel, "
            "Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif. Masing-masing punya tiga "
            "panduan perilaku; pejabat penilai dapat menambahkan ekspektasi khusus."
        ),
    ),
    "dialog_kinerja": (
        _("Dialog kinerja"),
        _(
            "Percakapan antara pegawai dan pejabat penilai untuk menyepakati "
            "hasil yang diharapkan, dukungan sumber daya dan cara "
            "pertanggungjawabannya. Catatannya disimpan bersama SKP."
        ),
    ),
    "ekspektasi": (
        _("Ekspektasi khusus pimpinan"),
        _(
            "Harapan khusus pejabat penilai tentang perilaku Anda "
            "untuk satu nilai BerAKHLAK, sesuai tugas jabatan Anda."
        ),
    ),
}
