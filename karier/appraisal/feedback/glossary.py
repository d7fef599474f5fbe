"""Terms of the multi-rater and public feedback screens, in the shape of
`karier.core.glossary.TERMS` (to be merged there so `{% artinya "penilai_rekan" %}` finds its anchor)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "penilai_rekan": (
        _("Penilai rekan & bawahan"),
        _(
            "Rekan kerja setingkat (jabatannya di bawah atasan yang sama dengan Anda) dan bawahan langsung yang "
            "memberi masukan tentang perilaku kerja BerAKHLAK Anda. Anda mengusulkan (minimal 3 rekan bila unit "
            "mempunyainya, atau semua rekan yang ada), pejabat penilai menyetujui. Hasilnya hanya tampil sebagai "
            "rata-rata bila minimal 3 orang menjawab, tanpa nama. Masukan ini membantu, tetapi rating perilaku "
            "tetap keputusan pejabat penilai."
        ),
    ),
    "umpan_balik_publik": (
        _("Umpan balik publik"),
        _(
            "Penilaian warga atau pemangku kepentingan tentang kepuasan layanan dan sikap petugas, diberikan melalui "
            "tautan atau kode QR tanpa akun. Satu penilaian per perangkat per hari untuk setiap tautan; kiriman "
            "berlebihan dari satu jaringan ditolak. Komentar dibaca pimpinan unit sebelum ditampilkan."
        ),
    ),
    "moderasi": (
        _("Moderasi"),
        _(
            "Pemeriksaan kiriman umpan balik publik oleh pimpinan unit atau admin: diterima (komentar tampil) atau "
            "ditolak (tidak dihitung, mis. hinaan, iklan, data pribadi). Skor dihitung sejak masuk kecuali ditolak."
        ),
    ),
}
