"""After publishing each side sees the partner's goals, own words, presentation, business
area and meeting mode, on the page and in the publish e-mail; never the other's wishes,
"not this one" marks or anything else said only to the coordinators."""

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select


def test_partner_facts_read_only_the_partner_fields(app):
    """Every column of an enrolment gets a marker; only the partner fields come out."""
    from mentorship.mentoring.models import Enrolment
    from mentorship.mentoring.talks.partner import PARTNER_FIELDS, partner_facts

    columns = {c.key: c for c in sa_inspect(Enrolment).column_attrs}
    assert set(PARTNER_FIELDS) <= set(columns)
    for role in ("adept", "mentor"):
        e = Enrolment(role=role, meeting_mode="digital", goals=["MARK-goals"])
        for key, column in columns.items():
            python_type = column.expression.type.python_type
            if python_type is str and key not in ("role", "meeting_mode"):
                setattr(e, key, f"MARK-{key}")
        with app.test_request_context():
            shown = " ".join(text for _label, text in partner_facts(e))
        own = "develop_text" if role == "adept" else "offer_text"
        for key in columns:
            if f"MARK-{key}" in shown:
                assert key in PARTNER_FIELDS, f"{key} must not be shown to the partner"
        for key in ("business_area", "goals", own, "presentation"):
            assert f"MARK-{key}" in shown
        assert "Helst digitala möten" in shown


def test_published_pair_sees_each_others_profile_but_not_wishes_or_marks(
        app, client, auth, build_round, admin_user, password_hash):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=2, state="matching", password_hash=password_hash)
    with app.test_request_context():
        for e in db.session.scalars(select(Enrolment).where(Enrolment.round_id == r.id)):
            e.presentation = f"Jag heter {e.user.name} & leder <b>ett</b> team"
            if e.role == "adept":
                e.develop_text = f"{e.user.name} vill bli tryggare i svåra samtal"
            else:
                e.offer_text = f"{e.user.name} erbjuder erfarenhet av budget"
            e.meeting_mode = "in_person"
        admin = db.session.get(User, admin_user.id)
        round_ = db.session.get(MentorRound, r.id)
        proposals.run_matching(admin, round_)
        publishing.publish(admin, round_)
        pair = db.session.scalar(select(MentorPair).where(MentorPair.round_id == r.id,
                                                          MentorPair.adept_id == r.adepts[0].id))
        other_mentor = next(m for m in r.mentors if m.id != pair.mentor_id)
        db.session.add_all([
            AdeptWish(round_id=r.id, adept_id=pair.adept_id, mentor_id=other_mentor.id, rank=1),
            AdeptWish(round_id=r.id, adept_id=pair.adept_id, mentor_id=pair.mentor_id, rank=2),
            MentorExclusion(round_id=r.id, mentor_id=pair.mentor_id, adept_id=r.adepts[1].id,
                            reason="HEMLIGT-SKÄL"),
        ])
        db.session.commit()
        mentor = db.session.get(Enrolment, pair.mentor_id)
        mentor_email, mentor_name = mentor.user.email, mentor.user.name
        mails = {m.recipient: m.body for m in db.session.scalars(select(OutboxMessage))}

    adept = r.adepts[0]
    to_adept, to_mentor = mails[adept.email], mails[mentor_email]
    assert f"{mentor_name} erbjuder erfarenhet av budget" in to_adept
    assert f"Jag heter {mentor_name}" in to_adept
    assert "Helst fysiska möten" in to_adept and "Verksamhetsområde:" in to_adept
    assert f"{adept.name} vill bli tryggare i svåra samtal" in to_mentor
    assert "Vill utvecklas inom:" in to_mentor

    auth.login(mentor_email)
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert f"{adept.name} vill bli tryggare i svåra samtal" in page
    assert f"Jag heter {adept.name} &amp; leder &lt;b&gt;ett&lt;/b&gt; team" in page
    assert "HEMLIGT-SKÄL" not in page
    for word in ("önskemål", "Förstahandsval", "förstahandsval", "Andrahandsval"):
        assert word not in page  # the adept's ranks stay with the adept and the engine
    auth.logout()
    auth.login(adept.email)
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert f"{mentor_name} erbjuder erfarenhet av budget" in page
    assert "HEMLIGT-SKÄL" not in page


def test_a_rounds_own_publish_text_can_place_the_partners_profile(app, build_round,
                                                                  admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.rounds import texts

    r = build_round(pairs=1, state="matching")
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        db.session.get(Enrolment, r.mentors[0].id).offer_text = "Tio år av budgetarbete"
        texts.save(round_, texts.PUBLISH, "Er matchning", "Hej {namn}!\n\nOm {partner}:\n{profil}")
        admin = db.session.get(User, admin_user.id)
        proposals.run_matching(admin, round_)
        publishing.publish(admin, round_)
        body = db.session.scalar(select(OutboxMessage.body).where(
            OutboxMessage.recipient == r.adepts[0].email))
        assert "Det här kan jag erbjuda: Tio år av budgetarbete" in body
        db.session.rollback()
