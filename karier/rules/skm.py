"""Survei Kepuasan Masyarakat (SKM) — PermenPANRB 14/2017 (domain brief §9).

Nine elements (*unsur*) are each answered on a 1–4 scale. The element average (nilai rata-rata,
NRR) is the mean of its answers; the index (IKM) is the mean of the nine element averages with
equal weights, times 25, so it lies between 25 and 100. The quality grade follows the published
bands: 88.31–100 A (Sangat Baik), 76.61–88.30 B (Baik), 65.00–76.60 C (Kurang Baik),
25.00–64.99 D (Tidak Baik).

Arithmetic is exact: averages are converted to :class:`fractions.Fraction` (a float by its
shortest decimal text, so ``3.35`` means 3.35 and not its binary neighbour) and the index is
rounded only once, to 2 decimals, half up. Many published reports multiply by a rounded weight
(0.111) instead; that shortcut can move the second decimal, so we do not copy it.

Accepted numbers: ``int``, ``float`` (finite), :class:`~decimal.Decimal` (finite) and
:class:`~fractions.Fraction`. ``bool`` and text are not numbers here — a form or a CSV must
parse its text first — and raise :class:`ValueError` like any other bad input.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, TypeVar

__all__ = [
    "SKM_ELEMENTS",
    "SKM_GRADE_FLOORS",
    "SKM_GRADE_LABELS",
    "SKM_NEED_ELEMENTS",
    "SKM_NEED_THRESHOLD",
    "SKM_SCALE",
    "SkmElement",
    "skm_agency_index",
    "skm_development_need",
    "skm_element_average",
    "skm_element_index",
    "skm_grade",
    "skm_grade_label",
    "skm_index",
    "skm_unit_mean",
]

#: The answer scale: 1 (tidak sesuai / tidak baik) to 4 (sangat sesuai / sangat baik).
SKM_SCALE: tuple[int, ...] = (1, 2, 3, 4)

_MIN_IKM = Decimal("25")
_MAX_IKM = Decimal("100")
_CENT = Decimal("0.01")
_Unit = TypeVar("_Unit", bound=Hashable)


class SkmElement(NamedTuple):
    """One of the nine elements: its code (U1…U9) and its label as printed on the form."""

    code: str
    label: str


#: The nine elements in the regulation's order.
SKM_ELEMENTS: tuple[SkmElement, ...] = (
    SkmElement("U1", "Persyaratan"),
    SkmElement("U2", "Sistem, mekanisme dan prosedur"),
    SkmElement("U3", "Waktu penyelesaian"),
    SkmElement("U4", "Biaya/tarif"),
    SkmElement("U5", "Produk spesifikasi jenis pelayanan"),
    SkmElement("U6", "Kompetensi pelaksana"),
    SkmElement("U7", "Perilaku pelaksana"),
    SkmElement("U8", "Penanganan pengaduan, saran dan masukan"),
    SkmElement("U9", "Sarana dan prasarana"),
)

#: Grade → its label (mutu pelayanan / kinerja unit pelayanan).
SKM_GRADE_LABELS: Mapping[str, str] = {
    "A": "Sangat Baik",
    "B": "Baik",
    "C": "Kurang Baik",
    "D": "Tidak Baik",
}

#: The lowest IKM of each grade, best first (the bands are closed at 2 decimals; PermenPANRB 14/2017).
SKM_GRADE_FLOORS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
    (Decimal("25.00"), "D"),
)

#: Elements about the people who serve (kompetensi and perilaku pelaksana): a low score there is
#: a development need of the unit, not only a process problem.
SKM_NEED_ELEMENTS: tuple[str, ...] = ("U6", "U7")

#: Our threshold (not the regulation's): an element whose index (average × 25) is below the
#: B band's floor, i.e. graded C or D on its own, is a development need.
SKM_NEED_THRESHOLD = Decimal("76.61")


def _number(value: object, what: str) -> Fraction:
    """The exact value of a number; anything that is not a finite number raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{what}: {value!r} bukan angka")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float | Decimal):
        if not (value == value and abs(value) != float("inf")):  # NaN and ±inf
            raise ValueError(f"{what}: {value!r} bukan angka terhingga")
        return Fraction(Decimal(repr(value)) if isinstance(value, float) else value)
    raise ValueError(f"{what}: {value!r} bukan angka")


def _round(value: Fraction) -> Decimal:
    """Round an exact value to 2 decimals, half up, in integer hundredths (no lossy division)."""
    hundredths, rest = divmod(value.numerator * 100, value.denominator)
    if rest * 2 >= value.denominator:
        hundredths += 1
    return (Decimal(hundredths) / 100).quantize(_CENT)


