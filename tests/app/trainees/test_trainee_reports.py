"""Report numbers, chart and table, exports, import of earlier cohorts, the CLI, the demo."""

from __future__ import annotations

import html as html_module
import io
import re
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.said import cards, flashed, flashes, refused


def _report(app, email: str):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.reports.services import build_report

    with app.test_request_context():
        actor = db.session.scalar(select(User).where(User.email == email))
        return build_report(actor, date.today())


def _numbers(html: str, element_id: str) -> list[str]:
    """The numbers in the page's element with this id."""
    text = re.search(rf'id="{element_id}">(.*?)</', html, re.S)[1]
    return re.findall(r"\d+", text)


def test_report_numbers_per_cohort_and_host(app, client, auth, world, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    report_outcome(world.hbg, "permanent_member", employer="Helsingborg")
    report_outcome(world.bjuv2, "studies")
    report = _report(app, "boss@example.org")
    total = report.total
    assert (total.trainees, total.permanent, total.percent) == (3, 2, 67)
    assert [line.label for line in report.ongoing] == ["18"]
    auth.login("boss@example.org")
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert _numbers(html, "report-total") == ["2", "3", "67"]
    assert (
        "<svg" in html
        and "<rect" in html
        and "style=" not in html.split("<svg")[1].split("</svg>")[0]
    )
    assert "67 % (2/3)" in html  # the bar for cohort 17 says what the table says
    cohorts = html.split('id="chart-cohorts-table"')[1].split("</table>")[0]
    assert ">17<" in cohorts and ">67 %<" in cohorts
    hosts = html.split('id="chart-hosts-table"')[1].split("</table>")[0]
    assert "Bjuv" in hosts and ">50 %<" in hosts and ">100 %<" in hosts
    assert _numbers(html, "report-ongoing") == ["18"]  # running groups, not counted yet


def test_report_for_hr_counts_own_municipality_only(app, client, auth, world, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    report_outcome(world.hbg, "permanent_member", employer="Helsingborg")
    total = _report(app, "hr.bjuv@example.org").total
    assert (total.trainees, total.permanent, total.percent) == (2, 1, 50)
    auth.login("hr.bjuv@example.org")
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert _numbers(html, "report-total") == ["1", "2", "50"]
    assert "Helsingborg" not in html.split('id="chart-hosts-table"')[1].split("</table>")[0]
    csv = client.get("/trainee/rapport/export.csv").get_data(as_text=True)
    assert "Helsingborg" not in csv


def test_report_export_csv_and_xlsx_same_numbers(client, auth, world, report_outcome, app):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    auth.login("boss@example.org")
    r = client.get(f"/trainee/rapport/export.csv?cohort={world.c17}")
    assert r.headers["Content-Disposition"].endswith('trainee-rapport.csv"')
    text = r.data.decode("utf-8-sig")
    assert "Per traineegrupp;17;" in text and "Per värdkommun;Bjuv;;2;1;1;50" in text
    sheet = load_workbook(io.BytesIO(client.get("/trainee/rapport/export.xlsx").data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Avsnitt"
    assert ("Totalt", None, None, 3, 1, 1, 33) in [tuple(r) for r in rows] or rows[-1][3] == 3


def test_report_queries_do_not_grow(client, login_as, world, count_queries, app, report_outcome):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import NewTrainee, register_trainee
    from tests.app.trainees.conftest import placement

    login_as("admin")
    client.get("/trainee/rapport")
    with count_queries() as few:
        client.get("/trainee/rapport")
    with app.test_request_context():
        admin = db.session.get(User, world.admin.id)
        for i in range(8):
            register_trainee(
                admin, NewTrainee(world.c17, f"T {i}", f"t{i}@example.org", placement("Perstorp"))
            )
        db.session.commit()
    with count_queries() as many:
        client.get("/trainee/rapport")
    assert many.count == few.count


CSV = (
    "grupp;gruppstart;namn;värdkommun;befattning;utfall;anställande kommun;anställningstitel;"
    "anställd från\n"
    "12;2017-09-01;Anna Berg;Bjuv;utredare;tillsvidare;Bjuv;utredare;2018-09-01\n"
    "12;2017-09-01;Per Ek;Klippan;ekonom;studier;;;\n"
    "13;2018-09-01;Lisa Holm;1283;HR-specialist;visstid;Höganäs;HR-specialist;2019-09-01\n"
    "13;2018-09-01;Omar Ali;Ängelholm;GIS-ingenjör;;;;\n"
)


def _upload(client, text, name="historik.csv"):
    """The file's preview (nothing saved)."""
    return client.post(
        "/trainee/import",
        data={"file": (io.BytesIO(text.encode("utf-8")), name)},
        content_type="multipart/form-data",
    )


def _preview(app, text: str | bytes, name: str = "historik.csv"):
    """The history import's preview of the file, from the service (writes nothing)."""
    from mentorship.imports import ImportFile
    from mentorship.trainees.reports.importer import preview_history

    data = text.encode("utf-8") if isinstance(text, str) else text
    with app.test_request_context():
        return preview_history(ImportFile(name, data))


def page_problems(response) -> list[str]:
    """The problems the preview page lists."""
    page = response if isinstance(response, str) else response.get_data(as_text=True)
    block = page.split('class="import-problems"', 1)[1].split("</ul>", 1)[0]
    return [html_module.unescape(line) for line in re.findall(r"<li>(.*?)</li>", block)]


def _import(client, text, name="historik.csv"):
    """The file's preview, then its confirmation."""
    from tests.app.formats_helpers import confirm, kept_token

    return confirm(client, "/trainee/import", kept_token(_upload(client, text, name)))


def test_import_history_and_twice_adds_nothing(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Outcome, OutcomeChange, Trainee

    planned = _preview(app, CSV)
    assert (planned.counts.added, planned.counts.unchanged) == (4, 0)
    assert planned.counts.created["cohorts"] == 2 and planned.problems == []
    (note,) = planned.notes
    assert re.findall(r"\d+", note) == ["2", "12", "13"]  # the new groups, by number
    auth.login("boss@example.org")
    preview = _upload(client, CSV).get_data(as_text=True)
    assert _counts_shown(preview) == ["4", "0", "0"] and html_module.escape(note) in preview
    r = _import(client, CSV)
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert r.headers["Location"] == "/trainee/rapport"
    page = client.get(r.headers["Location"])
    assert flashed(page) == ["success"]
    assert re.findall(r"\d+", flashes(page)[0][1]) == ["4", "0", "2"]  # added, there, groups
    with app.app_context():
        counts = (
            db.session.scalar(select(func.count()).select_from(Trainee)),
            db.session.scalar(select(func.count()).select_from(Outcome)),
        )
        assert db.session.scalar(select(Cohort.start_date).where(Cohort.number == 12)).year == 2017
        assert db.session.scalar(select(OutcomeChange.source)) == "import"
    assert _preview(app, CSV).counts.unchanged == 4
    r = _import(client, CSV)
    page = client.get(r.headers["Location"])
    assert flashed(page) == ["success"]
    assert re.findall(r"\d+", flashes(page)[0][1]) == ["0", "4", "0"]
    with app.app_context():
        assert counts == (
            db.session.scalar(select(func.count()).select_from(Trainee)),
            db.session.scalar(select(func.count()).select_from(Outcome)),
        )
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert ">12<" in html and ">13<" in html


BAD = CSV + (
    "14;;Ny Person;Bjuv;;;;;\n"
    "12;2017-09-01;Eva Ny;Oslo;;tillsvidare;;;\n"
    "12;2017-09-01;Anna Berg;Bjuv;;flyttat;;;x\n"
)


def _counts_shown(page: str) -> list[str]:
    """The preview's counts as its table shows them: new, updated, unchanged."""
    table = page.split('class="import-counts"')[1].split("</table>")[0]
    return re.findall(r'<td class="num">(\d+)</td>', table)


def test_every_problem_of_the_file_by_row_and_column(app, world):
    preview = _preview(app, BAD)
    found = sorted(preview.problems, key=lambda p: p.row or 0)  # as the page lists them
    assert [(p.row, p.column) for p in found] == [
        (6, "gruppstart"), (7, "värdkommun"), (7, "anställande kommun"), (8, "utfall"),
        (8, "anställd från"), (8, "namn")]
    message = {(p.row, p.column): p.message for p in preview.problems}
    assert "14" in message[(6, "gruppstart")]  # the group without a start
    assert "Oslo" in message[(7, "värdkommun")] and "flyttat" in message[(8, "utfall")]
    assert "Anna Berg" in message[(8, "namn")] and "2" in message[(8, "namn")]  # its row


def test_import_is_all_or_nothing_with_row_numbers(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Trainee

    expected = _preview(app, BAD).lines
    auth.login("boss@example.org")
    r = _upload(client, BAD)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<title>Fel:" in html
    assert page_problems(r) == expected and len(expected) == 6
    assert 'name="upload"' not in html  # nothing to confirm
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Trainee)) == 4  # the world's
        assert db.session.scalar(select(Cohort.id).where(Cohort.number == 12)) is None
    for refused_file in (_upload(client, CSV, "x.pdf"),
                         _upload(client, "grupp;värdkommun\n1;Bjuv\n")):
        assert refused_file.status_code == 200 and refused(refused_file) == {"file"}
        assert 'name="upload"' not in refused_file.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Trainee)) == 4


def test_a_file_of_another_kind_or_without_a_column_is_refused_by_the_service(app, world):
    from mentorship.imports import ImportFile
    from mentorship.refusals import ServiceError
    from mentorship.trainees.reports.importer import preview_history

    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("x.pdf", CSV.encode()))
        assert err.value.field == "file"
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("h.csv", "grupp;värdkommun\n1;Bjuv\n".encode()))
        assert err.value.field == "file" and "namn" in err.value.message


