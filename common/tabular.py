"""Every CSV and XLSX file Trofast writes is written here, one way.

A spreadsheet takes a text cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab, carriage return or NUL) for a formula: a person named
``=HYPERLINK("http://x", "y")`` would become a live link in the reader's
Excel ("CSV injection", OWASP; ASVS 5.0 requirement 1.2.10). So every text
cell starting with one of those (also after leading spaces) gets a single
quote in front, which spreadsheets read as "this is text". Numbers (int,
float, Decimal), booleans, dates and times keep their type: a negative number
stays a number, a date stays a date.

Nothing else in the project calls ``csv.writer`` or ``openpyxl.Workbook``
(tests/common/test_tabular.py greps for it).

The CSV flavour is a small value, `CsvDialect`, so that the Norwegian Excel
flavour (byte order mark, semicolons, decimal commas) can be added as one
more instance: `CsvDialect.text` is the one place that turns a value into
CSV text.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

#: A text cell starting with one of these is read as a formula (OWASP, ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")

#: Values written as they are: the spreadsheet's own types.
TYPED = (bool, int, float, Decimal, datetime.date, datetime.time)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralised(text: str) -> str:
    """`text` with a single quote in front when a spreadsheet would run it."""
    if text.startswith(FORMULA_STARTS) or text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def cell_value(value):
    """What a cell holds: None, a number, a date or time, or neutralised text
    (anything else, lazy translations and model instances included, as text)."""
    if value is None or isinstance(value, TYPED):
        return value
    return neutralised(str(value))


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- CSV ---------------------------------------------------------------------


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file is spelt. The default is RFC 4180 (comma, CRLF)."""

    delimiter: str = ","
    lineterminator: str = "\r\n"

    def text(self, value) -> str:
        """One cell as CSV text: empty for None, ISO 8601 for dates and times."""
        value = cell_value(value)
        if value is None:
            return ""
        if isinstance(value, datetime.date | datetime.time):
            return value.isoformat()
        return str(value)


CSV = CsvDialect()
#: Lines ending in a bare newline, as a command's standard output does.
CSV_UNIX = CsvDialect(lineterminator="\n")


class CsvWriter:
    """Writes rows of values to a text stream (a file, `self.stdout`, a response)."""

    def __init__(self, out, *, dialect: CsvDialect = CSV):
        self.dialect = dialect
        self._writer = csv.writer(
            out, delimiter=dialect.delimiter, lineterminator=dialect.lineterminator
        )

    def writerow(self, values: Iterable) -> None:
        self._writer.writerow([self.dialect.text(value) for value in values])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for values in rows:
            self.writerow(values)


def csv_response(rows: Iterable[Iterable], *, filename: str, dialect: CsvDialect = CSV):
    """A CSV download of `rows` named `filename` (with its .csv)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    CsvWriter(response, dialect=dialect).writerows(rows)
    return _attachment(response, filename)


# --- XLSX --------------------------------------------------------------------


def _xlsx_value(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: the local time, as the reader would write it.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, TYPED) or value is None:
        return value
    # Control characters cannot be stored in the file's XML at all.
    return cell_value(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


class XlsxSheet:
    def __init__(self, worksheet):
        self._sheet = worksheet
        self._row = 0

    def append(self, values: Iterable, *, bold: bool = False) -> None:
        """One row below the last; an empty `values` leaves an empty row."""
        self._row += 1
        for column, value in enumerate(values, start=1):
            cell = self._sheet.cell(row=self._row, column=column, value=_xlsx_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula or an error code
            if bold:
                cell.font = Font(bold=True)

    def column_width(self, letter: str, width: float) -> None:
        self._sheet.column_dimensions[letter].width = width


class XlsxWorkbook:
    """A workbook of sheets, written as one XLSX file."""

    def __init__(self):
        self._book = Workbook()
        self._book.remove(self._book.active)

    def sheet(self, title: str) -> XlsxSheet:
        # Sheet names: at most 31 characters, none of []:*?/\ (Excel's rule).
        safe = "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31]
        return XlsxSheet(self._book.create_sheet(safe or "Sheet"))

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()

    def response(self, *, filename: str) -> HttpResponse:
        """The workbook as a download named `filename` (with its .xlsx)."""
        return _attachment(HttpResponse(self.content(), content_type=XLSX_CONTENT_TYPE), filename)
