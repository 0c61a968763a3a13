"""`fidelity_report`'s JSON and CSV on the demo, kept as they were.

Both are contracts others build on (docs/metrics.md), so a change in how the
report is computed must not change a byte of them. The demo is seeded on a
fixed day and the output compared with the files in tests/reports/golden/.
Ids are written as 0: they depend on the database's sequences, not on the
report. After a deliberate change of the contract, run the tests with
TROFAST_WRITE_GOLDEN=1 to write the files anew (the tests then fail, to have
the diff reviewed).
"""

import datetime
import io
import os
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

GOLDEN = Path(__file__).parent / "golden"
DEMO_DAY = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)

#: (name, start, end, as-of): a year over, a quarter and a month still running
#: and a custom period across two years.
PERIODS = [
    ("year-2025", "2025-01-01", "2025-12-31", "2026-11-23"),
    ("quarter-2026-q4", "2026-10-01", "2026-12-31", "2026-11-23"),
    ("month-2026-11", "2026-11-01", "2026-11-30", "2026-11-23"),
    ("custom-2025-03-15-2026-02-10", "2025-03-15", "2026-02-10", "2026-11-23"),
]


def run_report(start, end, as_of, fmt) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "fidelity_report",
            *("--start", start, "--end", end, "--as-of", as_of, "--format", fmt),
            stdout=out,
        )
    return re.sub(r'"id": \d+', '"id": 0', out.getvalue())


@pytest.fixture(scope="module")
def outputs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), time_machine.travel(DEMO_DAY, tick=False):
        call_command("seed_demo", "--seed", "3", stdout=io.StringIO())
        try:
            yield {
                f"{name}.{fmt}": run_report(start, end, as_of, fmt)
                for name, start, end, as_of in PERIODS
                for fmt in ("json", "csv")
            }
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.mark.parametrize("name", [f"{p[0]}.{fmt}" for p in PERIODS for fmt in ("json", "csv")])
def test_the_report_on_the_demo_is_what_it_was(outputs, db, name):
    path = GOLDEN / name
    if os.environ.get("TROFAST_WRITE_GOLDEN"):
        path.write_text(outputs[name], encoding="utf-8")
        pytest.fail(f"{path} written: review the diff")

    assert outputs[name] == path.read_text(encoding="utf-8")
