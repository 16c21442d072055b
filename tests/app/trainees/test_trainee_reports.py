"""Report numbers, chart and table, exports, import of earlier cohorts, the CLI, the demo."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select


def test_report_numbers_per_cohort_and_host(client, auth, world, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    report_outcome(world.hbg, "permanent_member", employer="Helsingborg")
    report_outcome(world.bjuv2, "studies")
    auth.login("boss@example.org")
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert "Totalt 2 av 3 trainees (67 %) har tillsvidareanställning" in html
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
    assert "Pågående grupper som inte räknas än: 18" in html


def test_report_for_hr_counts_own_municipality_only(client, auth, world, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    report_outcome(world.hbg, "permanent_member", employer="Helsingborg")
    auth.login("hr.bjuv@example.org")
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert "Totalt 1 av 2 trainees (50 %)" in html
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


def _import(client, text, name="historik.csv"):
    """The file's preview, then its confirmation."""
    from tests.app.formats_helpers import confirm, kept_token

    return confirm(client, "/trainee/import", kept_token(_upload(client, text, name)))


def test_import_history_and_twice_adds_nothing(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Outcome, OutcomeChange, Trainee

    auth.login("boss@example.org")
    preview = _upload(client, CSV).get_data(as_text=True)
    assert "2 nya traineegrupper läggs till: 12, 13." in preview
    r = _import(client, CSV)
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Inläst: 4 nya trainees, 0 fanns redan, 2 nya grupper." in page
    with app.app_context():
        counts = (
            db.session.scalar(select(func.count()).select_from(Trainee)),
            db.session.scalar(select(func.count()).select_from(Outcome)),
        )
        assert db.session.scalar(select(Cohort.start_date).where(Cohort.number == 12)).year == 2017
        assert db.session.scalar(select(OutcomeChange.source)) == "import"
    r = _import(client, CSV)
    assert "Inläst: 0 nya trainees, 4 fanns redan, 0 nya grupper." in client.get(
        r.headers["Location"]
    ).get_data(as_text=True)
    with app.app_context():
        assert counts == (
            db.session.scalar(select(func.count()).select_from(Trainee)),
            db.session.scalar(select(func.count()).select_from(Outcome)),
        )
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert ">12<" in html and ">13<" in html


def test_import_is_all_or_nothing_with_row_numbers(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Cohort, Trainee

    bad = CSV + (
        "14;;Ny Person;Bjuv;;;;;\n"
        "12;2017-09-01;Eva Ny;Oslo;;tillsvidare;;;\n"
        "12;2017-09-01;Anna Berg;Bjuv;;flyttat;;;x\n"
    )
    auth.login("boss@example.org")
    r = _upload(client, bad)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<title>Fel:" in html
    assert ("Rad 6, gruppstart: grupp 14 finns inte än: skriv dess startdatum på gruppens "
            "första rad") in html
    assert "Rad 7, värdkommun: okänt värde ”Oslo”." in html
    assert "Rad 7, anställande kommun: saknas eller är okänd" in html
    assert "Rad 8, utfall: okänt värde ”flyttat”." in html
    assert "Rad 8, namn: Anna Berg i grupp 12 finns redan på rad 2" in html
    assert "Rad 8, anställd från: skriv datumet ÅÅÅÅ-MM-DD" in html
    assert 'name="upload"' not in html  # nothing to confirm
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Trainee)) == 4  # the world's
        assert db.session.scalar(select(Cohort.id).where(Cohort.number == 12)) is None
    assert "Filen måste vara en .csv- eller .xlsx-fil." in _upload(client, CSV, "x.pdf").get_data(
        as_text=True
    )
    assert "Kolumner saknas: namn" in _upload(client, "grupp;värdkommun\n1;Bjuv\n").get_data(
        as_text=True
    )


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
    page = client.get("/").get_data(as_text=True)
    assert "1 utfall att rapportera" in page and "Saga Ljung (grupp 16)" in page
    auth.logout()
    auth.login("admin@example.org", password=app.config["DEMO_PASSWORD"])
    html = client.get("/trainee/rapport").get_data(as_text=True)
    assert "100 % (8/8)" in html
