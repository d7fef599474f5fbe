"""Terms of the appraisal screens (parts 1, 2, 4), in the shape of `karier.core.glossary.TERMS` (to be
merged into `all_terms` so that `{% artinya "predikat" %}` finds its anchor)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "evaluasi": (
        _("Evaluasi kinerja"),
        _(
            "Penilaian atas SKP pada satu periode: periodik (triwulanan atau bulanan, "
            "sesuai kalender tahun itu) dan tahunan. Berisi realisasi, bukti dukung, "
            "umpan balik, rating dan predikat."
        ),
    ),
    "periode_penilaian": (
        _("Periode penilaian"),
        _(
            "Rentang waktu yang dinilai beserta tanggal dibuka dan batas "
            "pengisian. Bawaan: triwulan I–IV (batas 10 hari setelah "
            "triwulan berakhir) dan tahunan (dibuka 1 Desember, batas 31 "
            "Januari tahun berikutnya)."
        ),
    ),
    "realisasi": (
        _("Realisasi"),
        _(
            "Capaian nyata sebuah IKI pada periode itu, dibandingkan dengan targetnya: "
            "angka untuk aspek kuantitas, waktu dan biaya; angka atau uraian untuk kualitas."
        ),
    ),
    "bukti_dukung": (
        _("Bukti dukung"),
        _(
            "Berkas yang membuktikan realisasi (PDF, foto, dokumen kantor; paling "
            "besar 10 MB). Hanya Anda dan atasan dalam rantai Anda yang dapat "
            "mengunduhnya."
        ),
    ),
    "umpan_balik": (
        _("Umpan balik berkelanjutan"),
        _("Masukan pejabat penilai atas sebuah RHK sepanjang tahun, bukan hanya di akhir periode."),
    ),
    "rating": (
        _("Rating"),
        _(
            "Penilaian pejabat penilai atas hasil kerja dan atas perilaku kerja: Di Atas, Sesuai, "
            "atau Di Bawah Ekspektasi, masing-masing dengan alasan tertulis."
        ),
    ),
    "predikat": (
        _("Predikat kinerja"),
        _(
            "Hasil gabungan kedua rating (PermenPANRB 6/2022): Sangat Baik, Baik, Butuh "
            "Perbaikan, Kurang/Misconduct, atau Sangat Kurang. Contoh: hasil kerja "
            "Sesuai dan perilaku Sesuai memberi predikat Baik."
        ),
    ),
}
