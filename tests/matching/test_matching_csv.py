"""The file contract: PEOPLE.csv reader, PAIRS/MATRIX writers, CLI, purity."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys

import pytest

from matching import (
    InputError,
    people_from_rows,
    read_people_csv,
    solve,
    write_matrix_csv,
    write_pairs_csv,
)
from matching.cli import main
from matching.solver import scipy_assignment

HEADER = (
    "id,role,name,municipality,business_area,level,years_as_manager,goals,languages,"
    "capacity,exclude,lock"
)
ROWS = [
    "m1,mentor,Åsa Öberg,Ängelholm,Skola,3,12,ledarskap|ekonomi,sv|en,2,,",
    "m2,mentor,Bo,1283,Omsorg,2,6,ekonomi,,1,a2,",
    "a1,adept,Örjan,Helsingborg,Kultur,1,1,ledarskap,,,,",
    "a2,adept,Mia,Båstad,Skola,1,2,ekonomi|konflikter,,,,m1",
]


def text(sep=",", rows=ROWS, header=HEADER):
    return "\n".join([header.replace(",", sep)] + [r.replace(",", sep) for r in rows]) + "\n"


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_reads_both_separators_and_bom(tmp_path, sep, bom):
    path = tmp_path / "people.csv"
    path.write_bytes(bom + text(sep).encode("utf-8"))
    people = read_people_csv(path)
    by_id = {p.id: p for p in people}
    assert by_id["m1"].name == "Åsa Öberg" and by_id["m1"].municipality == "1292"
    assert by_id["m1"].goals == frozenset({"ledarskap", "ekonomi"})
    assert by_id["m1"].languages == frozenset({"sv", "en"}) and by_id["m1"].capacity == 2
    assert by_id["m2"].exclude == frozenset({"a2"}) and by_id["a2"].lock == "m1"
    assert by_id["a1"].languages == frozenset({"sv"}) and by_id["a1"].capacity == 1
    assert read_people_csv(str(path)) == people
    assert read_people_csv(bom + text(sep).encode()) == people


def test_every_error_listed_with_row_numbers():
    bad = [
        "m1,mentor,,Ängelholm,Skola,3,12,,,,,",
        "m1,mentor,,Malmö,Skola,x,12,,,,,",
        "a1,teacher,,Bjuv,Skola,1,-2,,,,,",
        "a2,adept,,Bjuv,Skola,1,2,,,,nobody,ghost",
        "a3,adept,,Bjuv,Skola,9,2,,,two,,",
    ]
    with pytest.raises(InputError) as info:
        read_people_csv(text(rows=bad))
    msgs = [(p.row, p.column, p.message) for p in info.value.problems]
    joined = str(info.value)
    # each column named once, as the file's header names it
    assert any(r == 3 and c == "municipality" and "Malmö" in m for r, c, m in msgs)
    assert any(r == 3 and c == "level" and "heltal" in m for r, c, m in msgs)
    assert any(r == 4 and c == "role" and "teacher" in m for r, c, m in msgs)
    assert any(r == 4 and c == "years_as_manager" for r, c, m in msgs)
    assert any(r == 5 and c == "exclude" and "nobody" in m for r, c, m in msgs)
    assert any(r == 5 and c == "lock" and "ghost" in m for r, c, m in msgs)
    assert any(r == 6 and c == "level" for r, c, m in msgs)
    assert any(r == 6 and c == "capacity" and "'two'" in m for r, c, m in msgs)
    # the error's text lists every problem, each with its row (and column)
    assert all(str(p) in joined for p in info.value.problems)
    assert "m1" in joined and "rad 2" in joined  # duplicate id, first occurrence


def test_missing_column_and_rows_from_xlsx_like_source():
    with pytest.raises(InputError, match="municipality"):
        people_from_rows([{"id": "a", "role": "adept"}])
    people = people_from_rows(
        [{"id": "a", "role": "Adept", "municipality": "1284", "gender": "kvinna"}]
    )
    assert people[0].role == "adept" and people[0].gender == "woman"
    with pytest.raises(InputError) as info:
        people_from_rows(
            [
                {"id": "a", "role": "adept", "municipality": "1284"},
                {"id": "b", "role": "x", "municipality": "1284"},
            ]
        )
    assert info.value.problems[0].row == 3


def test_writers_and_matrix_is_consistent():
    result = solve(read_people_csv(text()))
    pairs = list(csv.reader(io.StringIO(write_pairs_csv(result))))
    assert pairs[0] == [
        "adept_id",
        "mentor_id",
        "score",
        "business_area",
        "goals",
        "experience",
        "gender",
        "distance",
        "wish",
        "reasons",
    ]
    assert ["a2", "m1"] == pairs[[r[0] for r in pairs].index("a2")][:2]
    matrix = list(csv.reader(io.StringIO(write_matrix_csv(result))))
    assert matrix[0] == ["adept_id", "m1", "m2"]
    row_a2 = matrix[[r[0] for r in matrix].index("a2")]
    assert row_a2[2] == ""  # m2 excludes a2
    for r in matrix[1:]:
        for c in r[1:]:
            assert c == "" or not math.isnan(float(c))


def test_formula_injection_is_defused():
    rows = ["=m1,mentor,,Ängelholm,Skola,3,12,,,,,", "a1,adept,,Bjuv,Skola,1,1,,,,,"]
    out = write_pairs_csv(solve(read_people_csv(text(rows=rows))))
    assert "'=m1" in out


def test_cli_solve_writes_files(tmp_path, capsys):
    people = tmp_path / "p.csv"
    people.write_text(text(";"), encoding="utf-8-sig")
    weights = tmp_path / "w.json"
    weights.write_text('{"distance": 0}', encoding="utf-8")
    code = main(
        [
            "solve",
            str(people),
            "--pairs",
            str(tmp_path / "pairs.csv"),
            "--matrix",
            str(tmp_path / "m.csv"),
            "--weights",
            str(weights),
            "--min-score",
            "5",
        ]
    )
    assert code == 0
    assert (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").startswith("adept_id,mentor_id")
    assert (tmp_path / "m.csv").exists()
    assert main(["solve", str(people)]) == 0
    assert "a2" in capsys.readouterr().out


def test_cli_errors_exit_nonzero_and_write_nothing(tmp_path, capsys):
    people = tmp_path / "p.csv"
    people.write_text(text(rows=["a1,adept,,Lund,,1,1,,,,,", "a1,adept,,Bjuv,,1,1,,,,,"]))
    out = tmp_path / "pairs.csv"
    assert main(["solve", str(people), "--pairs", str(out)]) == 2
    err = capsys.readouterr().err
    assert "rad 2" in err and "Lund" in err and "rad 3" in err
    assert not out.exists()
    bad_lock = tmp_path / "lock.csv"
    bad_lock.write_text(text(rows=["m1,mentor,,Bjuv,,1,1,,,,,", "a1,adept,,Bjuv,,1,1,,,,,m1"]))
    assert main(["solve", str(bad_lock), "--pairs", str(out)]) == 2
    assert "samma kommun" in capsys.readouterr().err and not out.exists()
    weights = tmp_path / "w.json"
    weights.write_text('{"age": 3}')
    assert main(["solve", str(bad_lock), "--weights", str(weights)]) == 2


def test_cli_as_module(tmp_path):
    people = tmp_path / "p.csv"
    people.write_text(text())
    proc = subprocess.run(
        [sys.executable, "-m", "matching", "solve", str(people)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "a1" in proc.stdout


def test_package_imports_no_web_or_database_module():
    code = (
        "import sys, matching, matching.cli, matching.__main__ as _m\n"
        if False
        else "import sys, matching, matching.cli\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'sqlalchemy', 'mentorship', 'werkzeug', 'jinja2', 'psycopg', 'alembic')]\n"
        "print(bad); assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_uses_scipy_solver():
    assert scipy_assignment().__module__.startswith("scipy")


SWEDISH_HEADER_ROW = ("ID;Roll;Kommun;Chefsnivå;År som chef;Kapacitet;Kön\r\n"
                      "m1;mentor;Bjuv;2,0;2,5;x;robot\r\n")


def test_problems_name_columns_as_the_files_swedish_header_does():
    with pytest.raises(InputError) as info:
        read_people_csv(SWEDISH_HEADER_ROW.encode("cp1252"))
    problems = info.value.problems
    header = SWEDISH_HEADER_ROW.split("\r\n")[0].split(";")
    assert [(p.row, p.column) for p in problems] == [(2, column) for column in header[4:]]
    assert ["'2,5'" in problems[0].message, "'x'" in problems[1].message,
            "'robot'" in problems[2].message] == [True, True, True]
    # the message leaves the column to the line, which names it once
    assert [str(p).count(p.column) for p in problems] == [1, 1, 1]
    assert not any(p.column in p.message for p in problems)


@pytest.mark.wording
def test_the_reader_words_its_problems_as_written():
    with pytest.raises(InputError) as info:
        read_people_csv(SWEDISH_HEADER_ROW.encode("cp1252"))
    lines = [str(p) for p in info.value.problems]
    assert lines == [
        "rad 2, År som chef: måste vara ett heltal, inte '2,5' (decimaler går inte)",
        "rad 2, Kapacitet: måste vara ett heltal, inte 'x'",
        "rad 2, Kön: okänt värde 'robot' (woman, man, other)",
    ]


@pytest.mark.parametrize("typed, read", [("2", 2), ("2,0", 2), ("2.0", 2), (" 12 ", 12),
                                         ("1 000", 1000), ("--1", None), ("x", None),
                                         ("", None)])
def test_whole_numbers_as_spreadsheets_write_them(typed, read):
    from matching import whole_number

    assert whole_number(typed) == read


@pytest.mark.parametrize("typed", ["2,5", "2.5", "0,1"])
def test_a_number_with_decimals_is_no_whole_number(typed):
    from matching import whole_number

    with pytest.raises(ValueError, match="decimals"):
        whole_number(typed)
