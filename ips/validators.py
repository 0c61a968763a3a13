"""Validators for Norwegian identifiers.

Fødselsnummer and D-nummer: 11 digits, DDMMYY + individual number + two
mod-11 check digits. From 2032 Skatteetaten issues numbers whose first check
digit may be any of four values, so both the old and the new rule are
accepted. Sex and century are never derived from the number; only the date
part is checked for plausibility.
"""

import calendar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def _weighted(digits, weights):
    return sum(d * w for d, w in zip(digits, weights, strict=False))


def _plausible_birth_date(day: int, month: int) -> bool:
    """Day and month of an fnr, D-nummer (day + 40), H-nummer (month + 40) or
    synthetic test number (month + 80). The century is unknown, so 29 February
    is allowed."""
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(2000, month)[1]


def is_valid_fnr(value: str) -> bool:
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    if not _plausible_birth_date(int(value[0:2]), int(value[2:4])):
        return False
    # Old rule: the weighted sum including K1 is divisible by 11. The 2032
    # rule allows a remainder of 0..3, which is K1 = (11 + r) - (sum mod 11).
    if (_weighted(digits[:9], _K1_WEIGHTS) + digits[9]) % 11 not in (0, 1, 2, 3):
        return False
    return (_weighted(digits[:10], _K2_WEIGHTS) + digits[10]) % 11 == 0


def validate_fnr(value: str) -> None:
    if not (len(value) == 11 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("A fødselsnummer or D-nummer has exactly 11 digits."), code="fnr_format"
        )
    if not is_valid_fnr(value):
        raise ValidationError(
            _("This is not a valid fødselsnummer or D-nummer: check the digits."),
            code="fnr_invalid",
        )


def is_valid_orgnr(value: str) -> bool:
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    check = 11 - _weighted(digits[:8], _ORGNR_WEIGHTS) % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[8]


def validate_orgnr(value: str) -> None:
    if not (len(value) == 9 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("An organisasjonsnummer has exactly 9 digits."), code="orgnr_format"
        )
    if not is_valid_orgnr(value):
        raise ValidationError(
            _("This is not a valid organisasjonsnummer: check the digits."),
            code="orgnr_invalid",
        )
