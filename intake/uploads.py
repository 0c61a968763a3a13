"""Reading an import upload: CSV files and XLSX workbooks, as the mapping of
file name to content that `ips.imports.import_records` takes.

The import itself is not scoped by office (it is also the operators'
command); an intake admin's upload is held to their own office here, for the
records that name an office: teams and accounts.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ips.accounts import users_manageable_by
from ips.imports import RowError, _cell_text
from ips.models import Team, User

#: Cells of all sheets together: a small XLSX file can unpack to millions.
MAX_CELLS = 200_000


def read_upload(files) -> tuple[dict, list[str]]:
    """{file name: CSV text, or rows of cell texts} and the messages about
    files that could not be read at all."""
    tables: dict = {}
    problems: list[str] = []
    cells = 0
    for upload in files:
        content = upload.read()
        if upload.name.lower().endswith(".xlsx"):
            try:
                workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
                problems.append(
                    _("%(name)s could not be opened as an XLSX workbook.") % {"name": upload.name}
                )
                continue
            for sheet in workbook.worksheets:
                rows = [
                    [_cell_text(value) for value in row]
                    for row in sheet.iter_rows(values_only=True)
                ]
                cells += sum(len(row) for row in rows)
                _add(tables, problems, sheet.title, rows)
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
            problems.append(_("The upload is too large: split it into smaller files."))
            return {}, problems
    return tables, problems


def _file_name(name: str) -> str:
    name = name.strip().lower()
    return name if name.endswith(".csv") else f"{name}.csv"


def _add(tables: dict, problems: list[str], name: str, content) -> None:
    key = _file_name(name)
    if key in tables:
        problems.append(_("%(name)s is given more than once.") % {"name": key})
        return
    tables[key] = content


def _rows(content) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: value}) of a table, for the office checks."""
    if isinstance(content, bytes):
        return []
    if isinstance(content, str):
        reader = csv.reader(io.StringIO(content, newline=""))
        numbered, previous = [], 0
        try:
            for cells in reader:
                numbered.append((previous + 1, cells))
                previous = reader.line_num
        except csv.Error:
            return []  # import_records reports it
    else:
        numbered = list(enumerate(content, 1))
    if not numbered:
        return []
    header = [str(cell).strip().lower() for cell in numbered[0][1]]
    return [
        (
            line,
            {name: (cells[i] if i < len(cells) else "").strip() for i, name in enumerate(header)},
        )
        for line, cells in numbered[1:]
    ]


def office_errors(tables: dict, office) -> list[RowError]:
    """Rows that would reach into another office than the uploader's."""
    errors = []
    name = office.name if office else ""
    own_teams = set(Team.objects.filter(office=office).values_list("name", flat=True))
    other_teams = set(Team.objects.exclude(office=office).values_list("name", flat=True))
    for line, row in _rows(tables.get("teams.csv", "")):
        if row.get("office") == name:
            own_teams.add(row.get("team", ""))
        elif row.get("office"):
            errors.append(
                RowError(
                    "teams.csv",
                    line,
                    _("office: you can import teams of your own office (%(office)s) only.")
                    % {"office": name},
                )
            )
    users = _rows(tables.get("users.csv", ""))
    usernames = [row.get("username", "") for _line, row in users]
    elsewhere = set(
        User.objects.filter(username__in=usernames)
        .exclude(office_id=getattr(office, "pk", None))
        .values_list("username", flat=True)
    )
    for line, row in users:
        team = row.get("team", "")
        office_part, _slash, team_part = team.rpartition("/")
        other_office = office_part.strip() and office_part.strip() != name
        only_elsewhere = team_part.strip() in other_teams and team_part.strip() not in own_teams
        if team and (other_office or only_elsewhere):
            errors.append(
                RowError("users.csv", line, _("team: the team belongs to another office."))
            )
        if row.get("role") == "analyst":
            errors.append(
                RowError("users.csv", line, _("role: analyst accounts are not kept by an office."))
            )
        if row.get("username") in elsewhere:
            errors.append(
                RowError("users.csv", line, _("username: this account belongs to another office."))
            )
    return errors


def account_errors(tables: dict, uploader) -> list[RowError]:
    """users.csv rows that would change an account the uploader may not look
    after (a superuser, a staff account): the import is no way around the rule
    of ips/accounts.py. Usernames are compared as the import saves them
    (normalised), so a look-alike spelling cannot reach such an account.
    Accounts of another office under their exact username are reported by
    `office_errors`."""
    rows = _rows(tables.get("users.csv", ""))
    names = {User.normalize_username(row.get("username", "")) for _line, row in rows}
    existing = {user.username: user for user in User.objects.filter(username__in=names)}
    manageable = set(
        users_manageable_by(uploader).filter(username__in=names).values_list("pk", flat=True)
    )
    errors = []
    for line, row in rows:
        raw = row.get("username", "")
        account = existing.get(User.normalize_username(raw))
        if account is None or account.pk in manageable:
            continue
        if account.office_id != uploader.office_id and account.username == raw:
            continue
        errors.append(
            RowError(
                "users.csv",
                line,
                _("username: you may not change this account."),
            )
        )
    return errors
