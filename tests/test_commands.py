"""Every Trofast management command: --help works, and a bad argument is one
clear line on standard error and a non-zero exit status, never a traceback.
The commands run as `manage.py` runs them (ManagementUtility)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import ManagementUtility, get_commands

#: A bad argument for every command: a new command fails here until it has one.
BAD_ARGUMENTS = {
    "anonymise_expired": [["--dry-run=yes"]],
    "enrolment_link": [[]],
    "export_audit_log": [
        ["--start", "2025-07-01", "--end", "31.07.2025"],
        ["--start", "2025-07-01", "--end", "2025-07-31", "--output", "/no/such/dir/audit.csv"],
    ],
    "fidelity_report": [
        ["--start", "01.07.2025", "--end", "2025-07-31"],
        ["--start", "2025-07-01", "--end", "2025-07-31", "--format", "xml"],
        ["--end", "2025-07-31"],
    ],
    "import_records": [["/no/such/dir"], []],
    "seed_demo": [["--scale", "0"], ["--history-years", "many"]],
}


def _project_commands() -> list[str]:
    """The commands of Trofast's own apps (the packages at the repository's root)."""
    own = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }
    return sorted(name for name, app in get_commands().items() if app in own)


def _run(capsys, *argv) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", *argv]).execute()
        raise SystemExit(0)  # the command finished without exiting
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def test_every_command_has_a_bad_argument_case():
    assert sorted(BAD_ARGUMENTS) == _project_commands()


@pytest.mark.parametrize("command", _project_commands())
def test_the_help_of_every_command_prints(capsys, command):
    status, out, err = _run(capsys, command, "--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: manage.py {command}")


@pytest.mark.parametrize(
    ("command", "arguments"),
    [(command, arguments) for command, cases in BAD_ARGUMENTS.items() for arguments in cases],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_bad_argument_is_one_line_on_stderr_and_a_failure(capsys, command, arguments):
    status, out, err = _run(capsys, command, *arguments)
    assert status != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_a_date_not_written_yyyy_mm_dd_is_named_in_the_line(capsys):
    _status, _out, err = _run(
        capsys, "fidelity_report", "--start", "01.07.2025", "--end", "2025-07-31"
    )
    assert "--start" in err and "01.07.2025" in err
