"""The words under each finding: "Apa artinya dan apa yang perlu dilakukan" (issue #13 item 2), in plain
Bahasa Indonesia for an agency head reading on a phone. One entry per kind of finding; the screen, the
API and the Excel show the same text. The thresholds named in the text are the ones in
`karier.rules.fairness`, filled in, so the words never drift from the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from karier.rules.fairness import (
    AGENCY_VARIED_MAX_PCT,
    CENTRAL_MIN_PCT,
    FLAG_CENTRAL,
    FLAG_LENIENT,
    FLAG_SAME,
    FLAG_SEVERE,
    MARGIN_PP,
    MIN_KELOMPOK,
)


@dataclass(frozen=True)
class Explanation:
    judul: str
    artinya: str
    tindakan: str


def flag_labels() -> dict[str, str]:
    return {
        FLAG_LENIENT: _("Longgar"),
        FLAG_SEVERE: _("Ketat"),
        FLAG_CENTRAL: _("Cenderung ke tengah"),
        FLAG_SAME: _("Rating sama untuk semua"),
    }


def flag_explanations() -> dict[str, Explanation]:
    n = {"pp": MARGIN_PP, "tengah": CENTRAL_MIN_PCT, "bervariasi": AGENCY_VARIED_MAX_PCT, "min": MIN_KELOMPOK}
    return {
        FLAG_LENIENT: Explanation(
            _("Longgar"),
            _(
                "Bagian predikat Sangat Baik dari penilai ini paling sedikit %(pp)s poin persen di atas "
                "bagian Sangat Baik seluruh perangkat daerah. Bisa jadi timnya memang unggul, bisa juga "
                "penilainya terlalu murah hati."
            )
            % n,
            _(
                "Minta penilai menunjukkan bukti capaian untuk setiap Sangat Baik, bandingkan dengan target "
                "SKP, dan bahas dalam kalibrasi unit sebelum tahun berikutnya."
            ),
        ),
        FLAG_SEVERE: Explanation(
            _("Ketat"),
            _(
                "Bagian predikat Butuh Perbaikan ke bawah dari penilai ini paling sedikit %(pp)s poin persen "
                "di atas bagian yang sama di seluruh perangkat daerah."
            )
            % n,
            _(
                "Periksa apakah target SKP timnya wajar dan apakah umpan balik diberikan sepanjang tahun; "
                "pastikan setiap pegawai yang dinilai rendah mendapat rencana pembinaan."
            ),
        ),
        FLAG_CENTRAL: Explanation(
            _("Cenderung ke tengah"),
            _(
                "Paling sedikit %(tengah)s%% pegawai yang dinilai penilai ini mendapat Baik, sementara di "
                "perangkat daerah predikat lebih beragam (Baik paling banyak %(bervariasi)s%%). Penilai "
                "mungkin menghindari keputusan yang membedakan."
            )
            % n,
            _(
                "Ajak penilai meninjau kembali siapa yang benar-benar melampaui atau tertinggal dari "
                "ekspektasi, dengan alasan tertulis dan bukti dukung."
            ),
        ),
        FLAG_SAME: Explanation(
            _("Rating sama untuk semua"),
            _(
                "Semua pegawai yang dinilai penilai ini (paling sedikit %(min)s orang) mendapat pasangan "
                "rating hasil kerja dan perilaku yang persis sama. Hampir tidak mungkin semua orang "
                "berkinerja sama."
            )
            % n,
            _(
                "Pastikan penilaian tidak diisi sekaligus tanpa melihat capaian masing-masing; minta "
                "penilai menilai ulang per orang bila periode masih dapat dibuka kembali."
            ),
        ),
    }


def section_explanations() -> dict[str, Explanation]:
    n = {"min": MIN_KELOMPOK}
    return {
        "penilai": Explanation(
            _("Sebaran rating per penilai"),
            _(
                "Setiap baris adalah pejabat penilai dan pegawai yang ia nilai pada evaluasi tahunan yang "
                "sudah final, dibandingkan dengan sebaran seluruh perangkat daerah. Tanda di kolom terakhir "
                "menunjukkan pola yang patut diperiksa, bukan kesalahan yang pasti."
            ),
            _(
                "Mulailah dari penilai yang bertanda. Bicarakan pola itu dengan penilainya dan atasannya; "
                "gunakan kalibrasi unit untuk meluruskan sebelum predikat dipakai untuk promosi atau tunjangan."
            ),
        ),
        "kelompok": Explanation(
            _("Rating menurut kelompok pegawai"),
            _(
                "Sebaran predikat akhir menurut jenis kelamin, usia, golongan, jenis jabatan, dan unit. "
                "Perbedaan besar antarkelompok bisa menandakan perlakuan yang tidak setara, atau perbedaan "
                "tugas yang wajar. Kelompok kurang dari %(min)s orang tidak ditampilkan agar tidak ada "
                "yang dapat dikenali."
            )
            % n,
            _(
                "Bila satu kelompok jauh lebih sering mendapat predikat rendah atau tinggi, periksa "
                "target dan bukti penilaian kelompok itu bersama para penilainya."
            ),
        ),
        "alasan": Explanation(
            _("Predikat tanpa alasan"),
            _(
                "Evaluasi yang kedua ratingnya tidak disertai alasan tertulis sama sekali. Rating selain "
                "Sesuai Ekspektasi wajib beralasan; bila yang wajib pun kosong (mis. data impor), "
                "predikat itu sulit dipertanggungjawabkan bila diajukan keberatan."
            ),
            _(
                "Minta penilai menuliskan alasan singkat untuk setiap rating, terutama yang menyimpang "
                "dari Sesuai Ekspektasi; alasan yang baik menyebut capaian dan buktinya."
            ),
        ),
        "massal": Explanation(
            _("Dinilai massal tanpa umpan balik"),
            _(
                "Evaluasi yang dinilai bersama-sama dalam satu kali simpan di layar penilaian massal, "
                "padahal sepanjang tahun tidak ada umpan balik maupun catatan dialog kinerja untuk "
                "pegawai itu. Penilaian seperti ini berisiko tidak mencerminkan kinerja nyata."
            ),
            _(
                "Dorong penilai memberi umpan balik pada RHK dan mencatat dialog kinerja setiap triwulan, "
                "sehingga penilaian akhir tahun berdasar pada percakapan yang nyata."
            ),
        ),
        "kalibrasi": Explanation(
            _("Perpindahan kalibrasi per unit"),
            _(
                "Berapa pegawai yang predikatnya dipindahkan saat kalibrasi, naik atau turun, dan oleh "
                "siapa. Kalibrasi menyesuaikan predikat dengan kurva distribusi dan hasil kerja unit."
            ),
            _(
                "Banyak perpindahan di satu unit berarti penilaian awalnya jauh dari kurva: bahas dengan "
                "penilai di unit itu agar penilaian tahun depan lebih tepat sejak awal."
            ),
        ),
    }
