"""Import of existing records from CSV files or the sheets of a workbook.

The format is the contract in docs/import.md. All files
are imported in one transaction, in dependency order, through the same
services the forms use. Every rejected row is collected (not only the first)
as `file:line: message`; if there is any, or on a dry run, nothing is saved.

`import_records` takes a directory, or a mapping of file name to CSV text
(str or bytes) or to rows (the first row being the header), so a web upload
of CSV files or of an XLSX workbook can reuse it. Given an office, it holds
every row to that office (`importer/lookups.py`). A file beyond the limits
below is refused before it is parsed.
"""

import csv
import io
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from importer.files import FILES, FileSpec
from importer.rows import Context, Row
from ips.models import Office
from ips.services import Outcome

Source = str | os.PathLike | Mapping[str, str | bytes | Iterable[Sequence[object]]]

#: Columns a header may have: no file has more than a dozen. Checked on the first
#: line before the file is parsed, so a header of 100,000 columns costs nothing.
MAX_COLUMNS = 50
#: Lines (or sheet rows) of one file, header included.
MAX_LINES = 100_000
#: Bytes of one CSV file.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self):
        if self.line:
            return f"{self.file}:{self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message


@dataclass
class FileCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


@dataclass
class ImportReport:
    """Counts per file (in import order) and every rejected row."""

    dry_run: bool = False
    counts: dict[str, FileCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run


class _RollBack(Exception):
    """Raised inside the import's transaction to undo all of it."""


@dataclass
class _Table:
    """One file as read: its header and its rows with their physical line numbers."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def import_records(
    source: Source, dry_run: bool = False, office: Office | None = None
) -> ImportReport:
    """Import every known file in `source`, all or nothing.

    With an `office`, every row is held to it (see `importer.lookups`): new
    records belong to it, and a row that reaches another office's records is
    refused. Without one (the operator's command line) every office is
    searched, and the services still refuse rows that would tie records of two
    offices together."""
    report = ImportReport(dry_run=dry_run)
    tables = _read(source, report)
    if not tables and not report.errors:
        report.errors.append(
            RowError(
                str(source) if not isinstance(source, Mapping) else "",
                0,
                _("No files to import: expected one or more of %(files)s.")
                % {"files": ", ".join(spec.name for spec in FILES)},
            )
        )
    try:
        with transaction.atomic():
            context = Context(office=office)
            for spec in FILES:
                if spec.name not in tables:
                    continue
                if tables[spec.name] is None:
                    context.unreadable.add(spec.name)
                else:
                    _import_table(spec, tables[spec.name], context, report)
            if report.errors or dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return report


# Reading


def _read(source: Source, report: ImportReport) -> dict[str, _Table | None]:
    """The tables of the known files; None for a file that could not be read."""
    known = {spec.name for spec in FILES}
    tables: dict[str, _Table | None] = {}
    if isinstance(source, Mapping):
        items = [(_file_name(name), content) for name, content in source.items()]
    else:
        directory = Path(source)
        items = [
            (path.name, path.read_bytes())
            for path in sorted(directory.iterdir())
            if path.is_file() and path.suffix.lower() == ".csv"
        ]
    for name, content in items:
        if name not in known:
            report.errors.append(
                RowError(
                    name,
                    0,
                    _("Unknown file name: expected one of %(files)s.")
                    % {"files": ", ".join(spec.name for spec in FILES)},
                )
            )
            continue
        tables[name] = _table(name, content, report)
    return tables


def _file_name(name: str) -> str:
    """A sheet called 'Teams' stands for teams.csv."""
    name = name.strip().lower()
    return name if name.endswith(".csv") else f"{name}.csv"


def _table(name: str, content: object, report: ImportReport) -> _Table | None:
    if not isinstance(content, str | bytes | Sequence):
        content = list(content)
    too_large = _size_problem(content)
    if too_large:
        report.errors.append(RowError(name, too_large[0], too_large[1]))
        return None
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            report.errors.append(
                RowError(
                    name,
                    line,
                    _("This is not UTF-8 text: save the file as “CSV UTF-8”."),
                )
            )
            return None
    if isinstance(content, str):
        rows = []
        reader = csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline=""), strict=True)
        previous = 0
        try:
            for cells in reader:
                rows.append((previous + 1, cells))
                previous = reader.line_num
        except csv.Error as error:
            report.errors.append(
                RowError(
                    name,
                    previous + 1,
                    _("This line is not valid CSV (%(error)s): check the quotes.")
                    % {"error": error},
                )
            )
            return None
    else:
        rows = [
            (number, [_cell_text(cell) for cell in cells])
            for number, cells in enumerate(content, 1)
        ]
    if not rows:
        return _Table(header=[], rows=[])
    (_line, header), *body = rows
    return _Table(
        header=[cell.strip().lower().removeprefix("\ufeff") for cell in header], rows=body
    )


def _size_problem(content: object) -> tuple[int, str] | None:
    """(line, message) when a file is too large to be read, found before it
    is parsed: every check here is linear and done in C."""
    if isinstance(content, str | bytes):
        newline = "\n" if isinstance(content, str) else b"\n"
        comma = "," if isinstance(content, str) else b","
        if len(content) > MAX_FILE_BYTES:
            return 0, _("The file is larger than %(size)d MB: split it into smaller files.") % {
                "size": MAX_FILE_BYTES // (1024 * 1024)
            }
        # A header is names without quoted commas, so its commas count its columns.
        end = content.find(newline)
        columns = content.count(comma, 0, end if end >= 0 else len(content)) + 1
        lines = content.count(newline) + (0 if content.endswith(newline) else 1)
    else:
        columns = len(content[0]) if content else 0
        lines = len(content)
    if columns > MAX_COLUMNS:
        return 1, _(
            "The header has %(count)d columns; no file of the import has more than %(limit)d."
        ) % {"count": columns, "limit": MAX_COLUMNS}
    if lines > MAX_LINES:
        return 0, _("The file has more than %(limit)d lines: split it into smaller files.") % {
            "limit": MAX_LINES
        }
    return None


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "date") and callable(value.date):  # a datetime
        value = value.date()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Importing


def _has_control_characters(text: str) -> bool:
    """NUL and the other control characters (tabs and line breaks allowed):
    PostgreSQL refuses NUL outright, and none belongs in a record."""
    return any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


def _header_errors(spec: FileSpec, header: list[str]) -> list[str]:
    """What is wrong with a header, in time linear in its width."""
    names = [name for name in header if name]
    if len(names) == 1 and ";" in names[0]:
        return [_("The columns are separated by semicolons: Trofast expects commas.")]
    messages = []
    given = set(names)
    missing = [column for column in spec.required if column not in given]
    if missing:
        messages.append(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    known = set(spec.required + spec.optional)
    unknown = [name for name in names if name not in known]
    if unknown:
        messages.append(
            _("Unknown column(s): %(columns)s. The columns of %(file)s are: %(expected)s.")
            % {
                "columns": ", ".join(unknown),
                "file": spec.name,
                "expected": ", ".join(spec.required + spec.optional),
            }
        )
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    if repeated:
        messages.append(_("Column(s) given twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    return messages


def _import_table(spec: FileSpec, table: _Table, context: Context, report: ImportReport) -> None:
    counts = report.counts.setdefault(spec.name, FileCounts())
    header_errors = _header_errors(spec, table.header)
    if header_errors:
        report.errors.extend(RowError(spec.name, 1, message) for message in header_errors)
        context.unreadable.add(spec.name)
        return
    seen: dict[tuple, int] = {}
    width = len(table.header)
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[width:]):
            report.errors.append(
                RowError(
                    spec.name,
                    line,
                    _("This line has %(count)d values but the header has %(width)d columns.")
                    % {"count": len(cells), "width": width},
                )
            )
            continue
        control = [
            name
            for i, name in enumerate(table.header)
            if i < len(cells) and _has_control_characters(cells[i])
        ]
        if control:
            report.errors.append(
                RowError(
                    spec.name,
                    line,
                    _("%(columns)s: contains control characters, which no value may hold.")
                    % {"columns": ", ".join(control)},
                )
            )
            continue
        values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(table.header)}
        row = Row(spec.name, line, {name: value for name, value in values.items() if name})
        key = spec.key(row) if spec.key else None
        if key and all(key):
            if key in seen:
                report.errors.append(
                    RowError(
                        spec.name,
                        line,
                        _("Duplicate of line %(line)d (same %(columns)s).")
                        % {"line": seen[key], "columns": ", ".join(spec.key_columns)},
                    )
                )
                continue
            seen[key] = line
        outcome = _import_row(spec, row, context)
        report.errors.extend(RowError(spec.name, line, message) for message in row.errors)
        if row.errors or row.skip:
            context.reject(spec, row)
        elif outcome is not None:
            counts.add(outcome)


def _import_row(spec: FileSpec, row: Row, context: Context) -> Outcome | None:
    try:
        with transaction.atomic():
            return spec.handler(row, context)
    except ValidationError as error:
        for field_name, messages in _message_dict(error).items():
            column = spec.columns.get(field_name, field_name)
            for message in messages:
                row.error(message if field_name == NON_FIELD_ERRORS else f"{column}: {message}")
    except IntegrityError as error:
        row.error(_("The database refused this row: %(error)s") % {"error": error})
    return None


def _message_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {NON_FIELD_ERRORS: error.messages}
