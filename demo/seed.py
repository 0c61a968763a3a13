"""A deterministic Norwegian demo service, for trying Trofast out and for load tests.

One random.Random(seed) drives every choice, so the same seed gives the same
people, dates and numbers (relative to the day it runs). The unit of the demo
is three teams in two offices with ten specialists, about 150 candidates and
18,000 activities over two years; `scale` repeats the unit over more teams
and offices rather than growing teams, and `history_years` adds years of
discharged enrollments before those two (without a contact log). Rows are built in memory and written
with bulk_create, a chunk of units at a time so memory stays bounded.
"""

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from candidates.models import (
    Disclosure,
    ProtectedAddress,
    VocationalProfile,
)
from demo import vocabulary as words
from demo.activities import activities_for
from demo.cases import Case, build_cases
from demo.people import ascii_lower, fnr_for, person_name, phone
from employers.models import ContactPerson, Employer, SubsidyRule
from ips.models import Office, Role, Team, User
from ips.validators import is_valid_orgnr

#: Shared by every demo user and printed by seed_demo; meets the password validators
#: (12+ characters, not common). Demo data only: a real deployment starts empty.
DEMO_PASSWORD = "Trofast-demo-2025"  # noqa: S105
BATCH_SIZE = 2000
UNITS_PER_CHUNK = 10
EMPLOYERS_PER_TEAM = 20

#: Per team of a unit: the FTE of each specialist.
TEAM_LAYOUT = ((1.0, 0.8, 0.6, 0.5), (1.0, 1.0, 0.6), (1.0, 0.8, 0.5))
#: Shuffled over a unit's specialists, so dashboards show some below and above the band.
CASELOADS_PER_FTE = (9, 11, 13, 14, 14, 15, 16, 17, 18, 22)
FIELD_SHARES = (0.5, 0.55, 0.58, 0.6, 0.63, 0.66, 0.68, 0.7, 0.72, 0.75)
JOB_RATES = (0.55, 0.6, 0.65, 0.7, 0.7, 0.75, 0.75, 0.8, 0.85, 0.9)

#: The first unit's people, with memorable usernames: (username, first, last).
FIRST_SPECIALISTS = (
    ("kari", "Kari", "Nordmann"), ("ola", "Ola", "Hansen"), ("nora", "Nora", "Berg"),
    ("jonas", "Jonas", "Lie"), ("ingrid", "Ingrid", "Dahl"), ("emil", "Emil", "Strand"),
    ("sara", "Sara", "Moen"), ("henrik", "Henrik", "Bakken"), ("maja", "Maja", "Solberg"),
    ("sindre", "Sindre", "Haugen"),
)  # fmt: skip
FIRST_LEADERS = (("lise", "Lise", "Lunde"), ("trond", "Trond", "Aas"), ("hilde", "Hilde", "Vik"))
FIRST_INTAKE_ADMINS = (("inger", "Inger", "Holm"), ("geir", "Geir", "Brekke"))
ANALYST = ("anders", "Anders", "Eide")
ADMIN = ("admin", "Ada", "Admin")
#: Who `seed_demo` prints, in this order.
LOGIN_USERNAMES = tuple(
    p[0] for p in (*FIRST_SPECIALISTS, *FIRST_LEADERS, *FIRST_INTAKE_ADMINS, ANALYST, ADMIN)
)


@dataclass
class Specialist:
    """A specialist and the habits that make their figures differ from the others'."""

    user: User
    team: Team
    caseload_per_fte: int
    field_share: float
    job_rate: float


@dataclass
class Unit:
    """Three teams, their specialists, the intake admin of each office and the employers."""

    teams: list[Team]
    specialists: list[Specialist]
    places: dict = field(default_factory=dict)  # team pk -> (postal code, city)
    intake_admins: dict = field(default_factory=dict)  # office pk -> User
    employers: dict = field(default_factory=dict)  # office pk -> [Employer]


def seed(*, seed: int = 1, scale: int = 1, history_years: int = 0) -> dict:
    """Create the demo in one transaction and return the number of rows per kind."""
    rng = random.Random(seed)
    today = timezone.localdate()
    counts = {}
    with transaction.atomic():
        units = build_organisation(rng, scale=scale, counts=counts)
        _create_subsidy_rules(counts)
        orgnrs = _orgnr_sequence(rng)
        fnrs = set()
        protected_pending = True
        for i in range(0, len(units), UNITS_PER_CHUNK):
            chunk = units[i : i + UNITS_PER_CHUNK]
            for unit in chunk:
                _create_employers(rng, unit, orgnrs, counts)
            cases = []
            for unit in chunk:
                cases.extend(build_cases(rng, today, unit, history_years))
            if protected_pending and cases:
                cases[0].candidate.protected_address = ProtectedAddress.STRICTLY_CONFIDENTIAL
                protected_pending = False
            _write_cases(rng, cases, fnrs, counts)
            _bulk(activities_for(rng, today, chunk, cases), counts)
    return counts


