"""NIP — Nomor Identitas Pegawai Negeri Sipil (Perka BKN 22/2007 jo 43/2007).

An 18-digit NIP is ``YYYYMMDD`` (birth date) · ``YYYYMM`` (first CPNS appointment, TMT CPNS)
· one gender digit (1 = pria, 2 = wanita) · a three-digit sequence (001–999). It is shown as
``19660801 198803 1 001`` (the official example of Perka BKN 22/2007).

PPPK also have an 18-digit number, but its pattern could not be confirmed from a primary source,
so :func:`parse_ni_pppk` checks only that it is 18 digits (domain brief, section 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "InvalidNip",
    "NiPppkInfo",
    "NipInfo",
    "build_nip",
    "check_nip_matches",
    "format_nip",
    "nip_as_printed",
    "normalize_nip",
    "parse_ni_pppk",
    "parse_nip",
]

NIP_LENGTH = 18
MINIMUM_AGE_AT_TMT_CPNS = 18
_DIGITS = frozenset("0123456789")
_GENDER_BY_DIGIT = {"1": "L", "2": "P"}
_GENDER_NAME = {"L": "laki-laki", "P": "perempuan"}


class InvalidNip(ValueError):
    """The text is not a valid NIP; ``part`` names the faulty part, the message says why."""

    def __init__(self, part: str, message: str) -> None:
        self.part = part
        super().__init__(message)


@dataclass(frozen=True)
class NipInfo:
    """What an 18-digit NIP says about its holder."""

    nip: str
    birth_date: date
    tmt_cpns: date  # first day of the CPNS month
    gender: str  # "L" (laki-laki) or "P" (perempuan)
    sequence: int
    warnings: tuple[str, ...] = ()

    @property
    def formatted(self) -> str:
        return format_nip(self.nip)


@dataclass(frozen=True)
class NiPppkInfo:
    """An 18-digit PPPK identity number; only its length and digits are checked."""

    number: str

    @property
    def formatted(self) -> str:
        return format_nip(self.number)


def normalize_nip(nip: str) -> str:
    """Remove whitespace and check the 18 digits; raise :class:`InvalidNip` otherwise."""
    digits = "".join(nip.split())
    if not digits:
        raise InvalidNip("panjang", "NIP kosong; NIP harus terdiri atas 18 angka.")
    if not set(digits) <= _DIGITS:
        raise InvalidNip("karakter", "NIP hanya boleh berisi angka (spasi diabaikan).")
    if len(digits) != NIP_LENGTH:
        raise InvalidNip("panjang", f"NIP harus terdiri atas {NIP_LENGTH} angka, bukan {len(digits)} angka.")
    return digits


def format_nip(nip: str) -> str:
    """Show an 18-digit number as ``19660801 198803 1 001``."""
    d = normalize_nip(nip)
    return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


def nip_as_printed(nip: str) -> str:
    """The NIP as official documents and screens print it; a malformed legacy number is shown as
    stored rather than hidden, so the reader can see (and BKD correct) what is on record."""
    try:
        return format_nip(nip)
    except InvalidNip:
        return nip


def _age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def parse_nip(nip: str) -> NipInfo:
    """Parse and validate a PNS NIP (Perka BKN 22/2007).

    Rejects: not 18 digits; a birth date that is not a real date; a TMT CPNS whose month is not
    01–12 or which is not after the birth date; a gender digit other than 1/2; sequence 000.
    An appointee younger than 18 at TMT CPNS is only a warning (``NipInfo.warnings``): the
    brief says warn, don't reject, because old records contain such cases.
    """
    d = normalize_nip(nip)
    try:
        birth = date(int(d[0:4]), int(d[4:6]), int(d[6:8]))
    except ValueError:
        raise InvalidNip(
            "tanggal_lahir",
            f"Angka ke-1 s.d. 8 NIP ({d[:8]}) bukan tanggal lahir yang sah (format TTTTBBHH).",
        ) from None
    tmt_year, tmt_month = int(d[8:12]), int(d[12:14])
    if not 1 <= tmt_month <= 12 or tmt_year == 0:
        raise InvalidNip(
            "tmt_cpns",
            f"Angka ke-9 s.d. 14 NIP ({d[8:14]}) bukan bulan TMT CPNS yang sah (format TTTTBB).",
        )
    tmt = date(tmt_year, tmt_month, 1)
    if tmt <= birth:
        raise InvalidNip(
            "tmt_cpns",
            f"TMT CPNS pada NIP ({d[8:14]}) harus sesudah tanggal lahir ({d[:8]}).",
        )
    gender = _GENDER_BY_DIGIT.get(d[14])
    if gender is None:
        raise InvalidNip(
            "jenis_kelamin",
            f"Angka ke-15 NIP ({d[14]}) harus 1 (laki-laki) atau 2 (perempuan).",
        )
    sequence = int(d[15:])
    if sequence == 0:
        raise InvalidNip("nomor_urut", "Nomor urut NIP (angka ke-16 s.d. 18) tidak boleh 000.")
    warnings: tuple[str, ...] = ()
    age = _age_on(birth, tmt)
    if age < MINIMUM_AGE_AT_TMT_CPNS:
        message = (
            f"Menurut NIP, usia pada TMT CPNS baru {age} tahun "
            f"(kurang dari {MINIMUM_AGE_AT_TMT_CPNS} tahun); periksa kembali NIP."
        )
        warnings = (message,)
    return NipInfo(d, birth, tmt, gender, sequence, warnings)


def parse_ni_pppk(number: str) -> NiPppkInfo:
    """Check a PPPK identity number: 18 digits (spaces ignored), no date checks.

    The NI PPPK pattern is unconfirmed (research.md §7, [U]), so nothing beyond the length is
    enforced and :func:`check_nip_matches` must not be used for PPPK.
    """
    return NiPppkInfo(normalize_nip(number))


def build_nip(birth_date: date, tmt_cpns: date, gender: str, sequence: int) -> str:
    """Compose an 18-digit NIP (for demo data and tests); the day of ``tmt_cpns`` is ignored."""
    digit = {v: k for k, v in _GENDER_BY_DIGIT.items()}.get(gender)
    if digit is None:
        raise InvalidNip("jenis_kelamin", f"Jenis kelamin “{gender}” harus L atau P.")
    if not 1 <= sequence <= 999:
        raise InvalidNip("nomor_urut", f"Nomor urut {sequence} harus 1 s.d. 999.")
    nip = (
        f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
        f"{tmt_cpns.year:04d}{tmt_cpns.month:02d}{digit}{sequence:03d}"
    )
    parse_nip(nip)
    return nip


def check_nip_matches(nip: str, birth_date: date | None, gender: str | None) -> list[str]:
    """Say where a record's birth date and gender disagree with its NIP (empty if they agree).

    ``gender`` is "L" or "P"; ``None`` values are not checked. Raises :class:`InvalidNip` if the
    NIP itself is invalid, and ``ValueError`` for a gender code other than L/P.
    """
    info = parse_nip(nip)
    problems: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(
            f"Tanggal lahir {birth_date:%d-%m-%Y} tidak sesuai dengan NIP (menurut NIP {info.birth_date:%d-%m-%Y})."
        )
    if gender is not None:
        if gender not in _GENDER_NAME:
            raise ValueError(f"Jenis kelamin “{gender}” harus L atau P.")
        if gender != info.gender:
            problems.append(
                f"Jenis kelamin {_GENDER_NAME[gender]} tidak sesuai dengan NIP "
                f"(menurut NIP {_GENDER_NAME[info.gender]})."
            )
    return problems
