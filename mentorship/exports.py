"""CSV and XLSX exports that are safe to open in Excel and keep å, ä, ö.

A cell that starts with = + - @, a tab or a carriage return would be read by Excel as a
formula; such text is written with a leading apostrophe (CSV) or as an explicit text cell
(XLSX) so it shows as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv; charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(value: Any) -> Any:
    """Neutralise formula-like text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    """UTF-8 with BOM so that Excel shows å, ä, ö right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow([safe_text(_plain(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], sheet_title: str = "Data"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.append([_text_cell(sheet, h) for h in header])
    for row in rows:
        sheet.append([_text_cell(sheet, _plain(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, value: Any) -> Any:  # noqa: ANN001
    """Text that openpyxl would store as a formula (it starts with "=") as an explicit text
    cell; Excel never evaluates a text cell. Other values go as they are (one cell object
    per value made the workshop export of a large round twice as slow)."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = TYPE_STRING
    return cell


def file_response(body: bytes, filename: str, mimetype: str) -> Response:
    """A finished file as a download; `filename` with extension, ASCII only."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str = "csv"
) -> Response:
    """A file download response; `filename` without extension, ASCII only."""
    rows = list(rows)
    if fmt == "xlsx":
        body, mime, ext = xlsx_bytes(header, rows), XLSX_MIME, "xlsx"
    else:
        body, mime, ext = csv_bytes(header, rows), CSV_MIME, "csv"
    response = Response(body, mimetype=mime)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response