@pytest.mark.wording
def test_the_history_imports_words(app, world):
    """The problems as lines naming the row and the column, the refusals of a file, the
    preview's note on new groups and the import's result (singular and plural)."""
    from mentorship.imports import ImportFile
    from mentorship.refusals import ServiceError
    from mentorship.trainees.jobs import import_trainee_history
    from mentorship.trainees.reports.importer import preview_history

    lines = _preview(app, BAD).lines
    assert lines[0] == ("Rad 6, gruppstart: grupp 14 finns inte än: skriv dess startdatum på "
                        "gruppens första rad")
    assert lines[1].startswith("Rad 7, värdkommun: okänt värde ”Oslo”. Kända värden: Bjuv, ")
    assert lines[2] == ("Rad 7, anställande kommun: saknas eller är okänd (krävs för "
                        "tillsvidare och visstid)")
    assert lines[3].startswith("Rad 8, utfall: okänt värde ”flyttat”. Kända värden: ")
    assert lines[4:] == ["Rad 8, anställd från: skriv datumet ÅÅÅÅ-MM-DD",
                         "Rad 8, namn: Anna Berg i grupp 12 finns redan på rad 2"]
    assert _preview(app, CSV).notes == ["2 nya traineegrupper läggs till: 12, 13."]
    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("x.pdf", CSV.encode()))
        assert err.value.message == "Filen måste vara en .csv- eller .xlsx-fil."
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("h.csv", "grupp;värdkommun\n1;Bjuv\n".encode()))
        assert err.value.message.startswith("Kolumner saknas: namn.")
        message, _result = import_trainee_history(None, lambda done, total: None,
                                                  ImportFile("h.csv", CSV.encode()))
        assert message == "Inläst: 4 nya trainees, 0 fanns redan, 2 nya grupper."
        one = CSV.split("\n", 1)[0] + "\n30;2020-09-01;Ny Person;Bjuv;;;;;\n"
        message, _result = import_trainee_history(None, lambda done, total: None,
                                                  ImportFile("h.csv", one.encode()))
        assert message == "Inläst: 1 ny trainee, 0 fanns redan, 1 ny grupp."


