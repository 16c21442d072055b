"""The engine reads PEOPLE.csv as Excel saves it: Windows-1252 or UTF-8 with BOM, ";" and
CRLF, Swedish headers; it refuses a workbook and a title row above the header by name."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from matching import InputError, Reason, describe
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


TITLED = ["Deltagare hösten;;;;;", *ROWS]  # a title row above the header
NO_TEXT = b"id;role;municipality\r\n\x81\x8d;adept;Bjuv\r\n"  # neither UTF-8 nor cp1252


def test_a_title_row_above_the_header_is_refused_by_name():
    with pytest.raises(InputError) as caught:
        read_people_csv(excel(TITLED, "cp1252"))
    [problem] = caught.value.problems
    # one problem of row 1 (the file's, no column), saying where the header is: row 2
    assert (problem.row, problem.column) == (1, None) and "2" in problem.message


def test_bytes_that_are_no_text_are_refused():
    with pytest.raises(InputError) as caught:
        read_people_csv(NO_TEXT)
    assert [(p.row, p.column) for p in caught.value.problems] == [(None, None)]


def test_cli_words_reasons_in_swedish_by_default_and_english_with_lang(tmp_path, capsys):
    rows = ["id;role;municipality;business_area", "a1;adept;Bjuv;Skola", "m1;mentor;Åstorp;Vård",
            "a2;adept;Bjuv;Skola"]
    people = tmp_path / "people.csv"
    people.write_bytes(excel(rows, "utf-8"))
    different = Reason("different_business_areas")
    assert main(["solve", str(people)]) == 0
    swedish = capsys.readouterr()
    assert describe(different) in swedish.out
    assert main(["solve", str(people), "--lang", "en"]) == 0
    english = capsys.readouterr()
    assert describe(different, "en") in english.out and describe(different) not in english.out
    # the summary (one pair, one adept without a mentor) in the language asked for
    assert english.err != swedish.err and english.err.startswith("1 ")
    pairs = tmp_path / "pairs.csv"
    assert main(["solve", str(people), "--lang", "en", "--pairs", str(pairs)]) == 0
    text = pairs.read_text(encoding="utf-8-sig")
    unmatched = (Reason("capacity_taken"), Reason("no_candidate"))
    assert any(describe(reason, "en") in text for reason in unmatched)


@pytest.mark.wording
def test_the_reader_and_the_summary_read_as_written(tmp_path, capsys):
    with pytest.raises(InputError) as titled:
        read_people_csv(excel(TITLED, "cp1252"))
    assert [str(p) for p in titled.value.problems] == [
        "rad 1: rubrikraden måste vara första raden i filen (rubrikerna står på rad 2); "
        "ta bort raderna ovanför"
    ]
    with pytest.raises(InputError) as no_text:
        read_people_csv(NO_TEXT)
    assert "varken UTF-8 eller Windows-1252" in str(no_text.value)
    rows = ["id;role;municipality", "a1;adept;Bjuv", "m1;mentor;Åstorp", "a2;adept;Bjuv"]
    people = tmp_path / "people.csv"
    people.write_bytes(excel(rows, "utf-8"))
    main(["solve", str(people)])
    assert capsys.readouterr().err.startswith("1 par, 1 utan mentor, medelpoäng ")
    main(["solve", str(people), "--lang", "en"])
    assert capsys.readouterr().err.startswith("1 pair, 1 without a mentor, mean score ")
