"""Time how fast the import refuses oversized input. Run by hand, see README.md.

DATABASE_URL=sqlite:///:memory: DJANGO_DEBUG=1 .venv/bin/python bench/import_limits.py
"""

import io
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ips.settings")


def best_of(repeat: int, action) -> tuple[float, object]:
    """The fastest of `repeat` runs, in seconds, and what the last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def workbook(sheet_xml: bytes) -> bytes:
    """A workbook whose only sheet is `sheet_xml`."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Candidates"
    saved = io.BytesIO()
    book.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            target.writestr(part.filename, content)
    return out.getvalue()


def sheet(dimension: str, rows: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


def main() -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from importer.files import FILES
    from importer.imports import _header_errors, import_records
    from importer.uploads import read_upload

    translation.activate("en")
    header = ",".join(f"column{i}" for i in range(100_000))
    candidates = next(spec for spec in FILES if spec.name == "candidates.csv")
    row = "<row>" + '<c t="n"><v>1</v></c>' * 20 + "</row>"
    two_million = workbook(sheet("A1:T100000", row * 100_000))
    declared = workbook(sheet("A1:XFD1048576"))

    cases = [
        (
            "candidates.csv with a 100,000-column header",
            lambda: import_records({"candidates.csv": f"{header}\nC001\n"}).errors,
        ),
        (
            "_header_errors on those 100,000 columns (no cap)",
            lambda: _header_errors(candidates, header.split(",")),
        ),
        (
            f"XLSX of 2,000,000 cells ({len(two_million) // 1024} KB)",
            lambda: read_upload([SimpleUploadedFile("big.xlsx", two_million)])[1],
        ),
        (
            f"XLSX declaring A1:XFD1048576 ({len(declared) // 1024} KB)",
            lambda: read_upload([SimpleUploadedFile("wide.xlsx", declared)])[1],
        ),
    ]
    print(f"{'input':<52} {'best of 5':>10}  message")
    for name, action in cases:
        seconds, result = best_of(5, action)
        message = str(result[0]) if isinstance(result, list) and result else ""
        print(f"{name:<52} {seconds * 1000:>8.1f} ms  {message[:70]}")


if __name__ == "__main__":
    main()
