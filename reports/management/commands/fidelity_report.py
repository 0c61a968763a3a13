"""Print the fidelity report (the contract is docs/fidelity-report.md)."""

import json

from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from common.commands import TrofastCommand, iso_date
from common.tabular import CSV_UNIX, CsvWriter
from reports.exports import figure_columns, figure_values
from reports.models import Scope
from reports.report import fidelity_report, scoped_rows

#: What names a row, before the figures' columns (reports.exports): the
#: columns of the CSV are a published contract, extended, never renamed.
ROW_COLUMNS = ["scope", "name", "team", "office"]


#: How each scope's rows are named: (name, team, office).
_NAMES = {
    Scope.SPECIALIST.value: lambda row: (row["username"], row["team"], None),
    Scope.TEAM.value: lambda row: (row["name"], row["name"], row["office"]),
    Scope.OFFICE.value: lambda row: (row["name"], None, row["name"]),
    Scope.TOTAL.value: lambda row: ("", None, None),
}


def _rows(report: dict):
    """(scope, name, team, office, figures) for every row, specialists first."""
    for scope, _scope_id, row in scoped_rows(report):
        yield scope, *_NAMES[scope](row), row


class Command(TrofastCommand):
    help = _("Print the fidelity figures per specialist, team, office and in total.")

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, type=iso_date, help=_("YYYY-MM-DD"))
        parser.add_argument("--end", required=True, type=iso_date, help=_("YYYY-MM-DD"))
        parser.add_argument(
            "--as-of", type=iso_date, default=None, help=_("YYYY-MM-DD, default today")
        )
        parser.add_argument("--format", choices=["json", "csv", "table"], default="table")

    def handle(self, *args, start, end, as_of, format, **options):
        if end < start:
            raise CommandError(_("The end date is before the start date."))
        report = fidelity_report(start, end, as_of or timezone.localdate())
        if format == "json":
            self.stdout.write(
                json.dumps(report, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
            )
        elif format == "csv":
            writer = CsvWriter(self.stdout, dialect=CSV_UNIX)
            writer.writerow([*ROW_COLUMNS, *figure_columns()])
            for scope, name, team, office, figures in _rows(report):
                writer.writerow([scope, name, team, office, *figure_values(figures)])
        else:
            self._table(report)

    def _table(self, report: dict) -> None:
        no_data = _("no data")

        def show(value, percent=False):
            if value is None:
                return no_data
            if percent:
                return f"{value * 100:.1f} %"
            return str(value)

        headers = [
            _("Scope"),
            _("Name"),
            _("FTE"),
            _("Caseload"),
            _("per FTE"),
            _("Field share"),
            _("In work ≤ 1 year"),
            _("Pending"),
            _("New in work"),
            _("Employer contacts/week"),
        ]
        scope_names = {
            "specialist": _("Specialist"),
            "team": _("Team"),
            "office": _("Office"),
            "total": _("Total"),
        }
        lines = []
        for scope, name, _team, _office, figures in _rows(report):
            in_work = figures["in_work_within_year"]
            lines.append(
                [
                    scope_names[scope],
                    name,
                    show(figures["fte"]),
                    show(figures["caseload"]),
                    show(figures["caseload_per_fte"]),
                    show(figures["field_share"], percent=True),
                    f"{in_work['numerator']}/{in_work['denominator']} "
                    f"({show(in_work['rate'], percent=True)})",
                    show(in_work["pending"]),
                    show(figures["new_in_work"]),
                    show(figures["employer_contacts_per_week"]),
                ]
            )
        widths = [max(len(str(c)) for c in column) for column in zip(headers, *lines, strict=False)]
        title = _("Fidelity report %(start)s – %(end)s, as of %(as_of)s") % report
        self.stdout.write(title)
        for line in [headers, *lines]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)))
