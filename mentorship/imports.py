"""Reading an uploaded table (CSV with , or ; and with or without BOM, or XLSX) into rows.

Rows are dicts keyed by the lower-cased header, each with its spreadsheet row number
(the header is row 1), so that every error can name its row. Validation of the values is
the importing feature's job, and imports are all-or-nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _
from openpyxl import load_workbook

from mentorship.services import ServiceError


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def read_table(filename: str, data: bytes) -> list[Row]:
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
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    keys = [h.strip().lower() for h in rows[0]]
    return [
        Row(number, {k: (v or "").strip() for k, v in zip(keys, values, strict=False)})
        for number, values in enumerate(rows[1:], start=2)
        if any((v or "").strip() for v in values)
    ]


def _read_xlsx(data: bytes) -> list[Row]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ServiceError(_("Filen kunde inte läsas som .xlsx."), field="file") from None
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ServiceError(_("Filen är tom."), field="file")
    keys = [str(h or "").strip().lower() for h in rows[0]]
    result = []
    for number, values in enumerate(rows[1:], start=2):
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