def demo_logins():
    """The demo users worth printing, in a fixed order."""
    users = User.objects.filter(username__in=LOGIN_USERNAMES).select_related("team", "office")
    order = {username: i for i, username in enumerate(LOGIN_USERNAMES)}
    return sorted(users, key=lambda u: order[u.username])


def _bulk(objects, counts):
    """Write any iterable of unsaved rows of one model in batches, without holding them all."""
    iterator = iter(objects)
    while batch := list(itertools.islice(iterator, BATCH_SIZE * 5)):
        model = type(batch[0])
        model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        counts[model.__name__] = counts.get(model.__name__, 0) + len(batch)


def _team_places(n: int):
    """(office name, team name, postal code, city) for n teams, walking through PLACES and
    numbering the offices on each further round."""
    flat = [(office, *team) for office, teams in words.PLACES for team in teams]
    result = []
    for i in range(n):
        office, team, postal_code, city = flat[i % len(flat)]
        round_ = i // len(flat)
        result.append((f"{office} {round_ + 1}" if round_ else office, team, postal_code, city))
    return result


def build_organisation(rng, *, scale, counts) -> list[Unit]:
    """Offices, teams and users; the first unit's people have fixed, memorable names."""
    password_hash = make_password(DEMO_PASSWORD)
    places = _team_places(3 * scale)
    offices = {}
    for office_name, *_ in places:
        offices.setdefault(office_name, Office(name=office_name))
    _bulk(offices.values(), counts)
    teams = [Team(office=offices[office], name=team) for office, team, _, _ in places]
    _bulk(teams, counts)

    taken = set(LOGIN_USERNAMES)
    users, leaders, units = [], [], []

    def user(person, role, *, team=None, office=None, fte=1.0):
        username, first, last = person
        if username is None:
            username = _free_username(ascii_lower(first), taken)
        fte = Decimal(str(fte))
        u = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.no",
            password=password_hash,
            role=role,
            team=team,
            office=team.office if team else office,
            fte=fte,
            caseload_cap=round(20 * fte),
        )
        users.append(u)
        return u

    def drawn():
        return (None, *person_name(rng))

    intake_admins = {}
    for number in range(scale):
        unit_teams = teams[3 * number : 3 * number + 3]
        unit = Unit(teams=unit_teams, specialists=[])
        habits = (CASELOADS_PER_FTE, FIELD_SHARES, JOB_RATES)
        profiles = list(zip(*(rng.sample(h, len(h)) for h in habits), strict=True))
        position = 0
        for t, (team, ftes) in enumerate(zip(unit_teams, TEAM_LAYOUT, strict=True)):
            unit.places[team.pk] = places[3 * number + t][2:]
            for fte in ftes:
                person = FIRST_SPECIALISTS[position] if number == 0 else drawn()
                caseload, field_share, job_rate = profiles[position]
                u = user(person, Role.SPECIALIST, team=team, fte=fte)
                unit.specialists.append(Specialist(u, team, caseload, field_share, job_rate))
                position += 1
            leader = user(FIRST_LEADERS[t] if number == 0 else drawn(), Role.TEAM_LEADER, team=team)
            leaders.append((team, leader))
            if team.office_id not in intake_admins:
                person = FIRST_INTAKE_ADMINS[len(intake_admins)] if number == 0 else drawn()
                intake_admins[team.office_id] = user(person, Role.INTAKE_ADMIN, office=team.office)
            unit.intake_admins[team.office_id] = intake_admins[team.office_id]
        units.append(unit)
    user(ANALYST, Role.ANALYST)
    admin = user(ADMIN, Role.INTAKE_ADMIN, office=teams[0].office)
    admin.is_staff = admin.is_superuser = True
    _bulk(users, counts)
    _bulk((Team.leaders.through(team_id=t.pk, user_id=u.pk) for t, u in leaders), counts)
    return units


