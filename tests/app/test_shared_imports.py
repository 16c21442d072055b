"""The import helpers both programmes share (mentorship.imports): every problem of every
row collected into one error, nothing returned unless the whole file is right, the row
numbers in the interface's language, and the template a user fills in."""

from __future__ import annotations

import io

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from mentorship.imports import (
    EXAMPLE_COLUMN,
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
# The test's own texts: what its checker reports and the headings it gives.
NOT_A_NUMBER, NEGATIVE, BELOW_ZERO = "är inget tal", "negativt", "mindre än noll"
NO_COLUMN, HEADING, EMPTY = "kolumnen n saknas", "Filen lästes inte in.", "Filen är tom."
INSTRUCTION = "Fyll i bladet Deltagare."


def _number(row, report):
    try:
        n = int(row.values["n"])
    except ValueError:
        report(f"{row.values['n']} {NOT_A_NUMBER}", "n")
        return None
    if n < 0:
        report(NEGATIVE, "n")
        report(BELOW_ZERO, "n")
    return n


def test_check_rows_returns_every_value_when_no_row_has_a_problem(app):
    with app.test_request_context():
        assert check_rows([ROWS[0], ROWS[3]], _number) == [1, 7]


def test_check_rows_checks_every_row_and_raises_all_problems_by_row(app):
    with app.test_request_context(), pytest.raises(ImportProblems) as caught:
        check_rows(ROWS, _number)
    err = caught.value
    assert err.field == "file"
    assert "3" in err.message  # how many problems (its words: the wording test below)
    assert [(p.row, p.column, p.message) for p in err.problems] == [
        (3, "n", f"x {NOT_A_NUMBER}"), (4, "n", NEGATIVE), (4, "n", BELOW_ZERO)]
    # Each line names its row and column (once, by the line: as the file's header wrote
    # it) before the message.
    assert err.lines == [str(p) for p in err.problems]
    for problem, line in zip(err.problems, err.lines, strict=True):
        before = line.removesuffix(problem.message)
        assert before != line and str(problem.row) in before and " n" in before, line
    assert problem_lines(err) == err.lines


@pytest.mark.wording
def test_the_problem_lines_and_the_heading_read_as_written(app):
    with app.test_request_context(), pytest.raises(ImportProblems) as caught:
        check_rows(ROWS, _number)
    assert caught.value.message == "Filen har 3 fel och ingenting har sparats."
    assert caught.value.lines == ["Rad 3, n: x är inget tal", "Rad 4, n: negativt",
                                  "Rad 4, n: mindre än noll"]


def test_a_row_with_a_problem_gives_no_value_and_the_heading_can_be_the_importers(app):
    problems = Problems()
    with app.test_request_context():
        assert problems.check_rows(ROWS, _number) == [1, 7]  # row 4 gave -2 with problems
        problems.add(None, NO_COLUMN)
        with pytest.raises(ImportProblems) as caught:
            problems.raise_if_any(HEADING)
    assert caught.value.message == HEADING
    # Problems of the file as a whole come first and have no row number.
    assert caught.value.lines[0] == NO_COLUMN
    assert [p.row for p in caught.value.problems] == [None, 3, 4, 4]


def test_no_problem_raises_nothing_and_other_errors_have_no_lines(app):
    problems = Problems()
    problems.raise_if_any()
    assert not problems
    assert problem_lines(ServiceError(EMPTY, "file")) == []
    assert problem_lines(None) == []


@pytest.mark.wording
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
                             [INSTRUCTION])
        rows = read_table("mall.xlsx", data, ("namn", "kommun"))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Instruktioner", "Deltagare"]
    assert book.active.title == "Deltagare"
    notes = [r[0] for r in book["Instruktioner"].iter_rows(values_only=True)]
    # The importer's instructions, then the two of every template (the example rows, saving).
    assert notes[0] == INSTRUCTION
    assert len(notes) == 3 and EXAMPLE_COLUMN in notes[1] and ".xlsx" in notes[2]
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
    assert "50 MB" in err.value.message  # the limit, not a row count
    assert "rader" not in err.value.message


@pytest.mark.wording
def test_the_template_notes_and_the_unpacking_refusal_read_as_written(app):
    with app.test_request_context():
        data = template_xlsx("Deltagare", ["namn"], [], [])
        with pytest.raises(ServiceError) as err:
            read_table("people.xlsx", _packed(app.config["IMPORT_MAX_XLSX_UNPACKED"]
                                              + 1024 * 1024), ["e-post"])
    notes = [r[0] for r in load_workbook(io.BytesIO(data))["Instruktioner"].iter_rows(
        values_only=True)]
    assert notes[-1].startswith("Spara som .xlsx eller som CSV")
    assert "packas upp till mer än 50 MB" in err.value.message
