"""read_table reads files as Excel saves them: Windows-1252 or UTF-8 (BOM) CSV with ";"
and CRLF, .xlsx with the table on a later sheet and a title row above the header."""

from __future__ import annotations

import pytest

from mentorship.imports import read_table
from mentorship.refusals import ServiceError
from tests.app.formats_helpers import INSTRUCTIONS, excel_csv, workbook_bytes


def test_read_table_decodes_windows_1252_and_utf8_with_bom(app):
    rows = [["namn", "kommun"], ["Åsa Öberg", "Ängelholm"]]
    assert excel_csv(rows, "cp1252") != excel_csv(rows, "utf-8")
    with app.test_request_context():
        for data in (excel_csv(rows, "cp1252"), excel_csv(rows, "utf-8-sig"),
                     excel_csv(rows, "utf-8")):
            table = read_table("f.csv", data)
            assert table[0].values == {"namn": "Åsa Öberg", "kommun": "Ängelholm"}
            assert table[0].number == 2


def test_read_table_finds_the_sheet_and_the_header_below_a_title(app):
    data = workbook_bytes(INSTRUCTIONS, ("Data", [["Deltagare hösten 2026"], [],
                                                  ["Namn", "Kommun"], ["Åsa", "Bjuv"]]))
    with app.test_request_context():
        table = read_table("f.xlsx", data, ("namn", "kommun"))
        first_sheet = read_table("f.xlsx", data)
    assert [(r.number, r.values) for r in table] == [(4, {"namn": "Åsa", "kommun": "Bjuv"})]
    (header,), (value,) = INSTRUCTIONS[1]  # the first sheet: its first line is the header
    assert first_sheet[0].values == {header.lower(): value}


def test_read_table_finds_a_csv_header_below_a_title_and_maps_aliases(app):
    data = excel_csv([["Deltagare", ""], ["Namn", "E-post"], ["Åsa", "a@example.org"]],
                     "cp1252")
    with app.test_request_context():
        table = read_table("f.csv", data, ("name", "email"), {"namn": "name", "e-post": "email"})
    assert [(r.number, r.values) for r in table] == [
        (3, {"name": "Åsa", "email": "a@example.org"})
    ]


def test_read_table_refuses_bytes_that_are_no_text(app):
    with app.test_request_context(), pytest.raises(ServiceError) as err:
        read_table("f.csv", b"namn;kommun\r\n\x81\x8d\x8f;x\r\n")
    assert "CSV UTF-8" in err.value.message
