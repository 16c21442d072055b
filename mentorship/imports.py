"""Reading an uploaded table (CSV with , or ; and with or without BOM, or XLSX) into rows.

Rows are dicts keyed by the lower-cased header, each with its spreadsheet row number
(the header is row 1), so that every error can name its row. Validation of the values is
the importing feature's job, and imports are all-or-nothing.

Files as Excel saves them: CSV in UTF-8 (with or without BOM) or, when the bytes are not
UTF-8, Windows-1252 (old Swedish Excel's "CSV (semikolonavgränsad)"); a workbook whose
table is on another sheet than the first (e.g. after an "Instruktioner" sheet) is read
from the sheet whose header has the `expected` columns, and a title row above that header
is skipped (row numbers stay the spreadsheet's). `aliases` maps other header names (e.g.
Swedish ones) to the feature's column names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from mentorship.services import ServiceError

#: How far down a sheet a header row is looked for (below a title row or two).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def read_table(
    filename: str,
    data: bytes,
    expected: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> list[Row]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, expected, aliases or {})
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data, expected, aliases or {})
    raise ServiceError(_("Filen måste vara en .csv- eller .xlsx-fil."), field="file")


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252 as older Swedish Excel saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ServiceError(
            _("Filen kunde inte läsas som text. Spara den i Excel som CSV UTF-8 "
              "eller CSV (semikolonavgränsad)."),
            field="file",
        ) from None


def _header_at(
    grid: Sequence[Sequence[object]], expected: Sequence[str], aliases: Mapping[str, str]
) -> int | None:
    """Index of the first of the top rows that holds every expected column."""
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        keys = {_key(c, aliases) for c in cells}
        if expected and all(col in keys for col in expected):
            return index
    return None


def _key(cell: object, aliases: Mapping[str, str]) -> str:
    key = str(cell or "").strip().lstrip("\ufeff").lower()
    return aliases.get(key, key)


def _read_csv(
    data: bytes, expected: Sequence[str] = (), aliases: Mapping[str, str] | None = None
) -> list[Row]:
    text = decode_text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ServiceError(_("Filen är tom."), field="file")
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    start = _header_at(rows, expected, aliases or {}) or 0
    keys = [_key(h, aliases or {}) for h in rows[start]]
    return [
        Row(number, {k: (v or "").strip() for k, v in zip(keys, values, strict=False)})
        for number, values in enumerate(rows[start + 1 :], start=start + 2)
        if any((v or "").strip() for v in values)
    ]


def _read_xlsx(
    data: bytes, expected: Sequence[str] = (), aliases: Mapping[str, str] | None = None
) -> list[Row]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ServiceError(_("Filen kunde inte läsas som .xlsx."), field="file") from None
    # The sheet with the expected header (a workbook may open with instructions), else
    # the first sheet that has anything on it.
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
    rows, start = next(
        ((grid, at) for grid in sheets if (at := _header_at(grid, expected, aliases or {}))
         is not None),
        (next((grid for grid in sheets if grid), []), 0),
    )
    if not rows:
        raise ServiceError(_("Filen är tom."), field="file")
    keys = [_key(h, aliases or {}) for h in rows[start]]
    result = []
    for number, values in enumerate(rows[start + 1 :], start=start + 2):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if any(c for c in cells):
            result.append(Row(number, dict(zip(keys, cells, strict=False))))
    return result


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def template_xlsx(
    sheet_title: str,
    header: Sequence[str],
    examples: Sequence[Sequence[object]],
    instructions: Sequence[str],
) -> bytes:
    """A workbook to fill in: an "Instruktioner" sheet first, then the table (opened on
    the table), as a user might also save it; `read_table` reads it back."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = _("Instruktioner")
    for line in instructions:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    table = workbook.create_sheet(sheet_title[:31])
    table.append(list(header))
    for row in examples:
        table.append(list(row))
    for index, name in enumerate(header, start=1):
        table.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    workbook.active = table
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
