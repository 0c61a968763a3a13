"""Reading an import upload: CSV files and XLSX workbooks, as the mapping of
file name to content that `importer.imports.import_records` takes.

The office boundary is not checked here: the upload is imported into the
uploader's office, and `import_records` holds every row to it.

An XLSX workbook is a zip archive of XML files, and a small one can unpack to
millions of cells: its size is checked from the archive's directory and the
sheets' declared dimensions before openpyxl reads a cell, and the cells are
counted while they are read.
"""

import io
import re
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.utils.exceptions import InvalidFileException

from importer.imports import MAX_COLUMNS, _cell_text

#: Cells of all sheets and files together.
MAX_CELLS = 200_000
#: What the parts of one XLSX archive may unpack to, together.
MAX_XLSX_UNPACKED_BYTES = 25 * 1024 * 1024
#: Unpacked ÷ packed size of a part of more than a megabyte: XML sheets pack
#: to about a tenth; far beyond that is a zip bomb.
MAX_XLSX_RATIO = 100

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")


def read_upload(files) -> tuple[dict, list[str]]:
    """{file name: CSV text, or rows of cell texts} and the messages about
    files that could not be read at all."""
    tables: dict = {}
    problems: list[str] = []
    cells = 0
    for upload in files:
        content = upload.read()
        if upload.name.lower().endswith(".xlsx"):
            problem = _xlsx_size_problem(upload.name, content)
            if problem:
                return {}, [problem]
            try:
                workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
                problems.append(
                    _("%(name)s could not be opened as an XLSX workbook.") % {"name": upload.name}
                )
                continue
            try:
                for sheet in workbook.worksheets:
                    rows = []
                    for row in sheet.iter_rows(values_only=True):
                        # An empty row counts: a sheet can claim a million of them.
                        cells += max(len(row), 1)
                        if cells > MAX_CELLS:
                            return {}, [_too_large()]
                        rows.append([_cell_text(value) for value in row])
                    _add(tables, problems, sheet.title, rows)
            finally:
                workbook.close()
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content  # import_records reports where, as file:line
            else:
                cells += text.count(",") + text.count("\n")
            _add(tables, problems, upload.name, text)
        if cells > MAX_CELLS:
            return {}, [_too_large()]
    return tables, problems


def _too_large() -> str:
    return _("The upload is too large: split it into smaller files.")


def _xlsx_size_problem(name: str, content: bytes) -> str | None:
    """Why a workbook is too large to open, read from the zip directory and
    the first bytes of each sheet; None when it may be opened (or is no zip
    at all: opening it then says so)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError):
        return None
    with archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        bomb = any(
            part.file_size > 1024 * 1024
            and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1)
            for part in parts
        )
        if unpacked > MAX_XLSX_UNPACKED_BYTES or bomb:
            return _(
                "%(name)s unpacks to more than %(size)d MB: split it into smaller workbooks."
            ) % {"name": name, "size": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)}
        declared = 0
        for part in parts:
            if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
                continue
            rows, columns = _declared_size(archive, part)
            if columns > MAX_COLUMNS:
                return _(
                    "%(name)s has a sheet of %(count)d columns; no file of the import has more "
                    "than %(limit)d."
                ) % {"name": name, "count": columns, "limit": MAX_COLUMNS}
            declared += rows * columns
        if declared > MAX_CELLS:
            return _too_large()
    return None


def _declared_size(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[int, int]:
    """(rows, columns) a sheet declares in its <dimension ref="A1:K200">,
    which comes before its data; (0, 0) when it declares none."""
    try:
        with archive.open(part) as sheet:
            start = sheet.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return 0, 0  # openpyxl says it cannot be opened
    found = _DIMENSION.search(start)
    if not found:
        return 0, 0
    first_column, first_row, last_column, last_row = found.groups()
    if last_column is None:
        return 1, 1
    columns = column_index_from_string(last_column.decode()) - column_index_from_string(
        first_column.decode()
    )
    return abs(int(last_row) - int(first_row)) + 1, abs(columns) + 1


def _file_name(name: str) -> str:
    name = name.strip().lower()
    return name if name.endswith(".csv") else f"{name}.csv"


def _add(tables: dict, problems: list[str], name: str, content) -> None:
    key = _file_name(name)
    if key in tables:
        problems.append(_("%(name)s is given more than once.") % {"name": key})
        return
    tables[key] = content
