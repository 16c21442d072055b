"""Dates and talks that fit the real calendar: editing a published round's name and dates
(recorded), talks from the publish day, workshops inside the round's dates, and Årets
mentor chosen with a confirmation and changeable until the round is closed."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.app.mentoring.test_mentor_rules import WEIGHTS


def test_a_running_rounds_name_and_dates_can_be_edited_and_are_recorded(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="running")
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert "Ändra namn och datum" in html
    form = client.get(f"/mentorskap/omgangar/{r.id}/andra").get_data(as_text=True)
    assert "Startdatum" in form and "w_goals" not in form  # no matching settings
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-01",
                                 "ends_on": "2025-06-30"})
    assert response.status_code == 200
    assert "Slutdatum måste vara efter startdatum" in response.get_data(as_text=True)
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-08",
                                 "ends_on": "2026-06-30"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Ändringarna är sparade" in html
    assert "Ändrade namn, datum och texter" in html
    assert "Våren 2026" in html and "2025-09-01" in html and "2025-09-08" in html
    assert "Karin Koordinator" in html
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.log import RoundChange

    with app.app_context():
        fields = sorted(c.field for c in db.session.scalars(select(RoundChange)))
    assert fields == ["name", "starts_on"]  # the end date did not change
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-08",
                                 "ends_on": "2026-06-30"}, follow_redirects=True)
    assert "Inget var ändrat" in response.get_data(as_text=True)


def test_a_closed_round_cannot_be_edited(client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="closed")
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data=dict(WEIGHTS, name="X", starts_on="2025-09-08",
                                     ends_on="2026-06-30"))
    assert "när omgången är avslutad" in response.get_data(as_text=True)


def test_a_pair_logs_talks_from_the_day_it_was_published(app, build_round):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.talks import services as talks
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state="published")
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        round_.starts_on, round_.ends_on = date(2027, 3, 1), date(2027, 12, 1)
        pair = db.session.scalars(select(MentorPair)).one()
        pair.published_at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)  # 2 Dec in Sweden
        adept = db.session.get(User, pair.adept.user_id)
        talk = talks.log_talk(adept, pair, talks.NewTalk(date(2026, 12, 2), 60, ""),
                              today=date(2026, 12, 3))
        assert talk.id
        with pytest.raises(ServiceError) as err:
            talks.log_talk(adept, pair, talks.NewTalk(date(2026, 12, 1), 60, ""),
                           today=date(2026, 12, 3))
        assert "samtal kan loggas från och med 2 dec. 2026" in err.value.message


def test_a_workshop_outside_the_rounds_dates_is_refused(app, client, auth, build_round,
                                                        admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop

    r = build_round(pairs=1, state="running")
    with app.app_context():
        workshop_id = db.session.scalars(
            select(Workshop.id).where(Workshop.round_id == r.id)).first()
    auth.login(admin_user.email)
    data = {"title": "Uppstart", "minutes": "180", "place": "Stadshuset",
            "host_municipality_id": "0", "capacity": ""}
    response = client.post(f"/mentorskap/workshop/{workshop_id}/andra",
                           data=dict(data, starts_at="2026-07-02T09:00"))
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert "Programworkshopen måste ligga inom omgångens datum, 1 sep. 2025–30 juni 2026" in html
    response = client.post(f"/mentorskap/workshop/{workshop_id}/andra",
                           data=dict(data, starts_at="2026-06-30T09:00"))
    assert response.status_code == 302


def _nominations(app, r):
    """Both adepts of a running round nominate their mentor; returns the nomination ids."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.closing import evaluation
    from mentorship.mentoring.models import MentorPair, MentorRound

    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        ids = []
        for pair in db.session.scalars(select(MentorPair).order_by(MentorPair.id)):
            adept = db.session.get(User, pair.adept.user_id)
            ids.append(evaluation.nominate(adept, round_, evaluation.NominationData(
                pair.mentor_id, "En fantastisk mentor som alltid lyssnade.")).id)
        db.session.commit()
        return ids


def test_mentor_of_the_year_is_confirmed_and_changeable_until_closed(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="running")
    first, second = _nominations(app, r)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/arets-mentor"
    html = client.get(url).get_data(as_text=True)
    assert "Du kan ändra Årets mentor tills omgången är avslutad" in html
    html = client.get(f"{url}?valj={first}").get_data(as_text=True)
    assert "till Årets mentor?" in html and "Det ersätter" not in html
    assert client.post(url, data={"nomination_id": first}).status_code == 302
    html = client.get(f"{url}?valj={second}").get_data(as_text=True)
    assert "Det ersätter Mentor" in html
    client.post(url, data={"nomination_id": second})
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    with app.app_context():
        assert db.session.get(Nomination, second).winner
        assert not db.session.get(Nomination, first).winner
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed")
    html = client.get(url).get_data(as_text=True)
    assert "Årets mentor kan inte längre ändras" in html and f"valj={first}" not in html
    response = client.post(url, data={"nomination_id": first}, follow_redirects=True)
    assert "Årets mentor kan inte längre ändras" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Nomination, second).winner
    assert client.get(f"{url}?valj=999999").status_code == 404
