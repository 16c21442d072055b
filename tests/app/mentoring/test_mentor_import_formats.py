"""The enrolment import reads what Excel saves and offers a template that imports as is."""

from __future__ import annotations

import io

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
from tests.app.mentoring.test_mentor_enrolment import preview
from tests.said import refused, summary

SV_HEADER = ["id", "roll", "namn", "kommun", "verksamhetsområde", "chefsnivå", "år som chef",
             "mål", "språk", "mötesform", "kapacitet", "undantag", "lås", "e-post"]
SV_ROWS = [
    ["m1", "mentor", "Åsa Öberg", "Ängelholm", "Socialtjänst", "2", "12", "Svåra samtal", "sv",
     "båda", "1", "", "", "asa@example.org"],
    ["a1", "adept", "Örjan Ek", "Åstorp", "Grundskola", "1", "2", "Svåra samtal", "sv",
     "digitalt", "", "", "m1", "orjan@example.org"],
]


def names(app):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    with app.app_context():
        return sorted(db.session.scalars(select(User.name).join(Enrolment,
                                                                 Enrolment.user_id == User.id)))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_enrolment_import_reads_excel_csv_with_swedish_headers(
    app, client, auth, build_round, admin_user, encoding
):
    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    response = upload_and_confirm(client, f"/mentorskap/omgangar/{r.id}/importera",
                                  excel_csv([SV_HEADER, *SV_ROWS], encoding), "deltagare.csv")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert names(app) == ["Åsa Öberg", "Örjan Ek"]


def test_enrolment_import_reads_the_table_after_an_instructions_sheet(
    app, client, auth, build_round, admin_user
):
    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    data = workbook_bytes(INSTRUCTIONS, ("Deltagare", [["Anmälda till hösten"], SV_HEADER,
                                                       *SV_ROWS]))
    response = upload_and_confirm(client, f"/mentorskap/omgangar/{r.id}/importera", data,
                                  "d.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert names(app) == ["Åsa Öberg", "Örjan Ek"]


def test_enrolment_template_downloads_and_its_examples_are_never_imported(
    app, client, auth, build_round, admin_user
):
    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}/importera").get_data(as_text=True)
    url = f"/mentorskap/omgangar/{r.id}/importera/mall.xlsx"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Instruktioner", "Deltagare"]
    assert [c.value for c in book["Deltagare"][1]][:4] == ["id", "roll", "namn", "kommun"]
    assert [c.value for c in book["Deltagare"][1]][-1] == "exempel"
    template = response.data
    # Unchanged, the template imports nobody (and invites nobody): its rows are examples.
    response = upload(client, f"/mentorskap/omgangar/{r.id}/importera", template, "mall.xlsx")
    assert refused(response) == {"file"} and 'name="upload"' not in response.get_data(
        as_text=True)
    assert names(app) == []
    # Filled in below the examples, only the coordinator's own row is read.
    book["Deltagare"].append(["m7", "mentor", "Eva Lund", "Klippan", "HR", 2, 9,
                              "Svåra samtal", "sv", "", "", "", 1, "", "", "", "eva@example.org",
                              ""])
    buffer = io.BytesIO()
    book.save(buffer)
    url = f"/mentorskap/omgangar/{r.id}/importera"
    html = upload(client, url, buffer.getvalue(), "mall.xlsx").get_data(as_text=True)
    found = preview(app, r.id, buffer.getvalue(), admin_user.email, "mall.xlsx")
    assert found.examples == [2, 3] and found.counts.added == 1
    with app.test_request_context():
        assert found.example_note in html  # the page says which rows are examples
    assert upload_and_confirm(client, url, buffer.getvalue(), "mall.xlsx").status_code == 302
    assert names(app) == ["Eva Lund"]


@pytest.mark.wording
def test_the_template_says_its_examples_are_not_read(app, client, auth, build_round,
                                                     admin_user):
    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/importera"
    template = client.get(f"{url}/mall.xlsx").data
    [refusal] = summary(upload(client, url, template, "mall.xlsx"))
    assert refusal.endswith(": Filen har inga rader med personer (mallens exempelrader läses "
                            "inte in).")
    book = load_workbook(io.BytesIO(template))
    book["Deltagare"].append(["m7", "mentor", "Eva Lund", "Klippan", "HR", 2, 9,
                              "Svåra samtal", "sv", "", "", "", 1, "", "", "", "eva@example.org",
                              ""])
    buffer = io.BytesIO()
    book.save(buffer)
    html = upload(client, url, buffer.getvalue(), "mall.xlsx").get_data(as_text=True)
    assert "Raderna 2, 3 är mallens exempel och läses inte in." in html
