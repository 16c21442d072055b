"""The trainee history import is previewed: every problem in one pass, new and unchanged
trainees and new groups, nothing saved before the confirmation; a new group's start date
on its first row is enough."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.app.formats_helpers import confirm, excel_csv, kept_token, workbook_bytes
from tests.app.trainees.test_trainee_reports import _preview, page_problems

HEADER = ["Grupp", "Gruppstart", "Namn", "Värdkommun", "Befattning", "Utfall",
          "Anställande kommun", "Anställningstitel", "Anställd från"]


def as_file(rows: list[list[object]], kind: str) -> tuple[bytes, str]:
    """The rows as Excel and LibreOffice save them."""
    if kind == "xlsx":
        return workbook_bytes(("Trainees", rows)), "historik.xlsx"
    return excel_csv([[str(c) for c in r] for r in rows], kind), "historik.csv"


def preview(client, rows, kind="utf-8-sig"):
    data, name = as_file(rows, kind)
    return client.post("/trainee/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def lines(response) -> list[str]:
    return page_problems(response)


def saved(app) -> tuple[int, int]:
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Trainee

    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Trainee)),
                db.session.scalar(select(func.count()).select_from(Cohort)))


@pytest.mark.parametrize("kind", ["xlsx", "utf-8-sig", "cp1252"])
def test_a_groups_start_on_its_first_row_is_enough(app, client, auth, world, kind):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort

    auth.login("boss@example.org")
    before = saved(app)
    start = date(2019, 9, 1) if kind == "xlsx" else "2019-09-01"
    rows = [HEADER,
            ["14", start, "Åke Ärlig", "Ängelholm", "utredare", "tillsvidare", "Höganäs",
             "utredare", "2020-09-01"],
            ["14", "", "Eva Holm", "Bjuv", "ekonom", "", "", "", ""],
            ["14,0", "", "Per Ek", "1276", "", "studier", "", "", ""]]
    planned = _preview(app, *as_file(rows, kind))
    assert planned.problems == [] and planned.counts.added == 3
    assert planned.counts.created["cohorts"] == 1
    assert [re.findall(r"\d+", note) for note in planned.notes] == [["1", "14"]]
    response = preview(client, rows, kind)
    html = response.get_data(as_text=True)
    table = html.split('class="import-counts"')[1].split("</table>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', table) == ["3", "0", "0"]
    assert planned.notes[0] in html
    assert saved(app) == before  # nothing before the confirmation
    assert confirm(client, "/trainee/import", kept_token(response)).status_code == 302
    assert saved(app) == (before[0] + 3, before[1] + 1)
    with app.app_context():
        assert db.session.scalar(select(Cohort.start_date).where(Cohort.number == 14)) == \
            date(2019, 9, 1)
    # Again: every trainee is already there, and nothing is added.
    html = preview(client, rows, kind).get_data(as_text=True)
    table = html.split('class="import-counts"')[1].split("</table>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', table) == ["0", "0", "3"]


PROBLEMS = [HEADER,
            ["20", "", "Åke Ärlig", "Bjuvv", "", "tillsvidar", "", "", "2020-13-01"],
            ["20", "2019-09-01", "Eva Holm", "Bjuv", "", "", "", "", ""],
            ["21", "2019-09-01", "Per Ek", "Bjuv", "", "", "", "", ""],
            ["21", "2019-10-01", "Lisa Holm", "Bjuv", "", "", "", "", ""],
            ["22", "", "Omar Ali", "Bjuv", "", "", "", "", ""],
            ["2,5", "", "", "Bjuv", "", "", "", "", ""]]


def test_every_problem_in_one_pass_named_as_the_file_names_its_columns(app, world):
    found = _preview(app, *as_file(PROBLEMS, "utf-8-sig")).problems
    found = sorted(found, key=lambda p: p.row or 0)
    # the columns as the file's header writes them (capitalised here)
    assert [(p.row, p.column) for p in found] == [
        (2, "Värdkommun"), (2, "Utfall"), (2, "Anställd från"), (5, "Gruppstart"),
        (6, "Gruppstart"), (7, "Namn"), (7, "Grupp")]
    message = [p.message for p in found]
    assert "Bjuvv" in message[0] and "”Bjuv”" in message[0]  # the closest known value
    assert "tillsvidar" in message[1] and "”tillsvidare”" in message[1]
    assert "21" in message[3] and "2019-09-01" in message[3] and "4" in message[3]
    assert "22" in message[4] and "2,5" in message[6]


def test_the_preview_page_lists_every_problem_and_saves_nothing(app, client, auth, world):
    expected = _preview(app, *as_file(PROBLEMS, "utf-8-sig")).lines
    auth.login("boss@example.org")
    before = saved(app)
    response = preview(client, PROBLEMS)
    html = response.get_data(as_text=True)
    assert "<title>Fel:" in html and 'name="upload"' not in html
    assert lines(response) == expected and len(expected) == 7
    assert saved(app) == before


@pytest.mark.wording
def test_the_problems_read_as_lines_with_row_and_column(app, world):
    assert _preview(app, *as_file(PROBLEMS, "utf-8-sig")).lines == [
        "Rad 2, Värdkommun: okänt värde ”Bjuvv”. Menade du ”Bjuv”?",
        "Rad 2, Utfall: okänt värde ”tillsvidar”. Menade du ”tillsvidare”?",
        "Rad 2, Anställd från: skriv datumet ÅÅÅÅ-MM-DD",
        "Rad 5, Gruppstart: grupp 21 startar 2019-09-01 enligt rad 4",
        "Rad 6, Gruppstart: grupp 22 finns inte än: skriv dess startdatum på gruppens "
        "första rad",
        "Rad 7, Namn: är tom",
        "Rad 7, Grupp: ”2,5” har decimaler; skriv ett heltal.",
    ]
    rows = [HEADER, ["14", "2019-09-01", "Åke Ärlig", "Ängelholm", "", "", "", "", ""]]
    assert _preview(app, *as_file(rows, "utf-8-sig")).notes == [
        "1 ny traineegrupp läggs till: 14."]
