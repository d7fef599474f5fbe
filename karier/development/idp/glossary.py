"""Plain-language explanations of the development plan's official terms ("apa artinya?")."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TERMS: dict[str, tuple[Promise, Promise]] = {
    "rencana_pengembangan": (
        _("Rencana pengembangan kompetensi (IDP)"),
        _(
            "Individual development plan: daftar kegiatan pengembangan yang Anda pilih untuk satu tahun "
            "— pelatihan, kursus, coaching, e-learning, atau belajar mandiri — masing-masing untuk "
            "menutup kesenjangan kompetensi terhadap standar jabatan atau kesenjangan kinerja. Disusun "
            "pegawai, disetujui atasan langsung (seperti SKP), lalu dilaksanakan: setiap kegiatan yang "
            "selesai dan terverifikasi menambah JP menuju 20 JP setahun (PP 11/2017 Pasal 203)."
        ),
    ),
    "tanpa_kesenjangan": (
        _("Tanpa kesenjangan"),
        _(
            "Tanda pada kegiatan dalam rencana pengembangan yang tidak menutup kesenjangan kompetensi "
            "atau kinerja yang tercatat saat ini. Boleh direncanakan, tetapi atasan melihat tandanya "
            "sebelum menyetujui."
        ),
    ),
}
