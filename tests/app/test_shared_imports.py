"""The import helpers both programmes share (mentorship.imports): every problem of every
row collected into one error, nothing returned unless the whole file is right, the row
numbers in the interface's language, and the template a user fills in."""

from __future__ import annotations

import io

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from mentorship.imports import (
    ImportProblem,
    ImportProblems,
    ImportResult,
    Problems,
    Row,
    check_rows,
    problem_lines,
    read_table,
    template_xlsx,
)
from mentorship.refusals import ServiceError

ROWS = [Row(2, {"n": "1"}), Row(3, {"n": "x"}), Row(4, {"n": "-2"}), Row(5, {"n": "7"})]


def _number(row, report):
    try:
        n = int(row.values["n"])
    except ValueError:
        report(f"{row.values['n']} är inget tal", "n")
        return None
    if n < 0:
        report("negativt", "n")
        report("mindre än noll", "n")
    return n


def test_check_rows_returns_every_value_when_no_row_has_a_problem(app):
    with app.test_request_context():
        assert check_rows([ROWS[0], ROWS[3]], _number) == [1, 7]


def test_check_rows_checks_every_row_and_raises_all_problems_by_row(app):
    with app.test_request_context(), pytest.raises(ImportProblems) as caught:
        check_rows(ROWS, _number)
    err = caught.value
    assert err.field == "file"
    assert err.message == "Filen har 3 fel och ingenting har sparats."
    # (a row's column is named once, by the line: as the file's header wrote it)
    assert err.lines == ["Rad 3, n: x är inget tal", "Rad 4, n: negativt",
                         "Rad 4, n: mindre än noll"]
    assert [(p.row, p.column) for p in err.problems] == [(3, "n"), (4, "n"), (4, "n")]
    assert problem_lines(err) == err.lines


def test_a_row_with_a_problem_gives_no_value_and_the_heading_can_be_the_importers(app):
    problems = Problems()
    with app.test_request_context():
        assert problems.check_rows(ROWS, _number) == [1, 7]  # row 4 gave -2 with problems
        problems.add(None, "kolumnen n saknas")
        with pytest.raises(ImportProblems) as caught:
            problems.raise_if_any("Filen lästes inte in.")
    assert caught.value.message == "Filen lästes inte in."
    # Problems of the file as a whole come first and have no row number.
    assert caught.value.lines[0] == "kolumnen n saknas"


def test_no_problem_raises_nothing_and_other_errors_have_no_lines(app):
    problems = Problems()
    problems.raise_if_any()
    assert not problems
    assert problem_lines(ServiceError("Filen är tom.", "file")) == []
    assert problem_lines(None) == []


def test_row_numbers_are_in_the_readers_language(app):
    with app.test_request_context(), force_locale("en"):
        assert str(ImportProblem(6, "unknown host")) == "Row 6: unknown host"
        assert ImportProblems([ImportProblem(6, "x")]).message == (
            "The file has 1 error and nothing has been saved.")


def test_import_result_counts_what_was_created_on_the_way():
    result = ImportResult(added=2)
    result.created["cohorts"] += 1
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert result.created["cohorts"] == 1 and result.created["accounts"] == 0


def test_template_opens_on_the_table_after_the_instructions_and_reads_back(app):
    with app.test_request_context():
        data = template_xlsx("Deltagare", ["namn", "kommun"], [["Åsa Öberg", "Bjuv"]],
                             ["Fyll i bladet Deltagare."])
        rows = read_table("mall.xlsx", data, ("namn", "kommun"))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Instruktioner", "Deltagare"]
    assert book.active.title == "Deltagare"
    notes = [r[0] for r in book["Instruktioner"].iter_rows(values_only=True)]
    assert notes[0] == "Fyll i bladet Deltagare."
    assert notes[-1].startswith("Spara som .xlsx eller som CSV")
    # The example row is marked as one (read_upload skips it).
    assert [(r.number, r.values) for r in rows] == [
        (2, {"namn": "Åsa Öberg", "kommun": "Bjuv", "exempel": "ja"})]


def _packed(unpacked_bytes: int) -> bytes:
    """A small .xlsx-named zip whose one member unpacks to `unpacked_bytes`."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_too_large_says_so(app):
    with app.test_request_context():
        limit = app.config["IMPORT_MAX_XLSX_UNPACKED"]
        data = _packed(limit + 1024 * 1024)
        assert len(data) < app.config["IMPORT_MAX_BYTES"]  # small on the wire
        with pytest.raises(ServiceError) as err:
            read_table("people.xlsx", data, ["e-post"])
    assert err.value.field == "file"
    assert "packas upp till mer än 50 MB" in err.value.message
    assert "rader" not in err.value.message
