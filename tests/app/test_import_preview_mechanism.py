"""Every import goes through the one preview mechanism (mentorship.import_preview): the
file read by `read_upload` (the template's example rows skipped), planned before anything
is written, previewed by its page, and its problems name columns as the file does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentorship.import_preview import unknown_value
from mentorship.imports import ImportFile, Problems, Report, Row

ROOT = Path(__file__).resolve().parents[2] / "mentorship"
#: Every import there is: its importer module and its view module.
IMPORTS = {
    "mentorship.mentoring.enrolment.importer": "mentorship/mentoring/enrolment/views.py",
    "mentorship.trainees.reports.importer": "mentorship/trainees/reports/views.py",
}


def _sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT.parent)): p.read_text(encoding="utf-8")
            for p in ROOT.rglob("*.py")}


def test_every_import_is_listed_here_and_reads_its_file_through_read_upload():
    sources = _sources()
    templates = {path for path, text in sources.items() if "template_xlsx(" in text}
    templates -= {"mentorship/imports.py"}
    assert templates == {m.replace(".", "/") + ".py" for m in IMPORTS}
    readers = {path for path, text in sources.items() if re.search(r"\bread_table\(", text)}
    assert readers <= {"mentorship/imports.py", "mentorship/import_preview.py"}, readers
    for module in IMPORTS:
        text = sources[module.replace(".", "/") + ".py"]
        assert "read_upload(" in text and "Plan(" in text and ".confirmed()" in text, module


def test_every_page_with_a_file_upload_previews_before_it_imports():
    sources = _sources()
    uploads = {path for path, text in sources.items() if "ImportForm()" in text}
    assert uploads == set(IMPORTS.values())
    for path in uploads:
        text = sources[path]
        assert "import_preview.previewed(" in text and "import_preview.confirmed(" in text


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_every_template_unchanged_imports_nothing(app, module):
    import importlib

    from mentorship.import_preview import read_upload

    importer = importlib.import_module(module)
    with app.test_request_context():
        table = read_upload(ImportFile("mall.xlsx", importer.template()), importer.EXPECTED,
                            importer.ALIASES)
    assert table.rows == [] and table.examples, module


def test_a_problem_names_its_column_as_the_files_header_does(app):
    problems = Problems()
    row = Row(4, {"capacity": "0"}, {"capacity": "Kapacitet"})
    out_of_range, whole_row = "måste vara 1–3", "hela raden"  # the importer's own words
    with app.test_request_context():
        Report(problems, row)(out_of_range, "capacity")
        Report(problems, row)(whole_row)
        assert [(p.row, p.column, p.message) for p in problems.found] == [
            (4, "Kapacitet", out_of_range), (4, None, whole_row)]
        lines = [str(p) for p in problems.found]
    assert "Kapacitet" in lines[0] and "capacity" not in lines[0]
    assert "Kapacitet" not in lines[1] and lines[1].endswith(whole_row)


def test_an_unknown_value_lists_the_known_ones_in_swedish_order(app):
    said: list[str] = []
    with app.test_request_context():
        unknown_value(lambda message, column: said.append(message), "kommun", "Xyz",
                      ["Örkelljunga", "Ängelholm", "Åstorp", "Bjuv"])
    names = ["Bjuv", "Åstorp", "Ängelholm", "Örkelljunga"]
    assert said and ", ".join(names) in said[0]
