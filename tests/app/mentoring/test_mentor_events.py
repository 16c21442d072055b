"""Workshops (capacity, .ics, attendance), evaluation threshold, Årets mentor, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select


def _first_workshop(app, round_id):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop

    with app.app_context():
        return db.session.scalar(
            select(Workshop.id).where(Workshop.round_id == round_id, Workshop.number == 1))


def test_workshops_capacity_calendar_and_attendance(app, client, auth, build_round, admin_user,
                                                    password_hash):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    wid = _first_workshop(app, r.id)
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/workshoppar").get_data(as_text=True)
    assert html.count("utkast") == 4  # four drafts created with the round
    response = client.post(f"/mentorskap/workshop/{wid}/andra", data={
        "title": "Leda förändring", "starts_at": "2026-02-10T09:00", "minutes": "180",
        "place": "Stadshuset, Ängelholm", "link": "", "host_municipality_id": "0",
        "capacity": "1"})
    assert response.status_code == 302, response.data[:3000]
    auth.logout()
    auth.login("adept0@example.org")
    assert "Leda förändring" in client.get("/mentorskap/").get_data(as_text=True)
    assert client.post(f"/mentorskap/workshop/{wid}/anmal").status_code == 302
    ics = client.get(f"/mentorskap/workshop/{wid}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert b"SUMMARY:Leda f" in ics.data and b"DTSTART" in ics.data
    auth.logout()
    auth.login("adept1@example.org")
    response = client.post(f"/mentorskap/workshop/{wid}/anmal", follow_redirects=True)
    assert "fullbokad" in response.get_data(as_text=True)
    auth.logout()
    auth.login(admin_user.email)
    from mentorship.extensions import db
    from mentorship.mentoring.models import WorkshopSignup

    with app.app_context():
        signup_id = db.session.scalar(select(WorkshopSignup.id))
    client.post(f"/mentorskap/workshop/{wid}/narvaro", data={"attended": [str(signup_id)]})
    html = client.get(f"/mentorskap/omgangar/{r.id}/narvaro").get_data(as_text=True)
    assert "Närvarade" in html and "Adept 0" in html
    export = client.get(f"/mentorskap/omgangar/{r.id}/export/workshoppar.csv")
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][5:] == ["Deltagare", "Kommun", "Roll", "Närvarade"]
    signed = [row for row in rows[1:] if row[5]]
    assert signed and signed[0][0] == "Leda förändring"
    attended = [row[5:] for row in signed if row[8] == "ja"]
    assert attended == [["Adept 0", "Landskrona", "Adept", "ja"]]
    # The workshops nobody has signed up for are listed too, with empty person columns.
    assert any(not row[5] for row in rows[1:])
    # In English the headers and labels are English; the data stays as entered.
    client.post("/sprak", data={"lang": "en", "next": "/"})
    export = client.get(f"/mentorskap/omgangar/{r.id}/export/workshoppar.csv")
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
    assert rows[0] == ["Programme workshop", "Time", "Venue", "Host municipality", "Places",
                       "Participants", "Municipality", "Role", "Attended"], rows[0]
    assert [row[5:8] for row in rows[1:] if row[5]][0] == ["Adept 0", "Landskrona", "Mentee"]
    pairs = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv").data.decode("utf-8-sig")
    swedish, english = _pairs_header(app, r.id, "sv"), _pairs_header(app, r.id, "en")
    assert next(csv.reader(io.StringIO(pairs))) == english != swedish


def _pairs_header(app, round_id: int, lang: str) -> list[str]:
    from flask_babel import force_locale

    from mentorship.extensions import db
    from mentorship.mentoring.closing.exports import pairs_table
    from mentorship.mentoring.models import MentorRound

    with app.test_request_context(), force_locale(lang):
        return [str(h) for h in pairs_table(db.session.get(MentorRound, round_id))[0]]


@pytest.mark.wording
def test_the_english_pair_export_says_mentee(app, build_round):
    r = build_round(pairs=1, state="running")
    assert _pairs_header(app, r.id, "en")[:4] == [
        "Mentee", "Mentee's municipality", "Mentee's business area", "Mentor"]


def test_workshop_of_another_round_is_a_404_for_participants(app, client, auth, build_round,
                                                           password_hash):
    build_round(pairs=1, state="running", password_hash=password_hash)
    other = build_round(pairs=1, state="open", name="Annan")
    wid = _first_workshop(app, other.id)
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db

    with app.app_context():
        user = create_user(None, NewUser("outsider@example.org", "Utan Omgång", 1,
                                         ("participant",)))
        user.password_hash = password_hash
        db.session.commit()
    auth.login("outsider@example.org")
    assert client.get(f"/mentorskap/workshop/{wid}.ics").status_code == 404
    assert client.post(f"/mentorskap/workshop/{wid}/anmal").status_code == 404


def test_evaluation_hides_figures_from_fewer_than_five_answers(app, client, auth, build_round,
                                                              admin_user, password_hash):
    r = build_round(pairs=3, state="running", password_hash=password_hash)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/utvardering/oppna")
    auth.logout()
    people = [f"{role}{k}@example.org" for k in range(3) for role in ("adept", "mentor")]
    for i, email in enumerate(people[:4]):
        auth.login(email)
        response = client.post(f"/mentorskap/omgangar/{r.id}/utvardera", data={
            "overall": "5", "matching": "4", "talks": "3", "workshops": "2",
            "comment": "=HYPERLINK(\"x\")" if i == 0 else "Bra år"})
        assert response.status_code == 302, response.data[:2000]
        auth.logout()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    results = _results(app, r.id)
    assert results.answers == 4 and all(f.hidden for f in results.figures)
    assert html.count('colspan="7"') == len(results.figures)  # every figure hidden
    assert "Bra år" not in html
    auth.logout()
    auth.login(people[4])
    client.post(f"/mentorskap/omgangar/{r.id}/utvardera", data={
        "overall": "4", "matching": "4", "talks": "3", "workshops": "2"})
    again = client.post(f"/mentorskap/omgangar/{r.id}/utvardera", data={
        "overall": "4", "matching": "4", "talks": "3", "workshops": "2"})
    assert "redan svarat" in again.get_data(as_text=True)
    auth.logout()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    assert "4,8" in html  # overall average of 5,5,5,5,4 for everyone
    assert "Bra år" in html
    results = _results(app, r.id)
    shown = {f.group for f in results.figures if not f.hidden}
    hidden = {f.group for f in results.figures if f.hidden}
    assert shown == {"all"} and {"mentor", "adept"} <= hidden  # per role still too small
    assert html.count('colspan="7"') == sum(f.hidden for f in results.figures)
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/utvardering.csv").data
    text = body.decode("utf-8-sig")
    assert "färre än 5" in text and ";4,8;" in text  # Swedish Excel: ";" and decimal comma
    assert text.startswith("Fråga;Svarsgrupp;Antal svar;Medel;1;2;3;4;5")
    rows = [line.split(";") for line in text.splitlines()]
    assert ["Mentorer", "färre än 5", "dolt"] in [row[1:4] for row in rows]


def _results(app, round_id: int):
    from mentorship.extensions import db
    from mentorship.mentoring.closing import evaluation
    from mentorship.mentoring.models import MentorRound

    with app.test_request_context():
        return evaluation.results(db.session.get(MentorRound, round_id))


@pytest.mark.wording
def test_a_hidden_figure_says_why(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import EvaluationAnswer

    r = build_round(pairs=2, state="running")
    with app.app_context():
        db.session.add_all(EvaluationAnswer(round_id=r.id, enrolment_id=e.id, overall=4,
                                            matching=4, talks=4, workshops=4, comment="")
                           for e in (*r.adepts, *r.mentors))
        db.session.commit()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    assert '<td class="num" colspan="7">Dolt: färre än 5 svar</td>' in html


def test_mentor_of_the_year_nominated_by_adept_and_chosen_by_admin(app, client, auth,
                                                                  build_round, admin_user,
                                                                  password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=2, state="running", password_hash=password_hash)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        adept, mentor_id, mentor_name = (pair.adept.user.email, pair.mentor_id,
                                         pair.mentor.user.name)
    auth.login(pair_mentor_email := "mentor0@example.org")
    assert client.get(f"/mentorskap/omgangar/{r.id}/nominera").status_code == 404  # mentors
    auth.logout()
    auth.login(adept)
    response = client.post(f"/mentorskap/omgangar/{r.id}/nominera", data={
        "mentor_id": str(mentor_id), "text": "Kort"})
    assert "20" in response.get_data(as_text=True)
    response = client.post(f"/mentorskap/omgangar/{r.id}/nominera", data={
        "mentor_id": str(mentor_id), "text": "En fantastisk mentor som alltid tog sig tid."})
    assert response.status_code == 302
    auth.logout()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/arets-mentor").get_data(as_text=True)
    assert "fantastisk mentor" in html
    from mentorship.mentoring.closing_models import Nomination

    with app.app_context():
        nid = db.session.scalar(select(Nomination.id))
    client.post(f"/mentorskap/omgangar/{r.id}/arets-mentor", data={"nomination_id": nid})
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert "Årets mentor" in html and mentor_name in html
    assert pair_mentor_email


def test_pair_exports_are_safe_for_excel(app, client, auth, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    r = build_round(pairs=2, state="running")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "adept0@example.org"))
        user.name = "=cmd|' /C calc'!A0 Åsa"
        db.session.commit()
    auth.login(admin_user.email)
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv")
    assert body.headers["Content-Disposition"].endswith('.csv"')
    text = body.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any(cell.startswith("'=cmd") for row in rows for cell in row)
    assert "Åsa" in text
    xlsx = client.get(f"/mentorskap/omgangar/{r.id}/export/par.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=cmd")]
    assert cells and all(c.data_type == "s" for c in cells)
    engine = client.get(f"/mentorskap/omgangar/{r.id}/export/pairs-engine.csv")
    header = engine.data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("adept_id,mentor_id,score,")
    assert header.endswith("adept_name,adept_municipality,mentor_name,mentor_municipality")
