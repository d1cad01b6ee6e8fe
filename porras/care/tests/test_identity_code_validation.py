"""The Finnish personal identity code: format, date, century sign, individual number, checksum.

Expected check characters are worked by hand: 131052-308T is DVV's published example
(131052308 mod 31 = 25 → T); 010101123 mod 31 = 21 → N.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from porras.care.domain.identity_code import (
    CENTURY_SIGNS,
    IdentityCodeError,
    check_character,
    parse_identity_code,
)


def test_it_accepts_the_published_example_code() -> None:
    code = parse_identity_code("131052-308T")
    assert code.birth_date == dt.date(1952, 10, 13)
    assert code.sex == "female"  # 308 is even
    assert not code.temporary


@pytest.mark.parametrize("sign", ["Y", "X", "W", "V", "U"])
def test_it_accepts_the_2023_century_signs_of_the_1900s(sign: str) -> None:
    assert parse_identity_code(f"131052{sign}308T").birth_year == 1952


@pytest.mark.parametrize("sign,year", [("A", 2001), ("B", 2001), ("C", 2001), ("D", 2001), ("E", 2001), ("F", 2001),
                                       ("+", 1801)])
def test_it_reads_the_century_from_the_sign(sign: str, year: int) -> None:
    code = parse_identity_code(f"010101{sign}123N")
    assert code.birth_year == year
    assert code.sex == "male"  # 123 is odd


def test_lower_case_and_surrounding_spaces_are_accepted() -> None:
    assert parse_identity_code(" 010101a123n ").birth_year == 2001


def test_a_wrong_check_character_is_reported_as_a_checksum_error() -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code("131052-308U")
    assert caught.value.part == "checksum"


def test_an_impossible_date_is_reported_as_a_date_error() -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code("310252-308T")  # 31 February
    assert caught.value.part == "date"


def test_the_29th_of_february_is_a_date_only_in_a_leap_year() -> None:
    # 290200123 mod 31 = 9 → "9"; 2000 is a leap year, 2001 is not
    assert parse_identity_code("290200A1239").birth_date == dt.date(2000, 2, 29)
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code("290201A1239")
    assert caught.value.part == "date"


@pytest.mark.parametrize("sign", ["G", "Z", "*", "1"])
def test_an_unknown_century_sign_is_reported(sign: str) -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code(f"131052{sign}308T")
    assert caught.value.part == "century_sign"


@pytest.mark.parametrize("value", ["", "131052-308", "131052-308TT", "13105X-308T", "131052-3O8T"])
def test_a_malformed_code_is_reported_as_a_format_error(value: str) -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code(value)
    assert caught.value.part == "format"


def test_individual_numbers_000_and_001_are_refused() -> None:
    # 131052001 mod 31 = 28 → W
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code("131052-001W")
    assert caught.value.part == "individual_number"


def test_individual_numbers_from_900_are_temporary_codes() -> None:
    # 131052900 mod 31 = 28 → W
    assert parse_identity_code("131052-900W").temporary


def test_an_error_message_never_repeats_the_code() -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code("131052-308U")
    assert "131052" not in str(caught.value)
    assert "131052" not in repr(parse_identity_code("131052-308T"))


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(2, 999),
       st.sampled_from(sorted(CENTURY_SIGNS)))
def test_every_code_with_its_check_character_is_valid_and_any_other_character_is_not(
    birth: dt.date, individual: int, sign: str
) -> None:
    if CENTURY_SIGNS[sign] != birth.year // 100 * 100:
        return
    digits = f"{birth:%d%m}{birth.year % 100:02d}{individual:03d}"
    good = check_character(digits)
    code = f"{digits[:6]}{sign}{digits[6:]}{good}"
    assert parse_identity_code(code).birth_date == birth
    wrong = "X" if good != "X" else "Y"
    with pytest.raises(IdentityCodeError):
        parse_identity_code(code[:-1] + wrong)
