"""The engine reads PEOPLE.csv as Excel saves it: Windows-1252 or UTF-8 with BOM, ";" and
CRLF, Swedish headers; it refuses a workbook and a title row above the header by name."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from matching import InputError
from matching.cli import main
from matching.csvio import read_people_csv

ROWS = [
    "id;roll;namn;kommun;verksamhetsområde;mötesform",
    "a1;adept;Åsa Öberg;Ängelholm;Skola;fysiskt",
    "m1;mentor;Örjan Ärlig;Åstorp;Vård;båda",
]


def excel(rows: list[str], encoding: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_reads_windows_1252_and_utf8_with_swedish_headers(encoding):
    people = read_people_csv(excel(ROWS, encoding))
    assert [(p.id, p.role, p.name, p.municipality, p.meeting_mode) for p in people] == [
        ("a1", "adept", "Åsa Öberg", "1292", "in_person"),
        ("m1", "mentor", "Örjan Ärlig", "1277", "either"),
    ]


def test_cli_solves_a_windows_1252_file(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_bytes(excel(ROWS, "cp1252"))
    assert main(["solve", str(people)]) == 0
    assert "a1" in capsys.readouterr().out


def test_a_workbook_is_refused_with_what_to_do(tmp_path, capsys):
    book = Workbook()
    book.active.append(["id", "role", "municipality"])
    path = tmp_path / "people.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err
    assert "bara CSV" in err and "semikolonavgränsad" in err


def test_a_title_row_above_the_header_is_refused_by_name():
    with pytest.raises(InputError) as caught:
        read_people_csv(excel(["Deltagare hösten;;;;;", *ROWS], "cp1252"))
    assert [str(p) for p in caught.value.problems] == [
        "rad 1: rubrikraden måste vara första raden i filen (rubrikerna står på rad 2); "
        "ta bort raderna ovanför"
    ]


def test_bytes_that_are_no_text_are_refused():
    with pytest.raises(InputError) as caught:
        read_people_csv(b"id;role;municipality\r\n\x81\x8d;adept;Bjuv\r\n")
    assert "varken UTF-8 eller Windows-1252" in str(caught.value)


def test_cli_words_reasons_in_swedish_by_default_and_english_with_lang(tmp_path, capsys):
    rows = ["id;role;municipality;business_area", "a1;adept;Bjuv;Skola", "m1;mentor;Åstorp;Vård",
            "a2;adept;Bjuv;Skola"]
    people = tmp_path / "people.csv"
    people.write_bytes(excel(rows, "utf-8"))
    assert main(["solve", str(people)]) == 0
    out = capsys.readouterr()
    assert "olika verksamhetsområden" in out.out and "utan mentor" in out.err
    assert main(["solve", str(people), "--lang", "en"]) == 0
    out = capsys.readouterr()
    assert "different business areas" in out.out and "olika" not in out.out
    assert "without a mentor" in out.err
    pairs = tmp_path / "pairs.csv"
    assert main(["solve", str(people), "--lang", "en", "--pairs", str(pairs)]) == 0
    text = pairs.read_text(encoding="utf-8-sig")
    assert "the mentors who fit are needed" in text or "no mentor in another" in text
