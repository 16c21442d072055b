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


def kept_token(response) -> str:
    """The preview's confirmation id (the file kept server-side), or fail with the page."""
    import re

    html = response.get_data(as_text=True)
    found = re.search(r'name="upload" type="hidden" value="([^"]+)"', html)
    assert response.status_code == 200 and found, html[-3000:]
    return found.group(1)


def confirm(client, url, token):
    return client.post(url, data={"upload": token})


def upload_and_confirm(client, url, data, name):
    """An import as a coordinator does it: the file's preview, then its confirmation."""
    return confirm(client, url, kept_token(upload(client, url, data, name)))
