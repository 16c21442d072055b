"""Personal data of the profile texts, wishes and marks: each person's export holds what
they said (a mark about an adept stays the mentor's), and erasure removes it."""

import json

from sqlalchemy import select


def _seed(app, r):
    """adept0 wished mentor1 then mentor0; mentor0 marked adept1; everyone wrote texts."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    with app.app_context():
        for e in db.session.scalars(select(Enrolment).where(Enrolment.round_id == r.id)):
            e.presentation = f"Presentation av {e.user.name}"
            if e.role == "adept":
                e.develop_text = f"Utvecklas: {e.user.name}"
            else:
                e.offer_text, e.profile_visible = f"Erbjuder: {e.user.name}", True
        db.session.add_all([
            AdeptWish(round_id=r.id, adept_id=r.adepts[0].id, mentor_id=r.mentors[1].id,
                      rank=1),
            AdeptWish(round_id=r.id, adept_id=r.adepts[0].id, mentor_id=r.mentors[0].id,
                      rank=2),
            MentorExclusion(round_id=r.id, mentor_id=r.mentors[0].id,
                            adept_id=r.adepts[1].id, reason="GRANNAR-SKÄL"),
        ])
        db.session.commit()


def _export(client) -> tuple[dict, str]:
    text = client.get("/mina-uppgifter/hamta").get_data(as_text=True)
    return {p["del"]: p for p in json.loads(text)["delar"]}, text


def test_exports_hold_own_texts_wishes_and_marks_only(app, client, auth, build_round,
                                                      password_hash):
    r = build_round(pairs=2, state="open", password_hash=password_hash)
    _seed(app, r)
    auth.login(r.adepts[0].email)
    parts, text = _export(client)
    enrolment = parts["mentorsprogrammet-anmälningar"]["uppgifter"][0]
    assert enrolment["presentation"] == f"Presentation av {r.adepts[0].name}"
    assert enrolment["vill_utvecklas_i"] == f"Utvecklas: {r.adepts[0].name}"
    wishes = parts["mentorsprogrammet-önskemål"]["uppgifter"]
    assert [(w["val"], w["mentor"]) for w in wishes] == [(1, r.mentors[1].name),
                                                         (2, r.mentors[0].name)]
    assert parts["mentorsprogrammet-markeringar"]["uppgifter"] == []
    auth.logout()

    auth.login(r.adepts[1].email)  # marked by mentor0: not in their export
    parts, text = _export(client)
    assert "GRANNAR-SKÄL" not in text and r.mentors[0].name not in text
    assert parts["mentorsprogrammet-önskemål"]["uppgifter"] == []
    auth.logout()

    auth.login(r.mentors[0].email)
    parts, text = _export(client)
    marks = parts["mentorsprogrammet-markeringar"]["uppgifter"]
    assert [(m["adept"], m["skäl"]) for m in marks] == [(r.adepts[1].name, "GRANNAR-SKÄL")]
    assert parts["mentorsprogrammet-anmälningar"]["uppgifter"][0]["kan_erbjuda"] == \
        f"Erbjuder: {r.mentors[0].name}"
    assert r.adepts[0].name not in text  # whom the adepts wished is theirs, not the mentor's


def test_erasure_removes_texts_wishes_and_mark_reasons(app, client, auth, build_round,
                                                       admin_user, password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=2, state="matching", password_hash=password_hash)
    _seed(app, r)
    with app.test_request_context():
        from mentorship.auth.models import User
        from mentorship.mentoring.models import MentorRound

        admin = db.session.get(User, admin_user.id)
        round_ = db.session.get(MentorRound, r.id)
        proposals.run_matching(admin, round_)
        publishing.publish(admin, round_)
        db.session.commit()
    auth.login(admin_user.email)
    for person in (r.adepts[0], r.mentors[0]):
        assert client.post(f"/personer/{person.user_id}/radera").status_code == 302
    with app.app_context():
        for person in (r.adepts[0], r.mentors[0]):
            e = db.session.get(Enrolment, person.id)
            assert (e.presentation, e.develop_text, e.offer_text, e.profile_visible) == \
                ("", "", "", False)
        assert db.session.scalars(select(AdeptWish).where(
            AdeptWish.adept_id == r.adepts[0].id)).all() == []
        assert db.session.scalars(select(MentorExclusion.reason)).all() == [""]
