"""The coordinator edits a paragraph of the year's report before export: the edited
paragraph says so and can be reset, after a confirmation, to the generated text."""

from __future__ import annotations

from sqlalchemy import select

KEY = "trainee.events"
GENERATED = "Under 2023 hölls fem utbildningsdagar och elva studiebesök."
OWN = "Under året hölls fem utbildningsdagar, bland annat om svåra samtal, och elva studiebesök."


def test_an_edited_paragraph_says_so_and_can_be_reset(app, client, auth, year_2023, admin,
                                                      make_user):
    from mentorship.extensions import db
    from mentorship.reports.models import ReportParagraph

    auth.login(admin.email)
    form = client.get(f"/rapport/ar/2023/stycke/{KEY}").get_data(as_text=True)
    assert GENERATED in form  # the generated text is shown and filled in
    response = client.post(f"/rapport/ar/2023/stycke/{KEY}", data={"text": OWN})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#p-{KEY}")
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert OWN in html and GENERATED not in html
    assert "Redigerad" in html and f"/rapport/ar/2023/stycke/{KEY}/aterstall" in html
    # another year keeps its own text
    assert OWN not in client.get("/rapport/ar/2024").get_data(as_text=True)

    # the HR contact's version is always the generated one
    hr = make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    auth.logout()
    auth.login(hr.email)
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert OWN not in html and "Redigera stycket" not in html
    auth.logout()

    auth.login(admin.email)
    confirm = client.get(f"/rapport/ar/2023/stycke/{KEY}/aterstall").get_data(as_text=True)
    assert "Återställa stycket?" in confirm and OWN in confirm and GENERATED in confirm
    with app.app_context():
        assert db.session.scalar(select(ReportParagraph.text)) == OWN  # not yet
    client.post(f"/rapport/ar/2023/stycke/{KEY}/aterstall")
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert OWN not in html and "Redigerad" not in html
    with app.app_context():
        assert db.session.scalar(select(ReportParagraph)) is None


def test_bad_edits_change_nothing(app, client, auth, year_2023, admin):
    from mentorship.extensions import db
    from mentorship.reports.models import ReportParagraph

    auth.login(admin.email)
    html = client.post(f"/rapport/ar/2023/stycke/{KEY}", data={"text": "  "}).get_data(
        as_text=True)
    assert "Fel:" in html and "Skriv stycket." in html
    assert client.post("/rapport/ar/2023/stycke/finns.inte", data={"text": OWN}) \
        .status_code == 404
    # the generated text saved unchanged is no edit
    client.post(f"/rapport/ar/2023/stycke/{KEY}", data={"text": GENERATED + " " + (
        "Studiebesöken nådde samtliga elva medlemskommuner.")})
    with app.app_context():
        assert db.session.scalar(select(ReportParagraph)) is None
    # resetting a paragraph that was never edited goes back to the report
    response = client.get(f"/rapport/ar/2023/stycke/{KEY}/aterstall")
    assert response.status_code == 302


def test_only_admins_edit(client, login_as, year_2023):
    login_as("hr", municipality="Bjuv")
    assert client.get(f"/rapport/ar/2023/stycke/{KEY}").status_code == 403
    assert client.post(f"/rapport/ar/2023/stycke/{KEY}", data={"text": OWN}).status_code == 403
