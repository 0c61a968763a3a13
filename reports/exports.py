"""The dashboard table as CSV and XLSX: the figures of fidelity_report (rates
as fractions), headed by the period and when they were computed."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.dashboard import SUPPRESSED, Freshness, Row, employer_contacts_per_week

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
SUPPRESSED_MARK = "<5"


def _values(row: Row) -> list:
    figures = row.figures
    if figures is None:
        return [row.scope, row.label] + [None] * (len(COLUMNS) - 2)
    statuses = {cell.metric.key: cell.status for cell in row.cells}
    if all(status == SUPPRESSED for status in statuses.values()):
        return [row.scope, row.label] + [SUPPRESSED_MARK] * (len(COLUMNS) - 2)
    in_work = figures["in_work_within_year"]
    in_work_values = [in_work["numerator"], in_work["denominator"], in_work["pending"]]
    in_work_values.append(in_work["rate"])
    if statuses.get("in_work") == SUPPRESSED:
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


def _heading(title: str, start, end, freshness: Freshness) -> list[list]:
    computed = timezone.localtime(freshness.computed_at) if freshness.computed_at else None
    return [
        [title],
        [_("Period"), start.isoformat(), end.isoformat()],
        [_("As of"), freshness.as_of.isoformat() if freshness.as_of else ""],
        [
            _("Computed at"),
            computed.isoformat(timespec="seconds") if computed else "",
            _("computed live, not stored") if freshness.live else _("stored snapshot"),
        ],
        [],
    ]


def csv_response(*, title, rows, start, end, freshness, filename) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_heading(title, start, end, freshness))
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if value is None else value for value in _values(row)])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, title, rows, start, end, freshness, filename) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Fidelity")[:31]
    for line in _heading(title, start, end, freshness):
        sheet.append(line)
    sheet.append(COLUMNS)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_values(row))
    sheet.column_dimensions["B"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
