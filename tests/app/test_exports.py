"""CSV and XLSX writing: text that looks like a formula stays text, å ä ö survive."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from mentorship.exports import csv_bytes, xlsx_bytes

ROWS = [
    ["=1+1", "+46 42 10 50 00", "-2", "@SUM(A1)", "Åsa Öberg", 3, 2.5, date(2026, 9, 1), None],
    ['=HYPERLINK("http://x")', "\tTab", "vanlig text", "=", "ä", 0, -1.25, True, ""],
]


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["a"] * 9, ROWS))).active
    rows = list(sheet.iter_rows(min_row=2))
    for written, cells in zip(ROWS, rows, strict=True):
        for value, cell in zip(written, cells, strict=False):
            if isinstance(value, str) and value:
                assert cell.data_type == "s" and cell.value == value, (value, cell.data_type)
    assert rows[0][5].value == 3 and rows[0][6].value == 2.5
    assert rows[0][7].value == "2026-09-01" and rows[1][7].value == "ja"


def test_csv_prefixes_formula_like_text_and_keeps_swedish_letters():
    text = csv_bytes(["a"] * 9, ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[1][:4] == ["'=1+1", "'+46 42 10 50 00", "'-2", "'@SUM(A1)"]
    assert rows[1][4] == "Åsa Öberg" and rows[2][1] == "'\tTab"
