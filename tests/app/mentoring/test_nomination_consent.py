"""A nomination is quoted in the annual report only if its author agreed when nominating:
the checkbox is new and unticked, and without it the report names the winner only."""

from __future__ import annotations

from sqlalchemy import select

TEXT = "En fantastisk mentor som alltid tog sig tid och ställde de svåra frågorna."


def _nominate_and_choose(app, client, auth, build_round, admin_user, password_hash,
                         consent: bool):
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=2, state="running", password_hash=password_hash)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        adept, mentor_id, mentor = pair.adept.user.email, pair.mentor_id, pair.mentor.user
        mentor_name = mentor.name
    auth.login(adept)
    page = client.get(f"/mentorskap/omgangar/{r.id}/nominera").get_data(as_text=True)
    with app.test_request_context():
        from mentorship.mentoring.closing.forms import NominationForm

        consent_label = str(NominationForm.quote_consent.args[0])
    assert f">{consent_label}</label>" in page
    assert 'name="quote_consent"' in page and "checked" not in page.split(
        'name="quote_consent"')[1].split(">")[0]
    data = {"mentor_id": str(mentor_id), "text": TEXT}
    if consent:
        data["quote_consent"] = "y"
    assert client.post(f"/mentorskap/omgangar/{r.id}/nominera", data=data).status_code == 302
    auth.logout()
    with app.app_context():
        nomination = db.session.scalar(select(Nomination))
        assert nomination.quote_consent is consent
        nid = nomination.id
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/arets-mentor", data={"nomination_id": nid})
    return client.get("/rapport/ar/2026").get_data(as_text=True), mentor_name


def test_without_consent_the_report_names_the_winner_only(app, client, auth, build_round,
                                                          admin_user, password_hash):
    html, winner = _nominate_and_choose(app, client, auth, build_round, admin_user,
                                        password_hash, consent=False)
    assert "Årets mentor 2026 blev <a" in html and winner in html
    assert TEXT not in html


def test_with_consent_the_report_quotes_the_nomination(app, client, auth, build_round,
                                                       admin_user, password_hash):
    html, winner = _nominate_and_choose(app, client, auth, build_round, admin_user,
                                        password_hash, consent=True)
    assert winner in html and TEXT in html
