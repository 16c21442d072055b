"""Reading an uploaded table (CSV with , or ; and with or without BOM, or XLSX) into rows.

Rows are dicts keyed by the lower-cased header, each with its spreadsheet row number
(the header is row 1), so that every error can name its row. Validation of the values is
the importing feature's job, and imports are all-or-nothing.

Bounded: a file over IMPORT_MAX_BYTES (2 MB) or with more than IMPORT_MAX_ROWS (5,000)
rows under the header is refused while it is read, before an import writes anything; an
.xlsx is also refused if it would unpack to more than IMPORT_MAX_XLSX_UNPACKED (50 MB).
CSV lines may end in CRLF (Windows), LF or a bare CR (old Mac exports).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from flask_babel import format_number
from flask_babel import gettext as _
from openpyxl import load_workbook

from mentorship.services import ServiceError


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def _limit(name: str) -> int:
    return int(current_app.config[name])


def _too_many_rows() -> ServiceError:
    return ServiceError(
        _("Filen har fler än %(n)s rader. Dela upp den i flera filer.",
          n=format_number(_limit("IMPORT_MAX_ROWS"))),
        field="file",
    )


def _bounded(rows: Iterable[list[str]]) -> Iterable[tuple[int, list[str]]]:
    """(row number, cells) of the non-empty rows under the header; refuses more than the
    row limit as soon as it is passed, and as many empty rows again."""
    limit, kept = _limit("IMPORT_MAX_ROWS"), 0
    for number, cells in enumerate(rows, start=2):
        if number > 2 * limit + 1:
            raise _too_many_rows()
        if any(cells):
            kept += 1
            if kept > limit:
                raise _too_many_rows()
            yield number, cells


def read_table(filename: str, data: bytes) -> list[Row]:
    if len(data) > _limit("IMPORT_MAX_BYTES"):
        raise ServiceError(
            _("Filen är för stor: högst %(mb)s MB går att läsa in. Dela upp den i flera filer.",
              mb=format_number(_limit("IMPORT_MAX_BYTES") / 1024 / 1024)),
            field="file",
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data)
    raise ServiceError(_("Filen måste vara en .csv- eller .xlsx-fil."), field="file")


def _read_csv(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(_("Filen måste vara sparad som UTF-8."), field="file") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ServiceError(_("Filen är tom."), field="file")
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    # newline="": the csv module itself reads CRLF, LF and bare CR line endings.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        keys = [h.strip().lower() for h in next(reader)]
        cells = ([(v or "").strip() for v in values] for values in reader)
        return [
            Row(number, dict(zip(keys, values, strict=False)))
            for number, values in _bounded(cells)
        ]
    except csv.Error:
        raise ServiceError(_("Filen kunde inte läsas som CSV."), field="file") from None


def _read_xlsx(data: bytes) -> list[Row]:
    try:
        _refuse_unpacking_too_much(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ServiceError:
        raise
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ServiceError(_("Filen kunde inte läsas som .xlsx."), field="file") from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None:
        raise ServiceError(_("Filen är tom."), field="file")
    keys = [str(h or "").strip().lower() for h in first]
    cells = (["" if v is None else _cell_text(v) for v in values] for values in rows)
    return [Row(number, dict(zip(keys, values, strict=False))) for number, values in
            _bounded(cells)]


def _refuse_unpacking_too_much(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > _limit("IMPORT_MAX_XLSX_UNPACKED"):
        raise _too_many_rows()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()
