"""Words as a Swede (and an English reader) expects them: an invitation names what the
person is invited to, a person who just chose a password is logged in, the English
interface says "mentee", and the pairs list is in Swedish order of the adepts' names with
sorting by score on offer."""

from __future__ import annotations

import ast
import pathlib
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from tests.app.test_invitations import invite, last_link
from tests.said import flashed

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _last_mail(app) -> OutboxMessage:
    with app.app_context():
        message = db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        db.session.expunge(message)
        return message


def test_an_invitation_into_a_round_names_the_round(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.mentoring.enrolment.services import Invite
    from mentorship.mentoring.enrolment.services import invite as invite_to_round
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=0, state="open", name="Hösten 2026")
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        invite_to_round(admin, db.session.get(MentorRound, r.id),
                        Invite("ny.chef@example.org", "Ny Chef", 1))
        db.session.commit()
    message = _last_mail(app)
    assert message.recipient == "ny.chef@example.org"
    assert "Hösten 2026" in message.subject and "omgången Hösten 2026" in message.body
    assert "/inbjudan/" in message.body


@pytest.mark.wording  # the English words of the invitation
def test_an_invitation_in_english_names_the_round_in_english(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.auth.services import NewUser, create_user, send_invitation
    from mentorship.mentoring.enrolment.services import invited_to_round
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=0, state="open", name="Hösten 2026")
    with app.test_request_context():
        user = create_user(None, NewUser("en@example.org", "Eve English", 1, ("participant",)))
        user.language = "en"
        send_invitation(db.session.get(User, admin_user.id), user,
                        invited_to_round(db.session.get(MentorRound, r.id)))
        db.session.commit()
    message = _last_mail(app)
    assert "the round Hösten 2026 of the mentor programme" in message.body
    assert "Du har" not in message.body


def test_every_programme_invitation_names_what_it_invites_to():
    """Every call of send_invitation outside the account pages (people/) says what the
    person is invited to: a round, a cohort."""
    calls = []
    for path in (ROOT / "mentorship").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "send_invitation":
                calls.append((path.relative_to(ROOT).as_posix(),
                              len(node.args) + len(node.keywords)))
    programmes = [(p, n) for p, n in calls if not p.startswith("mentorship/people/")]
    assert len(programmes) >= 3  # a round's invite, its file import, a trainee
    assert all(n == 3 for _p, n in programmes), programmes


def _accept_invitation(app, client, login_as, auth):
    """An invited person chooses a password; the start page they land on."""
    login_as("admin")
    assert invite(client).status_code == 302
    link = last_link(app, "inbjudan")
    auth.logout()
    done = client.post(link, data={"password": "ett-bra-losenord", "confirm": "ett-bra-losenord"})
    assert done.status_code == 302 and done.headers["Location"] == "/"
    return client.get("/")


def test_a_person_who_chose_a_password_is_logged_in(app, client, login_as, auth):
    start = _accept_invitation(app, client, login_as, auth)
    assert "Hej Ny Person" in start.get_data(as_text=True)
    assert flashed(start) == ["success"]
    assert client.get("/konto/losenord").status_code == 200  # a page behind the login


@pytest.mark.wording
def test_the_welcome_says_you_are_logged_in(app, client, login_as, auth):
    start = _accept_invitation(app, client, login_as, auth)
    assert "du är inloggad" in start.get_data(as_text=True)


def test_a_reset_password_logs_in_this_browser_only(app, client, make_user):
    make_user("kim@example.org", name="Kim Lund")
    other = app.test_client()
    other.post("/logga-in", data={"email": "kim@example.org", "password": "correct horse battery"})
    client.post("/glomt-losenord", data={"email": "kim@example.org"})
    link = last_link(app, "nytt-losenord")
    done = client.post(link, data={"password": "nytt-losenord-1", "confirm": "nytt-losenord-1"})
    assert done.headers["Location"] == "/"
    assert "Hej Kim Lund" in client.get("/").get_data(as_text=True)
    assert other.get("/").status_code == 302  # the other session ended


def test_english_says_mentee_never_adept():
    from babel.messages.pofile import read_po

    path = ROOT / "mentorship/translations/en/LC_MESSAGES/messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    wrong = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            # a file's column value "adept" (what the import reads) is a code, not a word
            words = re.sub(r"%\(\w+\)s|\(mentor/adept\)|mentor or adept\.", "", text or "")
            if re.search(r"\badepts?\b", words, re.I):
                wrong.append(text)
    assert not wrong, wrong


def _rename_adepts(app, r, names) -> None:
    from mentorship.auth.models import User

    with app.app_context():
        for adept, name in zip(r.adepts, names, strict=True):
            db.session.get(User, adept.user_id).name = name
        db.session.commit()


def test_the_pairs_list_is_in_swedish_order_of_adepts(app, client, auth, build_round, admin_user):
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=4, state="published")
    names = ["Östen Öberg", "Åsa Ås", "Zara Zetterlund", "Ärla Ek"]
    _rename_adepts(app, r, names)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/par"
    html = client.get(url).get_data(as_text=True)
    positions = [html.index(n) for n in ["Zara Zetterlund", "Åsa Ås", "Ärla Ek", "Östen Öberg"]]
    assert positions == sorted(positions)
    with app.test_request_context():
        from mentorship.mentoring.pairing.forms import PairFilterForm

        by_score_label = dict(PairFilterForm.sort.kwargs["choices"])["poang"]
        assert f">{escape(str(by_score_label))}</option>" in html  # sorting by score on offer
    assert 'name="sort"' in html and 'value="poang"' in html

    scores = {"Östen Öberg": 95.5, "Åsa Ås": 40.0, "Zara Zetterlund": 40.0, "Ärla Ek": 71.25}
    with app.app_context():
        for pair in db.session.scalars(select(MentorPair)):
            pair.score = scores[pair.adept.user.name]
        db.session.commit()
    by_score = ["Östen Öberg", "Ärla Ek", "Zara Zetterlund", "Åsa Ås"]  # ties by name
    html = client.get(f"{url}?sort=poang").get_data(as_text=True)
    positions = [html.index(n) for n in by_score]
    assert positions == sorted(positions)
    assert client.get(f"{url}?sort=nonsense").status_code == 200
