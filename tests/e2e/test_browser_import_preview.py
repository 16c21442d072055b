"""Both imports in a browser, as a coordinator does them: the file with mistakes shows
every one of them at once; the right file shows what it would do (the template's example
rows skipped) and nothing is saved or sent until "Bekräfta och importera". Axe on the
import page, the previews and the result."""

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import refused

LIVE_SERVER_DATA = "empty"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _new_round(app) -> int:
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.services import RoundSettings, create_round

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        round_ = create_round(admin, RoundSettings("Våren 2027", date(2027, 2, 1),
                                                   date(2027, 12, 15), 0.0, {}))
        db.session.commit()
        return round_.id


def _saved(app) -> tuple[int, int, int]:
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment
    from mentorship.trainees.models import Trainee

    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (Enrolment, OutboxMessage, Trainee))


def _cohort_start(app, number: int) -> date | None:
    """The start of trainee group `number`, None while there is no such group."""
    from mentorship.trainees.models import Cohort

    return from_db(app, lambda s: s.scalar(select(Cohort.start_date)
                                           .where(Cohort.number == number)))


def _filled_in(template: bytes) -> bytes:
    """The downloaded template with two people written below its example rows (the adept
    locked to the mentor, whom she also wishes for)."""
    book = load_workbook(io.BytesIO(template))
    sheet = book["Deltagare"]
    sheet.append(["m7", "mentor", "Eva Lund", "Klippan", "HR", 2, 9, "Svåra samtal", "sv",
                  "", "", "båda", 2, "", "", "", "eva.lund@example.org"])
    sheet.append(["a7", "adept", "Omar Ali", "Bjuv", "Grundskola", 1, 2, "Leda förändring",
                  "sv", "", "", "digitalt", "", "", "m7", "m7", "omar.ali@example.org"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choose(page, name: str, data: bytes, mime: str) -> None:
    page.get_by_label("Fil (.csv eller .xlsx)").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data})


def test_imports_preview_then_confirm(live_server, page):
    app, base = live_server.app, live_server.url
    round_id = _new_round(app)
    url = f"/mentorskap/omgangar/{round_id}/importera"
    login(page, base, "admin@example.org", then=url)
    axe_check(page, "importera deltagare")
    template = page.request.get(f"{base}{url}/mall.xlsx").body()
    before = _saved(app)

    # The template as it is: only examples, nothing to import.
    _choose(page, "mall.xlsx", template, XLSX)
    follow(page.get_by_role("button", name="Förhandsgranska"))
    assert refused(page.content()) == {"file"}
    assert page.locator("form.confirm").count() == 0
    assert _saved(app) == before
    page.console_errors.clear()  # the refused file answered 400

    # A file with a mistake in every row: all of them at once, nothing to confirm.
    bad = ("id;roll;namn;kommun;verksamhetsområde;år som chef;kapacitet;lås;e-post\r\n"
           "m1;mentor;Åsa Öberg;Ängelholm;Golfbana;2,5;0;;asa@\r\n"
           "a1;adept;Örjan Ek;Ängelholm;Grundskola;1;;m1;orjan@example.org\r\n")
    _choose(page, "deltagare.csv", bad.encode("cp1252"), "text/csv")
    follow(page.get_by_role("button", name="Förhandsgranska"))
    assert page.title().startswith("Fel:")
    problems = page.locator(".import-problems[role=alert] li").all_inner_texts()
    # one line per mistake, each naming its row, its column and the value it refused
    mistakes = ((2, "verksamhetsområde", "Golfbana"), (2, "år som chef", "2,5"),
                (2, "kapacitet", "0"), (2, "e-post", ""), (3, "lås", "m1"))
    assert len(problems) == len(mistakes), problems
    for row, column, value in mistakes:
        assert any(f" {row}, {column}:" in line and value in line for line in problems), (
            row, column, problems)
    assert page.locator("form.confirm").count() == 0  # nothing to confirm
    assert _saved(app) == before
    axe_check(page, "förhandsvisning med fel")

    # The filled-in template: what it would do, and nothing done yet.
    _choose(page, "mall.xlsx", _filled_in(template), XLSX)
    follow(page.get_by_role("button", name="Förhandsgranska en ny fil"))
    preview = page.get_by_role("region", name="Förhandsvisning av mall.xlsx")
    counts = preview.locator("table.import-counts")
    assert counts.get_by_role("row", name="Nya 2").is_visible()  # the examples left out
    assert "2, 3" in preview.inner_text()  # the example rows, named by their numbers
    assert preview.locator("form.confirm").is_visible()
    assert "upload" not in page.url and "eva" not in page.url
    axe_check(page, "förhandsvisning av deltagare")
    assert _saved(app) == before
    follow(preview.locator("form.confirm button[type=submit]"))
    assert flash_kinds(page) == ["success"]
    axe_check(page, "deltagare efter importen")
    # two enrolments, and an invitation for each of the two new accounts
    assert _saved(app) == (before[0] + 2, before[1] + 2, before[2])

    # The trainee history: a new group's start on its first row is enough.
    page.goto(f"{base}/trainee/import")
    history = ("grupp;gruppstart;namn;värdkommun;befattning\r\n"
               "9;2014-09-01;Lena Berg;Höganäs;utredare\r\n"
               "9;;Nils Holm;Perstorp;ekonom\r\n")
    _choose(page, "historik.csv", history.encode("utf-8-sig"), "text/csv")
    follow(page.get_by_role("button", name="Förhandsgranska"))
    preview = page.get_by_role("region", name="Förhandsvisning av historik.csv")
    counts = preview.locator("table.import-counts")
    assert counts.get_by_role("row", name="Nya 2").is_visible()
    axe_check(page, "förhandsvisning av historiken")
    assert _saved(app)[2] == before[2]
    assert _cohort_start(app, 9) is None
    follow(preview.locator("form.confirm button[type=submit]"))
    assert flash_kinds(page) == ["success"]
    assert _saved(app)[2] == before[2] + 2
    assert _cohort_start(app, 9) == date(2014, 9, 1)  # the new group, from its first row
    assert not page.console_errors, page.console_errors
