"""Enrolment: HR scoping, invitations, the PEOPLE file import, profiles."""

import io
import re
from html import unescape

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.said import form_refused, notices, refused, summary

HEADER = "id;role;name;municipality;business_area;level;years_as_manager;goals;languages;" \
         "meeting_mode;capacity;exclude;lock;email"


def people_csv(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


GOOD = people_csv(
    "m1;mentor;Åsa Öberg;Bjuv;Socialtjänst;2;12;Svåra samtal|Leda förändring;sv;either;1;;;"
    "asa@example.org",
    "a1;adept;Örjan Ek;1292;Grundskola;1;2;Svåra samtal;sv|en;digital;;;m1;orjan@example.org",
)


def n(app, model):
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def upload(client, round_id, data, name="people.csv"):
    """The file's preview (nothing saved)."""
    return client.post(
        f"/mentorskap/omgangar/{round_id}/importera",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def import_people(client, round_id, data, name="people.csv"):
    """The file's preview, then its confirmation."""
    from tests.app.formats_helpers import confirm, kept_token

    token = kept_token(upload(client, round_id, data, name))
    return confirm(client, f"/mentorskap/omgangar/{round_id}/importera", token)


def preview(app, round_id: int, data: bytes, email: str, name: str = "people.csv"):
    """The importer's preview of the file as the person with that address would see it."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.imports import ImportFile
    from mentorship.mentoring.enrolment import importer
    from mentorship.mentoring.models import MentorRound

    with app.test_request_context():
        actor = db.session.scalar(select(User).where(User.email == email))
        return importer.preview_people(actor, db.session.get(MentorRound, round_id),
                                       ImportFile(name, data))


def problem_items(html: str) -> list[str]:
    """The lines of the page's list of problems in the file."""
    box = html[html.index('class="import-problems"'):]
    return [unescape(" ".join(item.split())) for item in
            re.findall(r"<li>(.*?)</li>", box[:box.index("</ul>")], re.S)]


def test_import_is_idempotent_and_creates_locks(app, client, auth, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment, MatchRule

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    response = import_people(client, r.id, GOOD)
    assert response.status_code == 302, response.data[:3000]
    users, enrolments, mails = n(app, User), n(app, Enrolment), n(app, OutboxMessage)
    assert enrolments == 2 and mails == 2
    assert n(app, MatchRule) == 1
    response = import_people(client, r.id, GOOD)
    assert response.status_code == 302
    assert (n(app, User), n(app, Enrolment), n(app, OutboxMessage)) == (users, 2, mails)
    assert n(app, MatchRule) == 1
    html = client.get(f"/mentorskap/omgangar/{r.id}/deltagare").get_data(as_text=True)
    assert "Åsa Öberg" in html and "Örjan Ek" in html


def test_import_lists_every_error_with_its_row_and_saves_nothing(app, client, auth,
                                                                build_round, admin_user):
    from mentorship.auth.models import User

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    before = n(app, User)
    bad = people_csv(
        "m1;mentor;Åsa;Bjuv;HR;2;12;Svåra samtal;sv;either;1;;;asa@example.org",
        "a1;boss;Örjan;Malmö;HR;x;2;;sv;either;;;;orjan@example.org",
        "a2;adept;Eva;Bjuv;HR;1;2;;sv;either;;;m9;inte-en-adress",
    )
    response = upload(client, r.id, bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    found = preview(app, r.id, bad, admin_user.email).problems
    where = {(p.row, p.column) for p in found}
    assert {(3, "role"), (3, "municipality"), (3, "level"), (4, "lock")} <= where
    assert "m9" in next(p.message for p in found if (p.row, p.column) == (4, "lock"))
    assert problem_items(html) == [str(p) for p in found]  # every one, on the page
    assert 'name="upload"' not in html  # nothing to confirm
    assert n(app, User) == before
    # E-mail problems are found too (on an otherwise valid file).
    bad_mail = people_csv("a2;adept;Eva;Bjuv;HR;1;2;;sv;either;;;;inte-en-adress")
    found = preview(app, r.id, bad_mail, admin_user.email).problems
    assert [(p.row, p.column) for p in found] == [(2, "email")]
    assert problem_items(upload(client, r.id, bad_mail).get_data(as_text=True)) == [
        str(p) for p in found]


@pytest.mark.wording
def test_import_problems_say_what_is_wrong_in_the_row_and_column(app, build_round,
                                                                 admin_user, make_user):
    r = build_round(pairs=0, state="open")
    bad = people_csv("m1;mentor;Åsa;Bjuv;HR;2;12;Svåra samtal;sv;either;1;;;asa@example.org",
                     "a1;boss;Örjan;Malmö;HR;1;2;;sv;either;;;;orjan@example.org",
                     "a2;adept;Eva;Bjuv;HR;1;2;;sv;either;;;m9;eva@example.org",
                     "a3;adept;Per;Bjuv;HR;1;2;;sv;either;;;;inte-en-adress")
    with app.test_request_context():
        lines = [str(p) for p in preview(app, r.id, bad, admin_user.email).problems]
    assert lines[:2] == ["Rad 3, role: okänd roll 'boss' (mentor eller adept)",
                         "Rad 3, municipality: okänd kommun 'Malmö'"]
    assert any(line.startswith("Rad 4, lock: nämner m9") for line in lines)
    assert any(line.startswith("Rad 5, email: e-postadressen") for line in lines)
    make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    with app.test_request_context():
        lines = [str(p) for p in preview(app, r.id, GOOD, "hr.bjuv@example.org").problems]
    assert lines == ["Rad 3, municipality: du kan bara importera personer i Bjuv"]


def test_import_xlsx(app, client, auth, build_round, admin_user):
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    wb = Workbook()
    sheet = wb.active
    sheet.append(HEADER.split(";"))
    sheet.append(["m1", "mentor", "Åsa Öberg", "Bjuv", "HR", 2, 12, "Svåra samtal", "sv",
                  "either", 1, None, None, "asa@example.org"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert import_people(client, r.id, buffer.getvalue(), "people.xlsx").status_code == 302
    assert n(app, Enrolment) == 1


def test_hr_contact_is_scoped_to_their_municipality(app, client, auth, login_as, build_round):
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=3, state="open")
    hr = login_as("hr", municipality="Bjuv")
    html = client.get(f"/mentorskap/omgangar/{r.id}/deltagare").get_data(as_text=True)
    # build_round puts mentor0 in Bjuv; nobody else there.
    assert "Mentor 0" in html and "Adept 0" not in html and "Mentor 1" not in html
    # Import of another municipality's people is refused, with the row.
    html = upload(client, r.id, GOOD).get_data(as_text=True)
    found = preview(app, r.id, GOOD, hr.email).problems
    assert [(p.row, p.column) for p in found] == [(3, "municipality")]
    assert "Bjuv" in found[0].message  # names the HR contact's own municipality
    assert problem_items(html) == [str(found[0])]
    # Inviting: the municipality is always the HR contact's own.
    response = client.post(f"/mentorskap/omgangar/{r.id}/bjud-in",
                           data={"email": "ny@example.org", "name": "Ny Chef",
                                 "municipality_id": "999"})
    assert response.status_code == 302, response.data[:2000]
    from mentorship.auth.models import User
    from mentorship.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ny@example.org"))
        assert user.municipality.name == "Bjuv"
    # Another municipality's existing person cannot be enrolled by this HR contact, and
    # the refusal says no more than about an unknown account (the account gate).
    enrolled = n(app, Enrolment)
    response = client.post(f"/mentorskap/omgangar/{r.id}/bjud-in",
                           data={"email": "adept1@example.org"})
    assert response.status_code == 200 and refused(response) == {"email"}
    with app.test_request_context():
        from mentorship.people.gate import refusal

        unknown = refusal()  # the words for an account that does not exist
    assert any(item.endswith(unknown) for item in summary(response))
    assert n(app, Enrolment) == enrolled
    # Another municipality's enrolment is a 404.
    with app.app_context():
        other = db.session.scalar(
            select(Enrolment).join(Enrolment.user).where(User.email == "adept0@example.org"))
        other_id = other.id
    assert client.get(f"/mentorskap/deltagare/{other_id}/ta-bort").status_code == 404
    # Admin-only pages are forbidden.
    assert client.get(f"/mentorskap/omgangar/{r.id}/matchning").status_code == 403


def enrolled_again(app, build_round, password_hash, admin_user) -> tuple[int, int]:
    """Adept 0 of a closed round enrolled in a new open one: (enrolment id, round id)."""
    from datetime import date

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds.services import (
        RoundSettings,
        create_round,
        record_transition,
    )

    first = build_round(pairs=1, state="closed", password_hash=password_hash)
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        second = create_round(admin, RoundSettings("Nästa", date(2026, 9, 1),
                                                   date(2027, 6, 1), 0, {}))
        record_transition(admin, second, "open")
        user = db.session.scalar(select(User).where(User.email == "adept0@example.org"))
        e = enrol_user(None, second, user)
        db.session.commit()
        assert db.session.get(MentorRound, first.id).state == "closed"
        return e.id, second.id


@pytest.mark.wording
def test_the_profile_says_where_its_answers_come_from_and_why_languages(
        app, client, auth, build_round, password_hash, admin_user):
    enrolment_id, _round_id = enrolled_again(app, build_round, password_hash, admin_user)
    auth.login("adept0@example.org")
    html = client.get(f"/mentorskap/profil/{enrolment_id}").get_data(as_text=True)
    assert notices(html) == ["from-earlier-profile"]
    assert "Vi har fyllt i svaren från din senaste profil. Kontrollera dem och spara." in html
    assert "Ett par måste ha minst ett gemensamt språk." in html


def test_profile_prefills_from_last_round_and_closes_with_enrolment(
        app, client, auth, build_round, password_hash, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    enrolment_id, second_id = enrolled_again(app, build_round, password_hash, admin_user)
    auth.login("adept0@example.org")
    html = client.get(f"/mentorskap/profil/{enrolment_id}").get_data(as_text=True)
    assert notices(html) == ["from-earlier-profile"]
    assert re.search(r'checked[^>]*value="adept"|value="adept"[^>]*checked', html)
    with app.test_request_context():
        from mentorship.mentoring.enrolment.forms import ProfileForm

        why = str(ProfileForm.languages.kwargs["description"])
    assert why in html  # explains the use
    response = client.post(f"/mentorskap/profil/{enrolment_id}", data={
        "role": "adept", "business_area": "HR", "level": "1", "years_as_manager": "3",
        "goals": ["Svåra samtal"], "languages": ["sv"], "meeting_mode": "either",
        "gender": "", "gender_preference": "", "capacity": "1"})
    assert response.status_code == 302, response.data[:3000]
    with app.test_request_context():
        from mentorship.mentoring.rounds.services import change_state

        change_state(db.session.get(User, admin_user.id),
                     db.session.get(MentorRound, second_id), "matching")
        db.session.commit()
    response = client.post(f"/mentorskap/profil/{enrolment_id}", data={
        "role": "adept", "business_area": "HR", "level": "1", "years_as_manager": "4",
        "goals": ["Svåra samtal"], "languages": ["sv"], "meeting_mode": "either",
        "capacity": "1"})
    assert response.status_code == 200 and form_refused(response)
    with app.app_context():
        from mentorship.mentoring.models import Enrolment

        assert db.session.get(Enrolment, enrolment_id).years_as_manager == 3  # unchanged
    # Someone else's profile is a 404.
    assert client.get(f"/mentorskap/profil/{enrolment_id + 1000}").status_code == 404
