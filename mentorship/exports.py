"""CSV and XLSX exports that open right in Swedish Excel and keep å, ä, ö.

CSV: UTF-8 with BOM, CRLF, and in the Swedish interface ";" between fields and a decimal
comma (what Swedish Excel expects when it opens a file); in English "," and ".". Dates and
times are written in local time (Europe/Stockholm). XLSX: numbers are numbers, dates and
times are real date cells in local time.

A text cell that starts with = + - @, a tab or a carriage return would be read by Excel as
a formula; such text is written with a leading apostrophe (CSV) or as an explicit text
cell (XLSX) so it shows as typed. Numbers are never guarded: -14.5 stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Response, has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING

from mentorship.timezones import to_local_naive

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv; charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def safe_text(value: Any) -> Any:
    """Neutralise formula-like text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def local(value: datetime) -> datetime:
    """A stored (aware, UTC) time as the wall-clock time in Sweden, without zone."""
    if value.tzinfo is None:
        return value
    local_value = to_local_naive(value)
    assert local_value is not None
    return local_value


def swedish_format() -> bool:
    """Whether the interface is Swedish (";" and decimal comma) or not ("," and ".")."""
    if not has_request_context():
        return True
    locale = get_locale()
    return locale is None or locale.language == "sv"


def _csv_cell(value: Any, decimal_comma: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        text = format(value, ".15g") if isinstance(value, float) else str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int):
        return value
    return safe_text(str(value))


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], swedish: bool | None = None
) -> bytes:
    """UTF-8 with BOM so that Excel shows å, ä, ö right; ";" and "," in Swedish."""
    swedish = swedish_format() if swedish is None else swedish
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v, swedish) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], sheet_title: str = "Data"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.append([_xlsx_cell(sheet, h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value: Any) -> Any:
    """Text that openpyxl would store as a formula (it starts with "=") as an explicit text
    cell; Excel never evaluates a text cell. Dates and times as date cells in local time.
    Other values go as they are (one cell object per value made the workshop export of a
    large round twice as slow)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=local(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        return float(value)
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = TYPE_STRING
    return cell


def file_response(body: bytes, filename: str, mimetype: str) -> Response:
    """A finished file as a download; `filename` with extension, ASCII only."""
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str = "csv"
) -> Response:
    """A file download response; `filename` without extension, ASCII only."""
    rows = list(rows)
    if fmt == "xlsx":
        return file_response(xlsx_bytes(header, rows), f"{filename}.xlsx", XLSX_MIME)
    return file_response(csv_bytes(header, rows), f"{filename}.csv", CSV_MIME)
