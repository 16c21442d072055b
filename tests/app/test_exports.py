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
    assert rows[0][7].is_date and rows[0][7].value.date() == date(2026, 9, 1)
    assert rows[1][7].value == "ja"


def test_csv_prefixes_formula_like_text_and_keeps_swedish_letters():
    text = csv_bytes(["a"] * 9, ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[1][:4] == ["'=1+1", "'+46 42 10 50 00", "'-2", "'@SUM(A1)"]
    assert rows[1][4] == "Åsa Öberg" and rows[2][1] == "'\tTab"
    # Numbers are numbers, never guarded: a negative one stays -1,25 (Swedish) or -1.25.
    assert rows[1][5:8] == ["3", "2,5", "2026-09-01"] and rows[2][6] == "-1,25"
    english = list(csv.reader(io.StringIO(csv_bytes(["a"] * 9, ROWS, swedish=False)
                                          .decode("utf-8-sig"))))
    assert english[2][6] == "-1.25" and english[1][6] == "2.5"


def test_xlsx_times_are_swedish_local_date_cells():
    from datetime import UTC, datetime

    summer = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)
    winter = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["t"], [[summer], [winter]]))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [datetime(2026, 6, 1, 9, 30), datetime(2026, 1, 15, 9, 30)]
    assert all(c.is_date for c in cells)
    text = csv_bytes(["t"], [[summer]]).decode("utf-8-sig")
    assert text == "t\r\n2026-06-01 09:30\r\n"
