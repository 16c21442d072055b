"""After publishing each side sees the partner's goals, own words, presentation, business
area and meeting mode, on the page and in the publish e-mail; never the other's wishes,
"not this one" marks or anything else said only to the coordinators."""

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select


def test_partner_facts_read_only_the_partner_fields(app):
    """Every column of an enrolment gets a marker; only the partner fields come out."""
    from mentorship.mentoring.labels import meeting_labels
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
            digital = meeting_labels()["digital"]
        own = "develop_text" if role == "adept" else "offer_text"
        for key in columns:
            if f"MARK-{key}" in shown:
                assert key in PARTNER_FIELDS, f"{key} must not be shown to the partner"
        for key in ("business_area", "goals", own, "presentation"):
            assert f"MARK-{key}" in shown
        assert digital in shown


def test_published_pair_sees_each_others_profile_but_not_wishes_or_marks(
        app, client, auth, build_round, admin_user, password_hash):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.labels import meeting_labels
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.talks.partner import partner_text
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=2, state="matching", password_hash=password_hash)
    with app.test_request_context():
        for e in db.session.scalars(select(Enrolment).where(Enrolment.round_id == r.id)):
            e.presentation = f"PRESENTATION-{e.id} & <b>fet</b>"
            if e.role == "adept":
                e.develop_text = f"DEVELOP-{e.id}"
            else:
                e.offer_text = f"OFFER-{e.id}"
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
        mentor_id, mentor_email = mentor.id, mentor.user.email
        adept_goals = ", ".join(db.session.get(Enrolment, pair.adept_id).goals)
        mentor_facts = partner_text(mentor)
        adept_facts = partner_text(db.session.get(Enrolment, pair.adept_id))
        in_person = meeting_labels()["in_person"]
        mails = {m.recipient: m.body for m in db.session.scalars(select(OutboxMessage))}

    adept = r.adepts[0]
    to_adept, to_mentor = mails[adept.email], mails[mentor_email]
    assert f"OFFER-{mentor_id}" in to_adept
    assert f"PRESENTATION-{mentor_id} & <b>fet</b>" in to_adept  # a plain-text e-mail
    assert in_person in mentor_facts and mentor_facts in to_adept
    assert f"DEVELOP-{adept.id}" in to_mentor and adept_goals in to_mentor
    assert adept_facts in to_mentor
    assert f"DEVELOP-{adept.id}" not in to_adept and f"OFFER-{mentor_id}" not in to_mentor

    auth.login(mentor_email)
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert f"DEVELOP-{adept.id}" in page
    assert f"PRESENTATION-{adept.id} &amp; &lt;b&gt;fet&lt;/b&gt;" in page  # escaped
    assert "HEMLIGT-SKÄL" not in page
    for word in ("önskemål", "Förstahandsval", "förstahandsval", "Andrahandsval"):
        assert word not in page  # the adept's ranks stay with the adept and the engine
    auth.logout()
    auth.login(adept.email)
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert f"OFFER-{mentor_id}" in page
    assert "HEMLIGT-SKÄL" not in page


def test_a_rounds_own_publish_text_can_place_the_partners_profile(app, build_round,
                                                                  admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.rounds import texts
    from mentorship.mentoring.talks.partner import partner_text

    r = build_round(pairs=1, state="matching")
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        mentor = db.session.get(Enrolment, r.mentors[0].id)
        mentor.offer_text = "Budgetarbete"
        texts.save(round_, texts.PUBLISH, "Er matchning", "Hej {namn}!\n\nOm {partner}:\n{profil}")
        admin = db.session.get(User, admin_user.id)
        proposals.run_matching(admin, round_)
        publishing.publish(admin, round_)
        body = db.session.scalar(select(OutboxMessage.body).where(
            OutboxMessage.recipient == r.adepts[0].email))
        assert body.startswith(f"Hej {r.adepts[0].name}!")
        assert f"Om {r.mentors[0].name}:\n{partner_text(mentor)}" in body
        assert "Budgetarbete" in partner_text(mentor)
        db.session.rollback()


@pytest.mark.wording
def test_the_partner_facts_are_labelled_for_an_adept_and_for_a_mentor(app):
    from mentorship.mentoring.models import Enrolment
    from mentorship.mentoring.talks.partner import partner_text

    adept = Enrolment(role="adept", business_area="IT", goals=["Svåra samtal"],
                      develop_text="Lönesamtal", meeting_mode="digital")
    mentor = Enrolment(role="mentor", business_area="HR", goals=["Leda förändring"],
                       offer_text="Budget", presentation="Rektor", meeting_mode="in_person")
    with app.test_request_context():
        assert partner_text(adept).splitlines() == [
            "Verksamhetsområde: IT", "Vill utvecklas inom: Svåra samtal",
            "Det här vill jag utvecklas i: Lönesamtal", "Träffas helst: Helst digitala möten"]
        assert partner_text(mentor).splitlines() == [
            "Verksamhetsområde: HR", "Kan erbjuda: Leda förändring",
            "Det här kan jag erbjuda: Budget", "Presentation: Rektor",
            "Träffas helst: Helst fysiska möten"]
