"""NIP (Perka BKN 22/2007): parsing, validation, display, PPPK numbers and record checks."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier.rules import (
    InvalidNip,
    NipInfo,
    build_nip,
    check_nip_matches,
    format_nip,
    normalize_nip,
    parse_ni_pppk,
    parse_nip,
)


@pytest.mark.parametrize(
    ("nip", "birth", "tmt", "gender", "seq", "shown"),
    [
        # Perka BKN 22/2007 official example ("Amir"), research.md E4
        ("196608011988031001", date(1966, 8, 1), date(1988, 3, 1), "L", 1, "19660801 198803 1 001"),
        # research.md E5
        ("198609262015051001", date(1986, 9, 26), date(2015, 5, 1), "L", 1, "19860926 201505 1 001"),
        ("19900215 201903 2 123", date(1990, 2, 15), date(2019, 3, 1), "P", 123, "19900215 201903 2 123"),
    ],
)
def test_worked_examples(nip, birth, tmt, gender, seq, shown):
    info = parse_nip(nip)
    assert info == NipInfo(nip.replace(" ", ""), birth, tmt, gender, seq, ())
    assert info.formatted == shown
    assert format_nip(nip) == shown


def test_spaces_and_other_whitespace_are_ignored():
    assert parse_nip(" 19660801\t198803 1\n001 ").nip == "196608011988031001"


@pytest.mark.parametrize(
    ("nip", "part", "fragment"),
    [
        ("", "panjang", "kosong"),
        ("1966080119880310", "panjang", "16 angka"),
        ("1966080119880310011", "panjang", "19 angka"),
        ("19660801198803100A", "karakter", "hanya boleh berisi angka"),
        ("19660801-198803-1-001", "karakter", "hanya boleh berisi angka"),
        ("196613011988031001", "tanggal_lahir", "tanggal lahir"),
        ("196602301988031001", "tanggal_lahir", "19660230"),
        ("000001011988031001", "tanggal_lahir", "tanggal lahir"),
        ("196608011988001001", "tmt_cpns", "198800"),
        ("196608011988131001", "tmt_cpns", "bulan TMT CPNS"),
        ("196608010000031001", "tmt_cpns", "bulan TMT CPNS"),
        ("196608011966081001", "tmt_cpns", "sesudah tanggal lahir"),
        ("196608151966081001", "tmt_cpns", "sesudah tanggal lahir"),
        ("196608011960031001", "tmt_cpns", "sesudah tanggal lahir"),
        ("196608011988033001", "jenis_kelamin", "Angka ke-15"),
        ("196608011988030001", "jenis_kelamin", "1 (laki-laki) atau 2 (perempuan)"),
        ("196608011988031000", "nomor_urut", "000"),
    ],
)
def test_invalid_parts_are_named(nip, part, fragment):
    with pytest.raises(InvalidNip) as info:
        parse_nip(nip)
    assert isinstance(info.value, ValueError)
    assert info.value.part == part
    assert fragment in str(info.value)


def test_tmt_in_the_month_after_birth_is_accepted():
    assert parse_nip("196608311966091001").tmt_cpns == date(1966, 9, 1)


@pytest.mark.parametrize(
    ("nip", "warned"),
    [
        ("200001012018011001", False),  # exactly 18 on TMT
        ("200001022018011001", True),  # one day short of 18
        ("200001012015051001", True),
        ("198001012015051001", False),
    ],
)
def test_under_18_at_tmt_is_a_warning_not_an_error(nip, warned):
    info = parse_nip(nip)
    assert bool(info.warnings) is warned
    if warned:
        assert "kurang dari 18 tahun" in info.warnings[0]


def test_nip_as_printed_groups_a_valid_nip_and_keeps_a_malformed_one() -> None:
    from karier.rules import nip_as_printed

    assert nip_as_printed("196608011988031001") == "19660801 198803 1 001"
    assert nip_as_printed("12345") == "12345"


def test_format_nip_checks_length():
    with pytest.raises(InvalidNip):
        format_nip("12345")


def test_normalize_nip():
    assert normalize_nip("19660801 198803 1 001") == "196608011988031001"


def test_pppk_numbers_skip_date_checks():
    # The NI PPPK pattern is unconfirmed: only 18 digits are required.
    info = parse_ni_pppk("19850101 202321 2 001")
    assert info.number == "198501012023212001"
    assert info.formatted == "19850101 202321 2 001"
    with pytest.raises(InvalidNip):
        parse_nip("198501012023212001")  # month 21 is not valid for a PNS NIP
    assert parse_ni_pppk("000000000000000000").number == "0" * 18
    with pytest.raises(InvalidNip, match="18 angka"):
        parse_ni_pppk("1985010120232120")


def test_check_nip_matches():
    nip = "19660801 198803 1 001"
    assert check_nip_matches(nip, date(1966, 8, 1), "L") == []
    assert check_nip_matches(nip, None, None) == []
    problems = check_nip_matches(nip, date(1966, 1, 8), "P")
    assert problems == [
        "Tanggal lahir 08-01-1966 tidak sesuai dengan NIP (menurut NIP 01-08-1966).",
        "Jenis kelamin perempuan tidak sesuai dengan NIP (menurut NIP laki-laki).",
    ]
    assert check_nip_matches("19900215 201903 2 123", None, "L") == [
        "Jenis kelamin laki-laki tidak sesuai dengan NIP (menurut NIP perempuan)."
    ]
    with pytest.raises(ValueError, match="harus L atau P"):
        check_nip_matches(nip, None, "X")
    with pytest.raises(InvalidNip):
        check_nip_matches("123", None, None)


def test_build_nip():
    assert build_nip(date(1966, 8, 1), date(1988, 3, 17), "L", 1) == "196608011988031001"
    assert build_nip(date(1990, 2, 15), date(2019, 3, 1), "P", 999) == "199002152019032999"
    with pytest.raises(InvalidNip, match="harus L atau P"):
        build_nip(date(1966, 8, 1), date(1988, 3, 1), "W", 1)
    with pytest.raises(InvalidNip, match=r"1 s\.d\. 999"):
        build_nip(date(1966, 8, 1), date(1988, 3, 1), "L", 1000)
    with pytest.raises(InvalidNip, match=r"1 s\.d\. 999"):
        build_nip(date(1966, 8, 1), date(1988, 3, 1), "L", 0)
    with pytest.raises(InvalidNip):
        build_nip(date(1966, 8, 1), date(1966, 8, 1), "L", 1)


@st.composite
def nip_parts(draw):
    birth = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 31)))
    # TMT CPNS: any month whose first day is after the birth date.
    first = (birth.replace(day=1) + timedelta(days=32)).replace(day=1)
    months_later = draw(st.integers(min_value=0, max_value=12 * 60))
    y, m = divmod(first.year * 12 + first.month - 1 + months_later, 12)
    tmt = date(y, m + 1, 1)
    gender = draw(st.sampled_from(["L", "P"]))
    seq = draw(st.integers(min_value=1, max_value=999))
    return birth, tmt, gender, seq


@given(nip_parts())
def test_round_trip(parts):
    birth, tmt, gender, seq = parts
    # Built independently of the code under test.
    text = (
        f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{tmt.year:04d}{tmt.month:02d}"
        f"{'1' if gender == 'L' else '2'}{seq:03d}"
    )
    info = parse_nip(text)
    assert (info.birth_date, info.tmt_cpns, info.gender, info.sequence) == (birth, tmt, gender, seq)
    assert build_nip(birth, tmt, gender, seq) == text
    spaced = f"{text[:8]} {text[8:14]} {text[14]} {text[15:]}"
    assert format_nip(text) == spaced
    assert parse_nip(spaced) == info
    age = tmt.year - birth.year - ((tmt.month, tmt.day) < (birth.month, birth.day))
    assert bool(info.warnings) is (age < 18)
    assert check_nip_matches(text, birth, gender) == []


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_any_18_digits_parse_or_fail_with_a_named_part(text):
    try:
        info = parse_nip(text)
    except InvalidNip as exc:
        assert exc.part in {"tanggal_lahir", "tmt_cpns", "jenis_kelamin", "nomor_urut"}
    else:
        assert info.tmt_cpns > info.birth_date
        assert info.gender in {"L", "P"}
        assert 1 <= info.sequence <= 999
    assert parse_ni_pppk(text).number == text
