"""A round's own e-mail texts and evaluation questions: placeholders listed and checked,
a preview, and the texts used when the mail goes out."""

from sqlalchemy import select


def _outbox(app):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return [(m.recipient, m.subject, m.body) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def test_publish_text_edited_previewed_and_used(app, client, auth, build_round, admin_user):
    r = build_round(pairs=2)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter"
    html = client.get(f"{url}?text=publicering").get_data(as_text=True)
    assert "{partner}" in html and "partnerns namn" in html  # the placeholders, listed
    assert "Din {roll} i omgången {omgång} är {partner}" in html  # today's text to edit
    response = client.post(f"{url}?text=publicering",
                           data={"subject": "Hej {namn}", "body": "Möt {kollega}!",
                                 "action": "save"})
    assert response.status_code == 400
    assert "Okänd platshållare: {kollega}" in response.get_data(as_text=True)
    body = "Hej {namn}! Din {roll} är {partner} från {kommun} ({epost}). {länk}"
    response = client.post(f"{url}?text=publicering",
                           data={"subject": "Er matchning i {omgång}", "body": body,
                                 "action": "preview"})
    html = response.get_data(as_text=True)
    assert "Förhandsgranskning med exempel" in html
    assert "Hej Anna Andersson! Din mentor är Per Persson från Klippan" in html
    assert client.post(f"{url}?text=publicering",
                       data={"subject": "Er matchning i {omgång}", "body": body,
                             "action": "save"}).status_code == 302
    assert "Paren är publicerade</a> – egen text" in client.get(url).get_data(as_text=True)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                      "w_experience": "20", "w_gender": "10", "w_distance": "20"})
    before = len(_outbox(app))
    assert client.post(f"/mentorskap/omgangar/{r.id}/publicera").status_code == 302
    sent = _outbox(app)[before:]
    assert len(sent) == 4 and all(s[1] == f"Er matchning i Omgång {r.id}" or
                                  s[1].startswith("Er matchning i ") for s in sent)
    adept0 = next(s for s in sent if s[0] == "adept0@example.org")
    assert adept0[2].startswith("Hej Adept 0! Din mentor är Mentor ")
    assert "{" not in adept0[2]
    # Back to the default.
    client.post(f"{url}?text=publicering", data={"subject": "x", "body": "y",
                                                  "action": "reset"})
    assert "Paren är publicerade</a> – standardtext" in client.get(url).get_data(as_text=True)


def test_evaluation_questions_per_round(app, client, auth, build_round, admin_user,
                                        password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="running", password_hash=password_hash)
    with app.app_context():
        db.session.get(MentorRound, r.id).evaluation_open = True
        db.session.commit()
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter?text=fragor"
    assert "Hur väl passade matchningen dig?" in client.get(url).get_data(as_text=True)
    data = {"overall": "Hur nöjd är du med året?", "matching": "Hur väl passade matchningen dig?",
            "talks": "Hur givande var mentorssamtalen?", "workshops": ""}
    response = client.post(url, data=data)
    assert response.status_code == 400 and "Skriv frågan." in response.get_data(as_text=True)
    data["workshops"] = "Hur givande var programworkshopparna?"
    assert client.post(url, data=data).status_code == 302
    auth.logout()
    auth.login("adept0@example.org")
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardera").get_data(as_text=True)
    assert "Hur nöjd är du med året?" in html
    assert "Hur nöjd är du med programmet som helhet?" not in html


def test_saving_and_resetting_texts_is_recorded_on_the_round_page(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.log import RoundChange

    r = build_round(pairs=2, state="running")
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/texter"
    text = {"subject": "Dags för samtal i {omgång}", "body": "Hej! Boka ett samtal."}
    assert client.post(f"{url}?text=paminnelse",
                       data=dict(text, action="save")).status_code == 302
    # Saving the same text again changes nothing and is not a new entry; a preview is none.
    client.post(f"{url}?text=paminnelse", data=dict(text, action="save"))
    client.post(f"{url}?text=paminnelse", data=dict(text, action="preview"))
    client.post(f"{url}?text=paminnelse", data=dict(text, action="reset"))
    questions = {"overall": "Hur nöjd är du med året?",
                 "matching": "Hur väl passade matchningen dig?",
                 "talks": "Hur givande var mentorssamtalen?",
                 "workshops": "Hur givande var programworkshopparna?"}
    assert client.post(f"{url}?text=fragor", data=questions).status_code == 302
    with app.app_context():
        rows = [(c.field, c.new_value, c.actor_id) for c in
                db.session.scalars(select(RoundChange).order_by(RoundChange.id))]
    assert rows == [("text:paminnelse", "changed", admin_user.id),
                    ("text:paminnelse", "reset", admin_user.id),
                    ("text:fragor", "changed", admin_user.id)]
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert "Ändrade namn, datum och texter" in html
    assert "Texten ”Påminnelse till par utan samtal”" in html
    assert "Utvärderingsfrågorna" in html
    assert "ändrad" in html and "återställd" in html and "Karin Koordinator" in html
    assert "Hej! Boka ett samtal." not in html  # the list names the text, not its words
