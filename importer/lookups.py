"""The records an import row may refer to, within the import's office.

Every reference in an import file (a team, a username, an
organisasjonsnummer, a candidate's or an enrollment's ref) is looked up here
and nowhere else, through `FINDERS`, so no file can forget the office
boundary: an import into an office reaches only that office's records (and
the employers shared by all offices). A record of another office is not
found, and the row gets the same message as for one that does not exist.
Without an office (the operator's command line) every office is searched.
"""

from collections.abc import Callable

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from candidates.models import Candidate, Enrollment
from employers.models import Employer
from ips.models import Office, Team, User


class Ambiguous(Exception):
    """A reference that matches several records; the message says how to tell
    them apart."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _single(records: QuerySet, value: str) -> Model | None:
    """The one record found without an office, where refs are unique only
    within an office."""
    found = list(records[:2])
    if len(found) > 1:
        raise Ambiguous(
            _("“%(value)s” is used by several offices: import into one office.") % {"value": value}
        )
    return found[0] if found else None


def find_team(value: str, office: Office | None) -> Team | None:
    """A team by name, or by “office / team” where several offices have one by that name."""
    teams = Team.objects.select_related("office")
    if office is not None:
        teams = teams.filter(office=office)
    if "/" in value:
        office_name, name = (part.strip() for part in value.rsplit("/", 1))
        return teams.filter(office__name=office_name, name=name).first()
    found = list(teams.filter(name=value))
    if len(found) > 1:
        raise Ambiguous(
            _(
                "there is a team “%(value)s” in several offices (%(offices)s); "
                "write it as “office / team”."
            )
            % {"value": value, "offices": ", ".join(team.office.name for team in found)}
        )
    return found[0] if found else None


def find_user(username: str, office: Office | None) -> User | None:
    users = User.objects.filter(username=username)
    if office is not None:
        users = users.filter(office=office)
    return users.first()


def find_employer(orgnr: str, office: Office | None) -> Employer | None:
    employers = Employer.objects.filter(orgnr=orgnr)
    if office is not None:
        employers = employers.filter(Q(office=office) | Q(office__isnull=True))
    return employers.first()


def find_candidate(ref: str, office: Office | None) -> Candidate | None:
    candidates = Candidate.objects.filter(ref=ref)
    if office is not None:
        return candidates.filter(office=office).first()
    return _single(candidates, ref)


def find_enrollment(ref: str, office: Office | None) -> Enrollment | None:
    enrollments = Enrollment.objects.select_related("candidate").filter(ref=ref)
    if office is not None:
        return enrollments.filter(office=office, candidate__office=office).first()
    return _single(enrollments, ref)


#: Kind of record -> how a reference to it is found within an office.
FINDERS: dict[str, Callable[[str, Office | None], Model | None]] = {
    "team": find_team,
    "user": find_user,
    "employer": find_employer,
    "candidate": find_candidate,
    "enrollment": find_enrollment,
}