def test_import_xlsx(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee

    book = Workbook()
    sheet = book.active
    for line in CSV.strip().split("\n"):
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    auth.login("boss@example.org")
    from tests.app.formats_helpers import upload_and_confirm

    r = upload_and_confirm(client, "/trainee/import", buffer.getvalue(), "h.xlsx")
    assert r.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Trainee)) == 8


def test_only_admin_imports(client, auth, world):
    auth.login("hr.bjuv@example.org")
    assert client.get("/trainee/import").status_code == 403


def test_cli_report(runner, world, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    report_outcome(world.hbg, "studies")
    result = runner.invoke(args=["outcomes", "report"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "Grupp",
        "Start",
        "Status",
        "Trainees",
        "Rapporterade",
        "Tillsvidare",
        "Andel",
    ]
    assert lines[1].split()[0] == "17" and lines[1].split()[2:] == [
        "avslutad",
        "3",
        "2",
        "1",
        "33",
        "%",
    ]
    assert lines[2].split()[0] == "18" and "pågår" in lines[2]
    result = runner.invoke(args=["outcomes", "report", "--format", "csv"])
    assert result.output.splitlines()[1].endswith(",avslutad,3,2,1,33")


def test_demo_is_idempotent_and_cohort_17_is_8_of_8(app, runner, client, auth):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Outcome, Trainee, TraineeEvent

    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        counts = [
            db.session.scalar(select(func.count()).select_from(m))
            for m in (Cohort, Trainee, Outcome, TraineeEvent)
        ]
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        again = [
            db.session.scalar(select(func.count()).select_from(m))
            for m in (Cohort, Trainee, Outcome, TraineeEvent)
        ]
        c18 = db.session.scalar(select(Cohort).where(Cohort.number == 18))
        assert 118 <= (date.today() - c18.start_date).days <= 155  # four months in
        assert not c18.finished(date.today())
        assert len(c18.trainees) == 10
    assert counts == again
    report = runner.invoke(args=["outcomes", "report"]).output
    row17 = next(line for line in report.splitlines() if line.split()[0] == "17")
    assert row17.split()[2:] == ["avslutad", "8", "8", "8", "100", "%"]
    auth.login("hr.helsingborg@example.org", password=app.config["DEMO_PASSWORD"])
    (card,) = [(title, text) for url, title, text in cards(client.get("/"))
               if url == "/trainee/utfall"]
    assert re.findall(r"\d+", card[0]) == ["1"] and "Saga Ljung (grupp 16)" in card[1]
    auth.logout()
    auth.login("admin@example.org", password=app.config["DEMO_PASSWORD"])
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert "100 % (8/8)" in html
