"""The one CSV and XLSX writer: no cell becomes a formula, numbers and dates
keep their type, and nothing else in the project writes such files."""

import ast
import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from common.tabular import CSV, CsvWriter, XlsxWorkbook, csv_response, neutralised
from tests.common.formulas import FORMULAS as NAMED

FORMULAS = [*NAMED, "\r=1", "\0=1", "  =1+1"]

ROOT = Path(__file__).resolve().parents[2]


def csv_cells(*values) -> list[str]:
    out = io.StringIO()
    CsvWriter(out).writerow(values)
    (row,) = csv.reader(io.StringIO(out.getvalue()))
    return row


def xlsx_cells(*values):
    book = XlsxWorkbook()
    book.sheet("Test").append(values)
    return list(next(load_workbook(io.BytesIO(book.content())).active.iter_rows()))


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_a_spreadsheet_would_run_gets_a_quote_in_csv(text):
    assert csv_cells(text) == ["'" + text]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_a_spreadsheet_would_run_is_plain_text_in_xlsx(text):
    (cell,) = xlsx_cells(text)

    assert cell.data_type == "s"
    # XML holds no NUL, and reads a carriage return back as a line feed.
    assert cell.value == "'" + text.replace("\0", "").replace("\r", "\n")


def test_ordinary_text_is_left_as_it_is():
    texts = ["Kari Nordmann", "O'Neil", "2025-01-01", "Nord-Odal", "50 % - 60 %", ""]

    assert [neutralised(text) for text in texts] == texts
    assert csv_cells(*texts) == texts


def test_numbers_stay_numbers_in_csv_negative_ones_too():
    assert csv_cells(-3, -0.5, Decimal("-1.25"), 0, None) == ["-3", "-0.5", "-1.25", "0", ""]


def test_numbers_stay_numbers_in_xlsx_negative_ones_too():
    cells = xlsx_cells(-3, -0.5, Decimal("-1.25"), "-3")

    assert [cell.value for cell in cells[:3]] == [-3, -0.5, -1.25]
    assert {cell.data_type for cell in cells[:3]} == {"n"}
    assert (cells[3].value, cells[3].data_type) == ("'-3", "s")


def test_dates_stay_dates_in_xlsx_and_are_iso_8601_in_csv():
    day = datetime.date(2025, 3, 10)
    moment = datetime.datetime(2025, 3, 10, 9, 30, tzinfo=datetime.UTC)

    date_cell, moment_cell = xlsx_cells(day, moment)

    assert date_cell.is_date and date_cell.value == datetime.datetime(2025, 3, 10)
    assert moment_cell.is_date and moment_cell.value == datetime.datetime(2025, 3, 10, 10, 30)
    assert csv_cells(day, moment) == ["2025-03-10", "2025-03-10T09:30:00+00:00"]


def test_control_characters_cannot_break_the_xlsx():
    (cell,) = xlsx_cells("\x01=1+1\x02")

    assert cell.value == "'=1+1"


def test_a_csv_download_is_an_attachment():
    response = csv_response([["a", "=b"]], filename="x.csv", dialect=CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == "a,'=b\r\n"


WRITERS = re.compile(
    r"\bcsv\.(writer|DictWriter)\b|from\s+csv\s+import[^\n]*\b(writer|DictWriter)\b"
    r"|\bWorkbook\s*\(|from\s+openpyxl\s+import[^\n]*\bWorkbook\b|\bxlsxwriter\b"
)


def test_no_other_module_writes_csv_or_xlsx_files():
    # bench/ builds hostile spreadsheets to time the import's limits: input, not exports.
    skipped = {".venv", ".git", "tests", "bench", "staticfiles", "test-artifacts", "node_modules"}
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if not skipped & set(path.relative_to(ROOT).parts)
        and path != ROOT / "common" / "tabular.py"
        and WRITERS.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


def test_common_imports_none_of_the_apps():
    apps = {"ips", "candidates", "employers", "followup", "intake", "reports", "audit", "privacy"}
    imported = set()
    for path in (ROOT / "common").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])

    assert imported & apps == set()
