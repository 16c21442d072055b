"""A round's own e-mail texts and evaluation questions: placeholders listed and checked,
a preview, and the texts used when the mail goes out."""

import pytest
from markupsafe import escape
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.mentoring.models import MentorRound
from tests.said import refused


def _outbox(app):
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return [(m.recipient, m.subject, m.body) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def _own_texts(app, round_id):
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        return dict(db.session.get(MentorRound, round_id).texts or {})


def test_publish_text_edited_previewed_and_used(app, client, auth, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.mentoring.codes import PUBLISH
    from mentorship.mentoring.rounds import texts

    r = build_round(pairs=2)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter"
    html = client.get(f"{url}?text=publicering").get_data(as_text=True)
    with app.test_request_context():
        offered = texts.placeholders(PUBLISH)
        default_body = texts.defaults(PUBLISH)[1]
        examples = texts.examples()
    # The placeholders, listed with what each becomes, and today's text to edit.
    assert f"<code>{{partner}}</code></dt><dd>{escape(offered['partner'])}</dd>" in html
    assert str(escape(default_body)) in html
    response = client.post(f"{url}?text=publicering",
                           data={"subject": "Hej {namn}", "body": "Möt {kollega}!",
                                 "action": "save"})
    assert response.status_code == 400
    assert refused(response) == {"body"}
    assert "{kollega}" in response.get_data(as_text=True)  # the unknown one is named
    assert PUBLISH not in _own_texts(app, r.id)
    body = "{namn}|{roll}|{partner}|{kommun}|{epost}|{länk}"
    subject = "Matchning: {omgång}"
    response = client.post(f"{url}?text=publicering",
                           data={"subject": subject, "body": body, "action": "preview"})
    html = response.get_data(as_text=True)
    shown = html.split('id="preview-title"')[1].split('<pre class="mail">')[1].split("</pre>")[0]
    for name in ("namn", "roll", "partner", "kommun", "epost", "länk"):
        assert str(escape(examples[name])) in shown  # filled with the example values
    assert "{" not in shown
    assert PUBLISH not in _own_texts(app, r.id)  # a preview saves nothing
    assert client.post(f"{url}?text=publicering",
                       data={"subject": subject, "body": body,
                             "action": "save"}).status_code == 302
    assert _own_texts(app, r.id)[PUBLISH] == {"subject": subject, "body": body}
    assert "Paren är publicerade</a> – egen text" in client.get(url).get_data(as_text=True)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                      "w_experience": "20", "w_gender": "10", "w_distance": "20"})
    before = len(_outbox(app))
    assert client.post(f"/mentorskap/omgangar/{r.id}/publicera").status_code == 302
    sent = _outbox(app)[before:]
    with app.app_context():
        round_name = db.session.get(MentorRound, r.id).name  # ids differ per database
    assert len(sent) == 4 and {s[1] for s in sent} == {f"Matchning: {round_name}"}
    adept0 = next(s for s in sent if s[0] == "adept0@example.org")
    with app.app_context():
        from mentorship.mentoring.models import MentorPair

        pair = db.session.scalar(select(MentorPair).where(MentorPair.adept_id == r.adepts[0].id))
        mentor = db.session.get(User, pair.mentor.user_id)
        about_mentor = [mentor.name, mentor.municipality.name, mentor.email]
    name, role, *partner, link = adept0[2].split("|")
    assert (name, partner) == ("Adept 0", about_mentor)
    assert role and link.startswith("http") and "{" not in adept0[2]
    # Back to the default.
    client.post(f"{url}?text=publicering", data={"subject": "x", "body": "y",
                                                  "action": "reset"})
    assert PUBLISH not in _own_texts(app, r.id)
    assert "Paren är publicerade</a> – standardtext" in client.get(url).get_data(as_text=True)


