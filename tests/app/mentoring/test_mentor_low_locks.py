"""A lock under the round's minimum score is named when it is made (the proposal page the
coordinator lands on) and on the publish page."""

from sqlalchemy import select


def _set_min(app, round_id, value):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        db.session.get(MentorRound, round_id).min_score = value
        db.session.commit()


def test_lock_below_the_minimum_is_warned_about_on_proposal_and_publish(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import ProposedPair

    r = build_round(pairs=2, state="matching")
    auth.login(admin_user.email)
    from matching import CRITERIA, DEFAULT_WEIGHTS

    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "0", **weights})
    with app.app_context():
        pair = db.session.scalars(select(ProposedPair).where(
            ProposedPair.mentor_id.is_not(None)).order_by(ProposedPair.score)).first()
        adept_id, mentor_id, score = pair.adept_id, pair.mentor_id, pair.score
    _set_min(app, r.id, score + 0.5)
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel", data={
        "kind": "lock", "adept_id": adept_id, "mentor_id": mentor_id})
    landing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 låst par under lägsta poäng" in landing
    names = {p.id: p.name for p in (*r.adepts, *r.mentors)}
    assert f"{names[adept_id]} – {names[mentor_id]}:" in landing
    publish = client.get(f"/mentorskap/omgangar/{r.id}/publicera").get_data(as_text=True)
    assert "1 låst par under lägsta poäng" in publish

    _set_min(app, r.id, score - 0.5)  # the same lock above the minimum: no warning
    assert "under lägsta poäng" not in client.get(
        f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
