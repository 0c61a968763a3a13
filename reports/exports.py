"""The exports of the figures: one layout for every file.

The dashboards' CSV and XLSX and `fidelity_report --format csv` write the
same columns for the figures (`reports.figures.export_columns`: FTE, then
each figure's columns), holding the report's own numbers (rates as
fractions, empty for no data); a file adds only what identifies its rows
(the dashboards: scope and name; the command: scope, name, team, office).

On the dashboards' files suppressed figures (reports.suppression) are written
as the page shows them, headed by the period and when they were computed.
The files go through common.tabular, so no name becomes a formula."""

from django.utils import timezone
from django.utils.translation import gettext as _

from common.periods import Period
from common.tabular import XlsxWorkbook, csv_response
from reports.dashboard import SUPPRESSED_MARK, Freshness, Row
from reports.figures import Figure, export_columns
from reports.suppression import ROW


def figure_columns() -> list[str]:
    """The headers of the figures' columns."""
    return [column.name for _figure, column in export_columns()]


def figure_values(figures: dict | None, hides=lambda figure: False) -> list:
    """A row's values in the figures' columns; None where the row has no
    figures; the mark where `hides(figure)` (a column of no figure, FTE: where
    `hides(None)`)."""
    return [
        SUPPRESSED_MARK if hides(figure) else None if figures is None else column.value(figures)
        for figure, column in export_columns()
    ]


def dashboard_columns() -> list[str]:
    """The dashboards' files: what names the row, then the figures."""
    return ["scope", "name", *figure_columns()]


def _values(row: Row) -> list:
    def hides(figure: Figure | None) -> bool:
        return ROW in row.suppressed if figure is None else row.hides(figure)

    return [row.scope, row.label, *figure_values(row.figures, hides)]


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
    lines = [*_heading(title, period, freshness), dashboard_columns(), *map(_values, rows)]
    return csv_response(lines, filename=f"{filename}.csv")


def dashboard_xlsx(*, title, rows, period, freshness, filename):
    book = XlsxWorkbook()
    sheet = book.sheet(_("Fidelity"))
    for line in _heading(title, period, freshness):
        sheet.append(line)
    sheet.append(dashboard_columns(), bold=True)
    for row in rows:
        sheet.append(_values(row))
    sheet.column_width("B", 32)
    return book.response(filename=f"{filename}.xlsx")
