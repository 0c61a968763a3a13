"""Made-up Norwegian people for the demo: names, phone numbers, addresses, fødselsnumre."""

import datetime as dt

from candidates.models import Candidate
from demo import vocabulary as words
from ips.validators import is_valid_fnr

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ü": "u", "é": "e"})


def ascii_lower(name: str) -> str:
    """A name as it can appear in a username or an e-mail address."""
    return name.lower().translate(_ASCII).replace(" ", "")


def person_name(rng) -> tuple[str, str]:
    return rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)


def phone(rng) -> str:
    """A Norwegian mobile number: eight digits starting with 4 or 9."""
    return f"{rng.choice('49')}{rng.randrange(10**7):07d}"


def fnr_for(rng, birth_date: dt.date, taken: set) -> str:
    """A valid, unused synthetic fødselsnummer for the birth date.

    Synthetic test numbers add 80 to the month, as in Skatteetaten's test
    population, so a demo database never holds a real person's number."""
    century_range = (0, 500) if birth_date.year < 2000 else (500, 1000)
    stem = f"{birth_date:%d}{birth_date.month + 80:02d}{birth_date:%y}"
    while True:
        digits = [int(c) for c in f"{stem}{rng.randrange(*century_range):03d}"]
        k1 = _check_digit(digits, _K1_WEIGHTS)
        if k1 is None:
            continue
        k2 = _check_digit([*digits, k1], _K2_WEIGHTS)
        if k2 is None:
            continue
        fnr = "".join(map(str, [*digits, k1, k2]))
        if fnr not in taken and is_valid_fnr(fnr):
            taken.add(fnr)
            return fnr


def _check_digit(digits, weights):
    check = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def candidate(rng, today: dt.date, postal_code: str, city: str) -> Candidate:
    """An unsaved candidate aged 18 to 64, most of them young, living in the team's town."""
    first, last = person_name(rng)
    age_in_days = int(rng.triangular(18.01, 63.99, 26) * 365.25)
    email = f"{ascii_lower(first)}.{ascii_lower(last)}{rng.randint(1, 99)}@example.no"
    return Candidate(
        first_name=first,
        last_name=last,
        birth_date=today - dt.timedelta(days=age_in_days),
        phone=phone(rng),
        email=email if rng.random() < 0.4 else "",
        address=f"{rng.choice(words.STREETS)} {rng.randint(1, 120)}",
        postal_code=postal_code,
        city=city,
    )
