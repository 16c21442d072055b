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
    html = response.get_data(as_text=True)
    block = html.split('class="import-problems"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", block)


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
    response = preview(client, rows, kind)
    html = response.get_data(as_text=True)
    assert "1 ny traineegrupp läggs till: 14." in html
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


def test_every_problem_in_one_pass_named_as_the_file_names_its_columns(app, client, auth,
                                                                       world):
    auth.login("boss@example.org")
    before = saved(app)
    rows = [HEADER,
            ["20", "", "Åke Ärlig", "Bjuvv", "", "tillsvidar", "", "", "2020-13-01"],
            ["20", "2019-09-01", "Eva Holm", "Bjuv", "", "", "", "", ""],
            ["21", "2019-09-01", "Per Ek", "Bjuv", "", "", "", "", ""],
            ["21", "2019-10-01", "Lisa Holm", "Bjuv", "", "", "", "", ""],
            ["22", "", "Omar Ali", "Bjuv", "", "", "", "", ""],
            ["2,5", "", "", "Bjuv", "", "", "", "", ""]]
    response = preview(client, rows)
    assert "<title>Fel: Förhandsvisning: Läs in tidigare traineegrupper" in \
        response.get_data(as_text=True)
    assert lines(response) == [
        "Rad 2, Värdkommun: okänt värde ”Bjuvv”. Menade du ”Bjuv”?",
        "Rad 2, Utfall: okänt värde ”tillsvidar”. Menade du ”tillsvidare”?",
        "Rad 2, Anställd från: skriv datumet ÅÅÅÅ-MM-DD",
        "Rad 5, Gruppstart: grupp 21 startar 2019-09-01 enligt rad 4",
        "Rad 6, Gruppstart: grupp 22 finns inte än: skriv dess startdatum på gruppens "
        "första rad",
        "Rad 7, Namn: är tom",
        "Rad 7, Grupp: ”2,5” har decimaler; skriv ett heltal.",
    ]
    assert saved(app) == before