def _free_username(base, taken):
    for n in itertools.count(2):
        username = f"{base}{n}"
        if username not in taken:
            taken.add(username)
            return username
    raise AssertionError("unreachable")


def _create_subsidy_rules(counts):
    rules = [
        SubsidyRule(kind="wage", valid_from=dt.date(2016, 1, 1), max_percent=60, max_months=12,
                    note="Midlertidig lønnstilskudd (demoverdi)"),
        SubsidyRule(kind="wage", valid_from=dt.date(2024, 7, 1), max_percent=60, max_months=36,
                    note="Lønnstilskudd etter forskriftsendring (demoverdi)"),
        SubsidyRule(kind="inclusion", valid_from=dt.date(2016, 1, 1),
                    max_amount=Decimal("150000"), note="Inkluderingstilskudd (demoverdi)"),
        SubsidyRule(kind="mentor", valid_from=dt.date(2016, 1, 1), max_months=6,
                    note="Mentortilskudd (demoverdi)"),
    ]  # fmt: skip
    _bulk(rules, counts)


def _orgnr_sequence(rng):
    """Valid, increasing (hence unique) organisasjonsnumre from 910 000 000 up."""
    base = 91000000
    while True:
        base += rng.randint(1, 400)
        for check in range(10):
            orgnr = f"{base:08d}{check}"
            if is_valid_orgnr(orgnr):
                yield orgnr
                break


def _create_employers(rng, unit, orgnrs, counts):
    """Employers of each team's town, shared by the office, with one or two contact persons."""
    employers, contacts = [], []
    for team in unit.teams:
        _, city = unit.places[team.pk]
        for _ in range(EMPLOYERS_PER_TEAM):
            industry, nouns, _titles = rng.choice(words.INDUSTRIES)
            prefix = rng.choice((city, rng.choice(words.LAST_NAMES)))
            employer = Employer(
                orgnr=next(orgnrs),
                name=f"{prefix} {rng.choice(nouns)} AS",
                industry=industry,
                office=team.office,
            )
            employers.append(employer)
            unit.employers.setdefault(team.office_id, []).append(employer)
            for _ in range(rng.choice((1, 1, 2))):
                first, last = person_name(rng)
                contacts.append(
                    ContactPerson(
                        employer=employer,
                        name=f"{first} {last}",
                        title=rng.choice(words.CONTACT_TITLES),
                        phone=phone(rng),
                        email=f"{ascii_lower(first)}.{ascii_lower(last)}@example.no",
                    )
                )
    _bulk(employers, counts)
    _bulk(contacts, counts)


def _write_cases(rng, cases: list[Case], fnrs, counts):
    """Candidates (with a profile once taken in), enrollments, assignments and placements."""
    candidates = {}
    for case in cases:
        candidates.setdefault(id(case.candidate), case.candidate)
    for candidate in candidates.values():
        if rng.random() < 1 / 3:
            candidate.fnr = fnr_for(rng, candidate.birth_date, fnrs)
    _bulk(candidates.values(), counts)
    taken_in = {id(c.candidate): c for c in cases if c.enrollment.intake_date}
    _bulk((_profile(rng, case) for case in taken_in.values()), counts)
    _bulk((case.enrollment for case in cases), counts)
    _bulk((a for case in cases for a in case.assignments), counts)
    _bulk((p for case in cases for p in case.placements), counts)


def _profile(rng, case):
    city = case.candidate.city
    treatment = f"{' '.join(person_name(rng))}, {rng.choice(words.TREATMENT_PLACES)} {city}"
    return VocationalProfile(
        candidate=case.candidate,
        job_preferences=", ".join(rng.sample(words.JOB_PREFERENCES, rng.randint(1, 3))),
        preferred_hours=rng.choice(words.PREFERRED_HOURS),
        preferred_places=rng.choice((city, "Nær hjemmet", f"{city} og omegn", "")),
        work_history=rng.choice(words.WORK_HISTORY),
        education=rng.choice(words.EDUCATION),
        strengths=rng.choice(words.STRENGTHS),
        support_needs=rng.choice(words.SUPPORT_NEEDS),
        disclosure=rng.choices(
            (Disclosure.FULL, Disclosure.PARTIAL, Disclosure.NONE, Disclosure.UNDECIDED),
            weights=(30, 30, 25, 15),
        )[0],
        benefits_counselling_done=rng.random() < 0.6,
        treatment_contact=treatment,
        nav_adviser=f"{' '.join(person_name(rng))}, NAV {city}",
    )
