"""One row of an import file: typed values read from its cells, and the
records it refers to, with a translated message for each problem found.

`importer/files.py` uses these to turn the rows of each file into service calls.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.services import normalise_orgnr
from importer.lookups import FINDERS, Ambiguous
from ips.models import Office

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
_YES = ("yes", "ja")
_NO = ("no", "nei")


class Row:
    """One data row: its cells by column, and the problems found in it."""

    def __init__(self, file: str, line: int, cells: dict[str, str]):
        self.file = file
        self.line = line
        self.cells = cells
        self.errors: list[str] = []
        #: True when the row depends on a file that could not be read: it is
        #: skipped without a message of its own, the file's error says why.
        self.skip = False

    def error(self, message: str) -> None:
        self.errors.append(message)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.skip

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.cells.get(column, "").strip()
        if required and not value:
            self.error(_("%(column)s: a value is required.") % {"column": column})
        return value

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(
                _("%(column)s: “%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01.")
                % {"column": column, "value": value}
            )
            return None

    def decimal(self, column: str, *, required: bool = False) -> Decimal | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.error(
                _("%(column)s: “%(value)s” is not a number.") % {"column": column, "value": value}
            )
            return None
        return number

    def integer(self, column: str, *, required: bool = False) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        if not _WHOLE_NUMBER.fullmatch(value):
            self.error(
                _("%(column)s: “%(value)s” is not a whole number.")
                % {"column": column, "value": value}
            )
            return None
        return int(value)

    def code(self, column: str, choices: list[str], *, required: bool = False) -> str:
        value = self.text(column, required=required).lower()
        if value and value not in choices:
            self.error(
                _("%(column)s: unknown code “%(value)s”; use one of %(choices)s.")
                % {"column": column, "value": value, "choices": ", ".join(choices)}
            )
            return ""
        return value

    def yes_no(self, column: str, *, required: bool = False) -> bool | None:
        value = self.text(column, required=required).lower()
        if not value:
            return None
        if value in _YES:
            return True
        if value in _NO:
            return False
        self.error(
            _("%(column)s: “%(value)s” is not yes or no.") % {"column": column, "value": value}
        )
        return None


_UNKNOWN = {
    "team": gettext_lazy("team: no team “%(value)s” in teams.csv or in Trofast."),
    "user": gettext_lazy("%(column)s: no user “%(value)s” in users.csv or in Trofast."),
    "employer": gettext_lazy(
        "%(column)s: no employer with organisasjonsnummer “%(value)s” in employers.csv or in "
        "Trofast."
    ),
    "candidate": gettext_lazy(
        "%(column)s: no candidate with ref “%(value)s” in candidates.csv or in Trofast."
    ),
    "enrollment": gettext_lazy(
        "%(column)s: no enrollment with ref “%(value)s” in enrollments.csv or in Trofast."
    ),
}

#: An import into one office: a record of another office is "not in this
#: office", the same words as for one that does not exist anywhere.
_UNKNOWN_IN_OFFICE = {
    "team": gettext_lazy("team: no team “%(value)s” in teams.csv or in this office."),
    "user": gettext_lazy("%(column)s: no user “%(value)s” in users.csv or in this office."),
    "employer": gettext_lazy(
        "%(column)s: no employer with organisasjonsnummer “%(value)s” in employers.csv or in "
        "this office."
    ),
    "candidate": gettext_lazy(
        "%(column)s: no candidate with ref “%(value)s” in candidates.csv or in this office."
    ),
    "enrollment": gettext_lazy(
        "%(column)s: no enrollment with ref “%(value)s” in enrollments.csv or in this office."
    ),
}

_SOURCE_FILE = {
    "team": "teams.csv",
    "user": "users.csv",
    "employer": "employers.csv",
    "candidate": "candidates.csv",
    "enrollment": "enrollments.csv",
}


@dataclass
class Context:
    """What the files of one import share: the office it imports into (None:
    every office, the operator's import), refs of rejected rows, files that
    could not be read, and the records already looked up."""

    office: Office | None = None
    rejected: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    skipped: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unreadable: set[str] = field(default_factory=set)
    cache: dict[tuple[str, str, str], Model | None] = field(default_factory=dict)
    activity_rows: Counter = field(default_factory=Counter)

    def reject(self, spec, row: Row) -> None:
        """Remember the refs of a rejected row so later files can name it, or
        of a skipped row so later files skip their rows that depend on it."""
        if spec.provides:
            refs = self.rejected if row.errors else self.skipped
            refs[spec.provides].update(spec.refs(row))

    def lookup(self, row: Row, column: str, kind: str):
        """The record of `kind` a row refers to by `column`, found within the
        import's office (`FINDERS`), or None with the reason on the row."""
        value = row.text(column)
        if kind == "employer":
            value = normalise_orgnr(value)
        if not value:
            return None
        if _SOURCE_FILE[kind] in self.unreadable or value in self.skipped[kind]:
            row.skip = True
            return None
        if value in self.rejected[kind]:
            row.error(
                _("%(column)s: “%(value)s” refers to a row of %(file)s that was rejected.")
                % {"column": column, "value": value, "file": _SOURCE_FILE[kind]}
            )
            return None
        # Cached per file: an earlier file's writes (an assignment giving an
        # enrollment and its candidate their office) are seen by the next one.
        key = (row.file, kind, value)
        if key not in self.cache:
            try:
                self.cache[key] = FINDERS[kind](value, self.office)
            except Ambiguous as error:
                row.error(f"{column}: {error.message}")
                return None
        found = self.cache[key]
        if found is None:
            unknown = _UNKNOWN_IN_OFFICE if self.office is not None else _UNKNOWN
            row.error(str(unknown[kind] % {"column": column, "value": value}))
        return found
