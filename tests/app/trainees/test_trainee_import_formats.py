"""The history import reads what Excel saves and offers a template that imports as is."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.app.formats_helpers import (
    INSTRUCTIONS,
    excel_csv,
    upload,
    upload_and_confirm,
    workbook_bytes,
)
from tests.app.trainees.test_trainee_reports import _preview
from tests.said import refused

HEADER = ["grupp", "gruppstart", "namn", "värdkommun", "befattning", "utfall",
          "anställande kommun", "anställningstitel", "anställd från"]
ROW = ["12", "2017-09-01", "Åke Ärlig", "Ängelholm", "utredare", "söker arbete", "", "", ""]


def trainee_names(app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee

    with app.app_context():
        return sorted(t.name for t in db.session.scalars(select(Trainee)))


def test_trainee_import_reads_windows_1252_and_a_later_sheet(app, client, auth, world):
    auth.login("boss@example.org")
    before = trainee_names(app)
    response = upload_and_confirm(client, "/trainee/import", excel_csv([HEADER, ROW], "cp1252"),
                                  "h.csv")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert sorted([*before, "Åke Ärlig"]) == trainee_names(app)
    row = [13, date(2018, 9, 1), "Östen Ål", "Åstorp", "", "", "", "", ""]
    data = workbook_bytes(INSTRUCTIONS, ("Trainees", [HEADER, row]))
    assert upload_and_confirm(client, "/trainee/import", data, "historik.xlsx").status_code == 302
    assert "Östen Ål" in trainee_names(app)


def test_trainee_template_downloads_and_its_example_is_never_imported(app, client, auth, world):
    auth.login("boss@example.org")
    assert "/trainee/import/mall.xlsx" in client.get("/trainee/import").get_data(as_text=True)
    response = client.get("/trainee/import/mall.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Instruktioner", "Trainees"]
    assert book["Trainees"]["B2"].is_date
    before = trainee_names(app)
    # The template as downloaded: its example is all there is, and the file is refused.
    refusal = upload(client, "/trainee/import", response.data, "mall.xlsx")
    assert refusal.status_code == 200 and refused(refusal) == {"file"}
    assert 'name="upload"' not in refusal.get_data(as_text=True)
    # Filled in below the example (the group's start on its first row only), only the
    # coordinator's own rows are read.
    book["Trainees"].append([16, date(2021, 9, 1), "Åke Ärlig", "Höganäs"])
    book["Trainees"].append([16, None, "Eva Holm", "Bjuv"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = _preview(app, buffer.getvalue(), "mall.xlsx")
    assert preview.examples == [2] and preview.problems == []  # row 2 set aside
    assert (preview.counts.added, preview.counts.created["cohorts"]) == (2, 1)
    html = upload(client, "/trainee/import", buffer.getvalue(), "mall.xlsx").get_data(
        as_text=True)
    assert 'name="upload"' in html  # a preview to confirm
    assert upload_and_confirm(client, "/trainee/import", buffer.getvalue(),
                              "mall.xlsx").status_code == 302
    assert trainee_names(app) == sorted([*before, "Åke Ärlig", "Eva Holm"])


def test_a_file_without_the_required_header_is_refused(app, client, auth, world):
    from mentorship.imports import ImportFile
    from mentorship.refusals import ServiceError
    from mentorship.trainees.reports.importer import REQUIRED, preview_history

    data = excel_csv([["Historik"], ["grupp", "värdkommun"], ["1", "Bjuv"]], "cp1252")
    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("h.csv", data))
    # the first row is read as the header: every required column is missing
    assert err.value.field == "file" and all(c in err.value.message for c in REQUIRED)
    before = trainee_names(app)
    auth.login("boss@example.org")
    response = upload(client, "/trainee/import", data, "h.csv")
    assert response.status_code == 200 and refused(response) == {"file"}
    assert trainee_names(app) == before


@pytest.mark.wording
def test_the_template_and_header_refusals_say_what_to_do(app, client, auth, world):
    from mentorship.imports import ImportFile
    from mentorship.refusals import ServiceError
    from mentorship.trainees.reports.importer import preview_history, template

    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("mall.xlsx", template()))
        assert "mallens exempelrader läses inte in" in err.value.message
        data = excel_csv([["Historik"], ["grupp", "värdkommun"], ["1", "Bjuv"]], "cp1252")
        with pytest.raises(ServiceError) as err:
            preview_history(ImportFile("h.csv", data))
        assert err.value.message.startswith("Kolumner saknas: grupp, namn, värdkommun.")
        assert "första raden" in err.value.message
        book = load_workbook(io.BytesIO(template()))
        book["Trainees"].append([16, date(2021, 9, 1), "Åke Ärlig", "Höganäs"])
        buffer = io.BytesIO()
        book.save(buffer)
        preview = preview_history(ImportFile("mall.xlsx", buffer.getvalue()))
        assert preview.example_note == "Rad 2 är mallens exempel och läses inte in."
