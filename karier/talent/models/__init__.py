"""The talent tables, one module per area; imported here so Django finds them."""

from karier.talent.models.coaching import (
    HasilBimbingan,
    JenisBimbingan,
    PertemuanBimbingan,
    RencanaBimbingan,
    StatusBimbingan,
    TindakanBimbingan,
)
from karier.talent.models.credit import (
    EntriAngkaKredit,
    FormasiJenjang,
    JenisEntriAk,
    PenetapanAngkaKredit,
    StatusAngkaKredit,
    UjiKompetensi,
)
from karier.talent.models.history import ImporRiwayatKinerja, PredikatTahunan, SumberPredikat
from karier.talent.models.ninebox import AturanTalenta, HukumanDisiplin, PenempatanTalenta
from karier.talent.models.promotion import JenisKenaikan, KelayakanPangkat, StatusUsulanPangkat, UsulanKenaikanPangkat
from karier.talent.models.recognition import (
    Apresiasi,
    Inovasi,
    StatusInovasi,
    StatusUsulanPenghargaan,
    UsulanPenghargaan,
)
from karier.talent.models.succession import (
    JabatanKritikal,
    KandidatSuksesi,
    Kesiapan,
    NominasiSuksesi,
    StatusNominasi,
    SyaratKompetensiKritikal,
)

__all__ = [
    "Apresiasi",
    "AturanTalenta",
    "EntriAngkaKredit",
    "FormasiJenjang",
    "HasilBimbingan",
    "HukumanDisiplin",
    "ImporRiwayatKinerja",
    "Inovasi",
    "JabatanKritikal",
    "JenisBimbingan",
    "JenisEntriAk",
    "JenisKenaikan",
    "KandidatSuksesi",
    "KelayakanPangkat",
    "Kesiapan",
    "NominasiSuksesi",
    "PenempatanTalenta",
    "PenetapanAngkaKredit",
    "PertemuanBimbingan",
    "PredikatTahunan",
    "RencanaBimbingan",
    "StatusAngkaKredit",
    "StatusBimbingan",
    "StatusInovasi",
    "StatusNominasi",
    "StatusUsulanPangkat",
    "StatusUsulanPenghargaan",
    "SumberPredikat",
    "SyaratKompetensiKritikal",
    "TindakanBimbingan",
    "UjiKompetensi",
    "UsulanKenaikanPangkat",
    "UsulanPenghargaan",
]