@pytest.mark.wording
def test_the_preview_is_headed_and_filled_with_swedish_examples(app, client, auth, build_round,
                                                                admin_user):
    r = build_round(pairs=1)
    auth.login(admin_user.email)
    body = "Hej {namn}! Din {roll} är {partner} från {kommun} ({epost}). {länk}"
    html = client.post(f"/mentorskap/omgangar/{r.id}/texter?text=publicering",
                       data={"subject": "Er matchning i {omgång}", "body": body,
                             "action": "preview"}).get_data(as_text=True)
    assert "Förhandsgranskning med exempel" in html
    assert "Hej Anna Andersson! Din mentor är Per Persson från Klippan" in html


def test_evaluation_questions_per_round(app, client, auth, build_round, admin_user,
                                        password_hash):
    from mentorship.mentoring.labels import question_labels
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="running", password_hash=password_hash)
    with app.app_context():
        db.session.get(MentorRound, r.id).evaluation_open = True
        db.session.commit()
    with app.test_request_context():
        default = question_labels()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter?text=fragor"
    assert str(escape(default["matching"])) in client.get(url).get_data(as_text=True)
    data = {"overall": "Året?", "matching": default["matching"], "talks": "Samtalen?",
            "workshops": ""}
    response = client.post(url, data=data)
    assert response.status_code == 400 and refused(response) == {"workshops"}
    assert "fragor" not in _own_texts(app, r.id)
    data["workshops"] = "Workshopparna?"
    assert client.post(url, data=data).status_code == 302
    # Only the questions that differ from the default are the round's own.
    assert _own_texts(app, r.id)["fragor"] == {"overall": "Året?", "talks": "Samtalen?",
                                               "workshops": "Workshopparna?"}
    auth.logout()
    auth.login("adept0@example.org")
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardera").get_data(as_text=True)
    assert "Året?" in html and str(escape(default["matching"])) in html
    assert str(escape(default["overall"])) not in html


def test_saving_and_resetting_texts_is_recorded_on_the_round_page(
        app, client, auth, build_round, admin_user):
    from mentorship.mentoring.labels import change_field_labels, change_value_labels
    from mentorship.mentoring.rounds.log import RoundChange

    r = build_round(pairs=2, state="running")
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter"
    text = {"subject": "Samtal: {omgång}", "body": "BOKA-SAMTAL"}
    assert client.post(f"{url}?text=paminnelse",
                       data=dict(text, action="save")).status_code == 302
    # Saving the same text again changes nothing and is not a new entry; a preview is none.
    client.post(f"{url}?text=paminnelse", data=dict(text, action="save"))
    client.post(f"{url}?text=paminnelse", data=dict(text, action="preview"))
    client.post(f"{url}?text=paminnelse", data=dict(text, action="reset"))
    questions = {"overall": "Året?", "matching": "Matchningen?", "talks": "Samtalen?",
                 "workshops": "Workshopparna?"}
    assert client.post(f"{url}?text=fragor", data=questions).status_code == 302
    with app.app_context():
        rows = [(c.field, c.new_value, c.actor_id) for c in
                db.session.scalars(select(RoundChange).order_by(RoundChange.id))]
    assert rows == [("text:paminnelse", "changed", admin_user.id),
                    ("text:paminnelse", "reset", admin_user.id),
                    ("text:fragor", "changed", admin_user.id)]
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    with app.test_request_context():
        fields, values = change_field_labels(), change_value_labels()
    # One row per change: what changed (the text's name) and how, not the words.
    for field, value, _actor in rows:
        assert f"<td>{fields[field]}</td>\n    <td></td><td>{values[value]}</td>" in html
    assert "Karin Koordinator" in html
    assert "BOKA-SAMTAL" not in html  # the list names the text, not its words


@pytest.mark.wording
def test_the_texts_and_questions_are_named_in_swedish(app):
    from mentorship.mentoring.labels import change_field_labels, question_labels

    with app.test_request_context():
        assert change_field_labels()["text:paminnelse"] == (
            "Texten ”Påminnelse till par utan samtal”")
        assert question_labels()["overall"] == "Hur nöjd är du med programmet som helhet?"
        assert question_labels()["matching"] == "Hur väl passade matchningen dig?"
