"""Fødselsnummer, D-nummer and organisasjonsnummer: the vectors of docs/domain.md ("Identifiers") and the edge cases.

The English messages are asserted under override("en"). The nb catalogue is
built by the lead at the end, so under override("nb") only the error code is
asserted: the user still gets a refusal with the right meaning.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from ips.validators import is_valid_fnr, is_valid_orgnr, validate_fnr, validate_orgnr

FNR_FORMAT_MESSAGE = "A fødselsnummer or D-nummer has exactly 11 digits."
FNR_INVALID_MESSAGE = "This is not a valid fødselsnummer or D-nummer: check the digits."
ORGNR_FORMAT_MESSAGE = "An organisasjonsnummer has exactly 9 digits."
ORGNR_INVALID_MESSAGE = "This is not a valid organisasjonsnummer: check the digits."


def _mod11(digits, weights):
    """The classic check digit, or None when the remainder gives 10 (never issued)."""
    check = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    check = 0 if check == 11 else check
    return None if check == 10 else check


def fnr_with_check_digits(ddmmyy: str) -> str:
    """An 11-digit number for this date part whose check digits are right under
    the old rule, whatever the date: so a refusal can only come from the date."""
    for individual in range(100, 1000):
        digits = [int(c) for c in f"{ddmmyy}{individual:03d}"]
        k1 = _mod11(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if k1 is None:
            continue
        k2 = _mod11([*digits, k1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k2 is None:
            continue
        return "".join(map(str, digits)) + f"{k1}{k2}"
    raise AssertionError(f"no number found for {ddmmyy}")


def refusal(validator, value):
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value


# Fødselsnummer and D-nummer


@pytest.mark.parametrize(
    "fnr",
    [
        pytest.param("15108695088", id="ordinary"),
        pytest.param("01010750160", id="ordinary-2"),
        pytest.param("68467038838", id="d-and-h-number"),
        pytest.param("15108695096", id="2032-rule-only"),
    ],
)
def test_it_accepts_the_valid_fnr_vectors(fnr):
    validate_fnr(fnr)
    assert is_valid_fnr(fnr)


@pytest.mark.parametrize("fnr", ["15108695077", "12345678910"])
def test_it_refuses_the_invalid_fnr_vectors(fnr):
    assert not is_valid_fnr(fnr)
    assert refusal(validate_fnr, fnr).code == "fnr_invalid"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("1510869508", id="10-digits"),
        pytest.param("151086950880", id="12-digits"),
        pytest.param("", id="empty"),
        pytest.param("15108A95088", id="letter"),
        pytest.param("151086 9508", id="space"),
        pytest.param("151086-9508", id="dash"),
        pytest.param("１５１０８６９５０８８", id="full-width-digits"),
    ],
)
def test_it_refuses_an_fnr_that_is_not_11_plain_digits(value):
    assert not is_valid_fnr(value)
    assert refusal(validate_fnr, value).code == "fnr_format"


@pytest.mark.parametrize(
    "ddmmyy",
    [
        pytest.param("320186", id="day-32"),
        pytest.param("000186", id="day-0"),
        pytest.param("151386", id="month-13"),
        pytest.param("150086", id="month-0"),
        pytest.param("310486", id="31-april"),
        pytest.param("300286", id="30-february"),
        pytest.param("720186", id="d-number-day-32"),
        pytest.param("155386", id="h-number-month-13"),
        pytest.param("159386", id="synthetic-month-13"),
    ],
)
def test_it_refuses_an_fnr_with_an_impossible_date_even_with_right_check_digits(ddmmyy):
    fnr = fnr_with_check_digits(ddmmyy)
    assert refusal(validate_fnr, fnr).code == "fnr_invalid"


@pytest.mark.parametrize(
    "ddmmyy",
    [
        pytest.param("150186", id="ordinary"),
        pytest.param("290200", id="29-february"),
        pytest.param("310186", id="31-january"),
        pytest.param("550186", id="d-number"),
        pytest.param("154586", id="h-number"),
        pytest.param("158586", id="synthetic-test-number"),
    ],
)
def test_it_accepts_a_plausible_date_with_right_check_digits(ddmmyy):
    validate_fnr(fnr_with_check_digits(ddmmyy))


def test_it_refuses_a_wrong_second_check_digit():
    assert refusal(validate_fnr, "15108695089").code == "fnr_invalid"


def test_it_explains_a_wrong_length_in_english():
    with override("en"):
        assert refusal(validate_fnr, "1510869508").messages == [FNR_FORMAT_MESSAGE]


def test_it_explains_wrong_check_digits_in_english():
    with override("en"):
        assert refusal(validate_fnr, "15108695077").messages == [FNR_INVALID_MESSAGE]


def test_it_refuses_a_wrong_length_in_norwegian_with_the_format_code():
    with override("nb"):
        error = refusal(validate_fnr, "1510869508")
    assert error.code == "fnr_format"
    assert error.messages[0]


def test_it_refuses_wrong_check_digits_in_norwegian_with_the_invalid_code():
    with override("nb"):
        error = refusal(validate_fnr, "15108695077")
    assert error.code == "fnr_invalid"
    assert error.messages[0]


# Organisasjonsnummer


@pytest.mark.parametrize("orgnr", ["123456785", "988077917"])
def test_it_accepts_the_valid_orgnr_vectors(orgnr):
    validate_orgnr(orgnr)
    assert is_valid_orgnr(orgnr)


def test_it_refuses_the_invalid_orgnr_vector():
    assert not is_valid_orgnr("988077918")
    assert refusal(validate_orgnr, "988077918").code == "orgnr_invalid"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("98807791", id="8-digits"),
        pytest.param("9880779170", id="10-digits"),
        pytest.param("", id="empty"),
        pytest.param("98807791X", id="letter"),
        pytest.param("988 077 917", id="spaces"),
    ],
)
def test_it_refuses_an_orgnr_that_is_not_9_plain_digits(value):
    assert not is_valid_orgnr(value)
    assert refusal(validate_orgnr, value).code == "orgnr_format"


def test_it_refuses_every_orgnr_whose_check_digit_would_be_10():
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = next(
        f"{n:08d}"
        for n in range(10000000, 10001000)
        if _mod11([int(c) for c in f"{n:08d}"], weights) is None
    )
    for check in range(10):
        assert refusal(validate_orgnr, f"{base}{check}").code == "orgnr_invalid"


def test_it_explains_a_wrong_orgnr_length_in_english():
    with override("en"):
        assert refusal(validate_orgnr, "98807791").messages == [ORGNR_FORMAT_MESSAGE]


def test_it_explains_a_wrong_orgnr_check_digit_in_english():
    with override("en"):
        assert refusal(validate_orgnr, "988077918").messages == [ORGNR_INVALID_MESSAGE]


def test_it_refuses_a_wrong_orgnr_in_norwegian_with_the_invalid_code():
    with override("nb"):
        error = refusal(validate_orgnr, "988077918")
    assert error.code == "orgnr_invalid"
    assert error.messages[0]
