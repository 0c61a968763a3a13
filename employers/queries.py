"""Reads of employers and job starts: who may see which, the employer pages,
and the candidate file's jobs and timeline entries (registered in
EmployersConfig.ready()). The employer page shows what the apps above
register (`employer_section`): followup adds the contact log."""

import dataclasses
from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from candidates.casefile import FileSection, TimelineItem
from candidates.queries import enrollments_visible_to
from employers.models import ContactPerson, Employer, Placement
from employers.services import normalise_orgnr
from ips.models import Role


def placements_visible_to(user) -> QuerySet:
    """Job starts of the enrollments the user holds or leads. Intake admins
    and analysts see none."""
    if not user.is_authenticated or not user.is_active:
        return Placement.objects.none()
    if user.is_superuser:
        return Placement.objects.all()
    if user.role not in (Role.SPECIALIST, Role.TEAM_LEADER):
        return Placement.objects.none()
    return Placement.objects.filter(enrollment__in=enrollments_visible_to(user).values("pk"))


def employers_visible_to(user) -> QuerySet:
    """Employers are shared within an office; those without an office are
    shared by all. Analysts see none (contact persons are person data)."""
    if not user.is_authenticated or not user.is_active:
        return Employer.objects.none()
    if user.is_superuser:
        return Employer.objects.all()
    if user.role == Role.ANALYST or not user.office_id:
        return Employer.objects.none()
    return Employer.objects.filter(Q(office_id=user.office_id) | Q(office__isnull=True))


def contact_persons_visible_to(user) -> QuerySet:
    return ContactPerson.objects.filter(employer__in=employers_visible_to(user).values("pk"))


def _placements_of(user, candidate):
    return (
        placements_visible_to(user)
        .filter(enrollment__candidate=candidate)
        .select_related("employer")
    )


def job_entries(user, candidate, limit: int) -> list[TimelineItem]:
    """Job starts and ends of the candidate, for the timeline."""
    entries = []
    for placement in _placements_of(user, candidate).order_by("-start_date")[:limit]:
        created = placement.created_at.timestamp()
        entries.append(
            TimelineItem(
                "job_start",
                placement.start_date,
                (placement.start_date, created),
                placement,
                template="employers/_timeline_job_start.html",
            )
        )
        if placement.end_date:
            entries.append(
                TimelineItem(
                    "job_end",
                    placement.end_date,
                    (placement.end_date, created),
                    placement,
                    template="employers/_timeline_job_end.html",
                )
            )
    return entries


def _jobs_context(user, candidate) -> dict:
    return {"placements": _placements_of(user, candidate)}


JOBS_SECTION = FileSection("jobs", _("Jobs"), "employers/_file_jobs.html", _jobs_context)


# --- The employer's pages --------------------------------------------------------


def employers_matching(user, text: str) -> QuerySet:
    """The employers the user may see, by name or organisation number, A to Z."""
    employers = employers_visible_to(user).order_by("name")
    if text:
        employers = employers.filter(
            Q(name__icontains=text) | Q(orgnr__startswith=normalise_orgnr(text))
        )
    return employers


@dataclasses.dataclass(frozen=True)
class EmployerSection:
    """A part of the employer page an app above registers (the contact log):
    its anchor (`{key}-heading`), heading, partial, the rows it reads from
    (user, employer), and the candidate each row shows (or None), for the
    page's access entry."""

    key: str
    heading: str
    template: str
    rows: Callable[[object, Employer], list]
    candidate_of: Callable[[object], object]


_employer_sections: list[EmployerSection] = []


def employer_section(section: EmployerSection) -> None:
    if all(known.key != section.key for known in _employer_sections):
        _employer_sections.append(section)


@dataclasses.dataclass
class EmployerPage:
    employer: Employer
    contacts: list
    placements: list
    sections: list  # (EmployerSection, rows)

    @property
    def candidates(self) -> list:
        """Every candidate the page shows: the job starts' and the sections'."""
        shown = [placement.enrollment.candidate for placement in self.placements]
        for section, rows in self.sections:
            shown.extend(c for c in map(section.candidate_of, rows) if c is not None)
        return shown


def employer_page(user, employer: Employer) -> EmployerPage:
    """What the employer page shows the user: contact persons, the job starts
    there they may see, and the registered sections."""
    placements = list(
        placements_visible_to(user)
        .filter(employer=employer)
        .select_related("enrollment__candidate")
    )
    return EmployerPage(
        employer=employer,
        contacts=list(employer.contacts.all()),
        placements=placements,
        sections=[(section, section.rows(user, employer)) for section in _employer_sections],
    )
