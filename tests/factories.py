"""factory-boy factories for every model."""

import datetime
import hashlib
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from candidates.models import (
    Assignment,
    Candidate,
    Enrollment,
    TransferMatch,
    TransferRequest,
    VocationalProfile,
)
from employers.models import ContactPerson, Employer, Placement, SubsidyRule
from followup.models import Activity
from ips.models import EnrolmentLink, Office, Role, Team, User
from ips.validators import is_valid_orgnr

PASSWORD = "correct-horse-battery-staple"
# Hashing with Argon2 on every factory call is slow; hash once.
_PASSWORD_HASH = make_password(PASSWORD)


def _orgnr(n: int) -> str:
    """The n-th valid organisasjonsnummer from 900000000 up."""
    base = 90000000 + n * 7
    while True:
        for check in range(10):
            candidate = f"{base:08d}{check}"
            if is_valid_orgnr(candidate):
                return candidate
        base += 1


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"NAV Office {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = _PASSWORD_HASH
    role = Role.SPECIALIST
    team = factory.SubFactory(TeamFactory)
    fte = Decimal("1.00")


class SpecialistFactory(UserFactory):
    role = Role.SPECIALIST


class TeamLeaderFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = Role.TEAM_LEADER

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and self.team_id:
            self.team.leaders.add(self)


class IntakeAdminFactory(UserFactory):
    role = Role.INTAKE_ADMIN
    team = None
    office = factory.SubFactory(OfficeFactory)


class AnalystFactory(UserFactory):
    role = Role.ANALYST
    team = None
    office = None


class EnrolmentLinkFactory(factory.django.DjangoModelFactory):
    """A valid one-time enrolment link; its address is /enrol/<token>/."""

    class Meta:
        model = EnrolmentLink
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"test-enrolment-token-{n}")
    user = factory.SubFactory(SpecialistFactory)
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + datetime.timedelta(hours=72))


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    birth_date = datetime.date(1990, 5, 17)
    phone = "41234567"
    address = "Storgata 1"
    postal_code = "3182"
    city = "Horten"


class VocationalProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VocationalProfile

    candidate = factory.SubFactory(CandidateFactory)
    job_preferences = "Lager, butikk"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory, office=factory.SelfAttribute("..office"))
    office = factory.SubFactory(OfficeFactory)
    referral_date = datetime.date(2025, 1, 6)
    intake_date = datetime.date(2025, 1, 13)

    @factory.post_generation
    def candidate_office(self, create, extracted, **kwargs):
        """A candidate not yet tied to an office belongs to the office of its
        first enrollment, as the referral and the import make it."""
        if create and self.candidate.office_id is None and self.office_id is not None:
            self.candidate.office_id = self.office_id
            # Not a change anyone made: no audit entry.
            Candidate.objects.filter(pk=self.candidate.pk).update(office_id=self.office_id)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    enrollment = factory.SubFactory(EnrollmentFactory)
    specialist = factory.SubFactory(SpecialistFactory)
    from_date = factory.LazyAttribute(
        lambda a: a.enrollment.intake_date or a.enrollment.referral_date
    )


class TransferRequestFactory(factory.django.DjangoModelFactory):
    """A pending request from the requesting record's office for `held_record`."""

    class Meta:
        model = TransferRequest

    held_record = factory.SubFactory(CandidateFactory)
    holding_office = factory.LazyAttribute(lambda t: t.held_record.office)
    requesting_record = factory.SubFactory(
        CandidateFactory,
        first_name=factory.SelfAttribute("..held_record.first_name"),
        last_name=factory.SelfAttribute("..held_record.last_name"),
        birth_date=factory.SelfAttribute("..held_record.birth_date"),
    )
    requesting_office = factory.LazyAttribute(lambda t: t.requesting_record.office)
    matched_by = TransferMatch.NAME_AND_BIRTH_DATE
    consent = True
    requested_by = factory.SubFactory(IntakeAdminFactory)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    orgnr = factory.Sequence(_orgnr)
    name = factory.Faker("company", locale="no_NO")
    industry = "Varehandel"
    office = factory.SubFactory(OfficeFactory)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Faker("name", locale="no_NO")
    phone = "33000000"


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    enrollment = factory.SubFactory(EnrollmentFactory)
    employer = factory.SubFactory(EmployerFactory)
    title = "Lagermedarbeider"
    start_date = datetime.date(2025, 3, 3)
    hours_per_week = Decimal("20.0")
    competitive = True


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    author = factory.SubFactory(SpecialistFactory)
    date = datetime.date(2025, 2, 3)
    minutes = 30
    mode = "in_person"
    location = "community"
    with_whom = "candidate"


class SubsidyRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyRule

    kind = "wage"
    valid_from = datetime.date(2024, 1, 1)
    max_percent = 60
    max_months = 12
