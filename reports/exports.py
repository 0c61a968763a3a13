"""The dashboard table as CSV and XLSX: the figures of fidelity_report (rates
as fractions), headed by the period and when they were computed.

Suppressed figures (reports.suppression) are written as the page shows them;
the files go through common.tabular, so no name becomes a formula."""

from django.utils import timezone
from django.utils.translation import gettext as _

from common.periods import Period
from common.tabular import XlsxWorkbook, csv_response
from reports.dashboard import SUPPRESSED_MARK, Freshness, Row
from reports.figures import employer_contacts_per_week
from reports.suppression import IN_WORK, ROW

COLUMNS = [
    "scope",
    "name",
    "fte",
    "caseload",
    "caseload_per_fte",
    "field_minutes",
    "logged_minutes",
    "field_share",
    "in_work_numerator",
    "in_work_denominator",
    "in_work_pending",
    "in_work_rate",
    "new_in_work",
    "new_in_work_target",
    "days_to_first_employer_contact",
    "employer_contacts",
    "employer_contacts_per_week",
]


def _values(row: Row) -> list:
    figures = row.figures
    if ROW in row.suppressed:
        return [row.scope, row.label] + [SUPPRESSED_MARK] * (len(COLUMNS) - 2)
    if figures is None:
        return [row.scope, row.label] + [None] * (len(COLUMNS) - 2)
    in_work = figures["in_work_within_year"]
    in_work_values = [in_work["numerator"], in_work["denominator"], in_work["pending"]]
    in_work_values.append(in_work["rate"])
    if IN_WORK in row.suppressed:
        in_work_values = [SUPPRESSED_MARK] * 4
    return [
        row.scope,
        row.label,
        figures["fte"],
        figures["caseload"],
        figures["caseload_per_fte"],
        figures["field_minutes"],
        figures["logged_minutes"],
        figures["field_share"],
        *in_work_values,
        figures["new_in_work"],
        figures["new_in_work_target"],
        figures["days_to_first_employer_contact"],
        figures["employer_contacts"],
        employer_contacts_per_week(figures),
    ]


def _heading(title: str, period: Period, freshness: Freshness) -> list[list]:
    computed = timezone.localtime(freshness.computed_at) if freshness.computed_at else None
    return [
        [title],
        [_("Period"), period.start.isoformat(), period.end.isoformat()],
        [_("As of"), freshness.as_of.isoformat() if freshness.as_of else ""],
        [
            _("Computed at"),
            computed.isoformat(timespec="seconds") if computed else "",
            _("computed live, not stored") if freshness.live else _("stored snapshot"),
        ],
        [],
    ]


def dashboard_csv(*, title, rows, period, freshness, filename):
    lines = [*_heading(title, period, freshness), COLUMNS, *map(_values, rows)]
    return csv_response(lines, filename=f"{filename}.csv")


def dashboard_xlsx(*, title, rows, period, freshness, filename):
    book = XlsxWorkbook()
    sheet = book.sheet(_("Fidelity"))
    for line in _heading(title, period, freshness):
        sheet.append(line)
    sheet.append(COLUMNS, bold=True)
    for row in rows:
        sheet.append(_values(row))
    sheet.column_width("B", 32)
    return book.response(filename=f"{filename}.xlsx")
