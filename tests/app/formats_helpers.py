"""Files as Swedish Excel writes them, for the import tests."""

from __future__ import annotations

import io


def excel_csv(rows: list[list[str]], encoding: str) -> bytes:
    """As Swedish Excel writes "CSV (semikolonavgränsad)" (cp1252) or "CSV UTF-8" (BOM)."""
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    return text.encode(encoding)


def workbook_bytes(*sheets: tuple[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


INSTRUCTIONS = ("Instruktioner", [["Fyll i nästa blad."], ["En person per rad."]])


def upload(client, url, data, name):
    return client.post(url, data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")