def skm_element_average(counts: Mapping[int, int]) -> Fraction:
    """The average (NRR) of one element from its answer counts, e.g. ``{1: 0, 2: 3, 3: 5, 4: 2}``.

    Keys must be answers on the scale (1–4), counts whole and not negative, with at least one
    answer in all. The result is exact; round only the final index.
    """
    total = 0
    answers = 0
    for answer, count in counts.items():
        if isinstance(answer, bool) or answer not in SKM_SCALE:
            raise ValueError(f"jawaban {answer!r} di luar skala 1–4")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"jumlah jawaban {count!r} tidak sah")
        total += answer * count
        answers += count
    if answers == 0:
        raise ValueError("belum ada jawaban")
    return Fraction(total, answers)


def _averages(averages: Sequence[object]) -> list[Fraction]:
    if isinstance(averages, str | bytes) or not isinstance(averages, Sequence):
        raise ValueError("rata-rata unsur harus berupa deret sembilan angka")
    if len(averages) != len(SKM_ELEMENTS):
        raise ValueError(f"harus ada {len(SKM_ELEMENTS)} rata-rata unsur, bukan {len(averages)}")
    values = []
    for element, raw in zip(SKM_ELEMENTS, averages, strict=True):
        value = _number(raw, element.code)
        if not 1 <= value <= 4:
            raise ValueError(f"{element.code}: rata-rata {raw!r} di luar 1–4")
        values.append(value)
    return values


def skm_index(averages: Sequence[object]) -> Decimal:
    """The IKM: mean of the nine element averages × 25, rounded to 2 decimals half up (25–100)."""
    values = _averages(averages)
    return _round(sum(values, Fraction(0)) * 25 / len(values))


def skm_element_index(average: object) -> Decimal:
    """One element's index (its average × 25, rounded like the IKM) — for reports and needs."""
    value = _number(average, "rata-rata")
    if not 1 <= value <= 4:
        raise ValueError(f"rata-rata {average!r} di luar 1–4")
    return _round(value * 25)


def skm_grade(ikm: object) -> str:
    """The grade "A"/"B"/"C"/"D" of an IKM in 25–100.

    The bands are defined at 2 decimals, so an unrounded value is first rounded like the index
    (88.305 → 88.31 → A); a value outside 25–100 raises ValueError.
    """
    value = _round(_number(ikm, "IKM"))
    if not _MIN_IKM <= value <= _MAX_IKM:
        raise ValueError(f"IKM {ikm!r} di luar 25–100")
    for floor, grade in SKM_GRADE_FLOORS:  # pragma: no branch — the last floor is the minimum
        if value >= floor:
            return grade
    raise AssertionError("unreachable")  # pragma: no cover


def skm_grade_label(grade: str) -> str:
    """The label of a grade ("A" → "Sangat Baik"); an unknown grade raises ValueError."""
    try:
        return SKM_GRADE_LABELS[grade]
    except (KeyError, TypeError):
        raise ValueError(f"mutu {grade!r} tidak dikenal") from None


def skm_development_need(code: str, average: object) -> bool:
    """Whether an element's average makes a development need of the unit (our rule).

    Only the elements about the staff (U6 kompetensi, U7 perilaku pelaksana) count, when their
    element index is below :data:`SKM_NEED_THRESHOLD`.
    """
    if code not in {element.code for element in SKM_ELEMENTS}:
        raise ValueError(f"unsur {code!r} tidak dikenal")
    return code in SKM_NEED_ELEMENTS and skm_element_index(average) < SKM_NEED_THRESHOLD


def _ikm(value: object) -> Fraction:
    number = _number(value, "IKM")
    if not _MIN_IKM <= number <= _MAX_IKM:
        raise ValueError(f"IKM {value!r} di luar 25–100")
    return number


def skm_unit_mean(period_ikms: Sequence[object]) -> Fraction:
    """One unit's IKM over several closed periods: the exact mean of their IKMs (not rounded —
    round only the final figure); no period raises ValueError."""
    if isinstance(period_ikms, str | bytes) or not isinstance(period_ikms, Sequence):
        raise ValueError("IKM periode harus berupa deret angka")
    if not period_ikms:
        raise ValueError("unit tanpa periode tertutup")
    values = [_ikm(v) for v in period_ikms]
    return sum(values, Fraction(0)) / len(values)


def skm_agency_index(period_ikms_by_unit: Mapping[_Unit, Sequence[object]]) -> Decimal:
    """An agency's IKM from its service units: per unit the mean of its closed periods' IKMs
    (:func:`skm_unit_mean`), then the mean over the units — each unit weighs the same however
    many periods it closed — rounded once to 2 decimals, half up. No unit raises ValueError."""
    if not period_ikms_by_unit:
        raise ValueError("belum ada unit dengan periode tertutup")
    means = [skm_unit_mean(ikms) for ikms in period_ikms_by_unit.values()]
    return _round(sum(means, Fraction(0)) / len(means))
