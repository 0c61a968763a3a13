"""An XLSX workbook that would unpack to too much is refused before openpyxl
reads it: from the zip directory and the sheets' declared dimensions. The
timings are in bench/import_limits.py."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from importer import uploads
from tests.conftest import log_in
from tests.intake.helpers import EN

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def not_opened(monkeypatch):
    """Fails the test if openpyxl is asked to open the workbook."""

    def load_workbook(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(uploads, "load_workbook", load_workbook)


def workbook(sheet_xml: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A real workbook (sheet “Candidates”), its sheet replaced by `sheet_xml`."""
    book = Workbook()
    book.active.title = "Candidates"
    book.active.append(["ref", "first_name", "last_name", "birth_date", "fnr"])
    saved = io.BytesIO()
    book.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            content = source.read(part)
            if part.filename == SHEET and sheet_xml is not None:
                content = sheet_xml
            target.writestr(part.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet(dimension: str | None, rows: str = "") -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{HEAD}{declared}<sheetData>{rows}</sheetData></worksheet>".encode()


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("records.xlsx", content)


def read(content: bytes) -> tuple[dict, list[str]]:
    return uploads.read_upload([upload(content)])


def test_a_workbook_of_two_million_cells_is_refused_before_it_is_opened(not_opened):
    row = "<row>" + '<c t="n"><v>1</v></c>' * 20 + "</row>"
    content = workbook(sheet("A1:T100000", row * 100_000))
    assert len(content) < 1024 * 1024  # small packed, as in the finding

    tables, problems = read(content)

    assert tables == {}
    assert problems == ["records.xlsx unpacks to more than 25 MB: split it into smaller workbooks."]


def test_a_sheet_declaring_two_million_cells_is_refused_before_it_is_opened(not_opened):
    tables, problems = read(workbook(sheet("A1:T100000")))

    assert tables == {}
    assert problems == ["The upload is too large: split it into smaller files."]


def test_a_sheet_declaring_too_many_columns_is_refused_before_it_is_opened(not_opened):
    tables, problems = read(workbook(sheet("A1:XFD1048576")))

    assert problems == [
        "records.xlsx has a sheet of 16384 columns; no file of the import has more than 50."
    ]


def test_a_zip_bomb_is_refused_before_it_is_opened(not_opened):
    content = workbook(extra={"xl/media/image1.png": b"\0" * (5 * 1024 * 1024)})

    tables, problems = read(content)

    assert problems == ["records.xlsx unpacks to more than 25 MB: split it into smaller workbooks."]


def test_rows_a_sheet_skips_count_while_it_is_read():
    """No dimension, and one row numbered a million: openpyxl would hand out a
    million empty rows before it; the count stops at the limit."""
    far = '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'

    tables, problems = read(workbook(sheet(None, far)))

    assert (tables, problems) == ({}, ["The upload is too large: split it into smaller files."])


def test_a_workbook_within_the_limits_is_read():
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>C001</t></is></c></row>'
    )

    tables, problems = read(workbook(sheet("A1:A2", rows)))

    assert problems == []
    assert tables == {"candidates.csv": [["ref"], ["C001"]]}


def test_the_upload_page_shows_why_a_workbook_is_refused(client, intake, not_opened):
    log_in(client, intake)

    page = client.post(
        "/intake/import/", {"files": [upload(workbook(sheet("A1:T100000")))]}, **EN
    ).content.decode()

    assert "The upload is too large" in page
    assert "Import now" not in page
