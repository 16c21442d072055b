"""Dates and talks that fit the real calendar: editing a published round's name and dates
(recorded), talks from the publish day, workshops inside the round's dates, and Årets
mentor chosen with a confirmation and changeable until the round is closed."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.app.mentoring.test_mentor_rules import WEIGHTS
from tests.said import flashed, flashes, form_refused, notice_texts, notices, refused, summary


def test_a_running_rounds_name_and_dates_can_be_edited_and_are_recorded(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.log import RoundChange

    def changed() -> list[str]:
        with app.app_context():
            return sorted(c.field for c in db.session.scalars(select(RoundChange)))

    r = build_round(pairs=2, state="running")
    before = _round(app, r.id)
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert f'href="/mentorskap/omgangar/{r.id}/andra"' in html
    form = client.get(f"/mentorskap/omgangar/{r.id}/andra").get_data(as_text=True)
    assert 'name="starts_on"' in form and "w_goals" not in form  # no matching settings
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-01",
                                 "ends_on": "2025-06-30"})
    assert response.status_code == 200 and refused(response) == {"ends_on"}
    assert _round(app, r.id) == before and changed() == []
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-08",
                                 "ends_on": "2026-06-30"})
    assert response.headers["Location"] == f"/mentorskap/omgangar/{r.id}"
    assert _round(app, r.id) == ("Våren 2026", date(2025, 9, 8), date(2026, 6, 30))
    assert changed() == ["name", "starts_on"]  # the end date did not change
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert flashed(html) == ["success"]
    history = html[html.rindex("<table"):]  # the round's changes, last on the page
    with app.test_request_context():
        from mentorship.mentoring.labels import change_field_labels

        names = change_field_labels()
    assert names["name"] in history and names["starts_on"] in history
    assert names["ends_on"] not in history
    assert "Våren 2026" in history and "2025-09-01" in history and "2025-09-08" in history
    assert "Karin Koordinator" in history
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data={"name": "Våren 2026", "starts_on": "2025-09-08",
                                 "ends_on": "2026-06-30"}, follow_redirects=True)
    assert flashed(response) == ["success"]
    assert changed() == ["name", "starts_on"]  # nothing was changed, nothing recorded


def _round(app, round_id: int) -> tuple:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        round_ = db.session.get(MentorRound, round_id)
        return round_.name, round_.starts_on, round_.ends_on


@pytest.mark.wording
def test_saving_a_rounds_details_says_whether_anything_changed(client, auth, build_round,
                                                               admin_user):
    r = build_round(pairs=2, state="running")
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/andra"
    response = client.post(url, data={"name": "Våren 2026", "starts_on": "2025-09-01",
                                      "ends_on": "2025-06-30"})
    assert "Slutdatum: Slutdatum måste vara efter startdatum." in summary(response)
    data = {"name": "Våren 2026", "starts_on": "2025-09-08", "ends_on": "2026-06-30"}
    html = client.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert flashes(html) == [("success", "Ändringarna är sparade och syns i omgångens historik.")]
    assert "<caption>Ändrade namn, datum och texter</caption>" in html
    html = client.post(url, data=data, follow_redirects=True)
    assert flashes(html) == [("success", "Inget var ändrat.")]


def test_a_closed_round_cannot_be_edited(app, client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="closed")
    before = _round(app, r.id)
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data=dict(WEIGHTS, name="X", starts_on="2025-09-08",
                                     ends_on="2026-06-30"))
    assert response.status_code == 200 and form_refused(response)
    assert _round(app, r.id) == before
    with app.test_request_context():
        from mentorship.mentoring.labels import state_phrases

        closed = state_phrases()["closed"]
    assert closed in summary(response)[0]  # refused because the round is closed


def test_a_pair_logs_talks_from_the_day_it_was_published(app, build_round):
    from flask_babel import format_date

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
        assert err.value.field == "held_on"
        assert format_date(date(2026, 12, 2)) in err.value.message  # the first day allowed
        assert format_date(date(2026, 12, 1)) not in err.value.message


def test_a_workshop_outside_the_rounds_dates_is_refused(app, client, auth, build_round,
                                                        admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop

    r = build_round(pairs=1, state="running")
    with app.app_context():
        workshop_id = db.session.scalars(
            select(Workshop.id).where(Workshop.round_id == r.id)).first()
    before = _workshop(app, workshop_id)
    auth.login(admin_user.email)
    data = {"title": "Uppstart", "minutes": "180", "place": "Stadshuset",
            "host_municipality_id": "0", "capacity": ""}
    response = client.post(f"/mentorskap/workshop/{workshop_id}/andra",
                           data=dict(data, starts_at="2026-07-02T09:00"))
    assert response.status_code in (200, 400)
    assert refused(response) == {"starts_at"}
    assert _workshop(app, workshop_id) == before
    with app.test_request_context():
        from flask_babel import format_date

        dates = format_date(date(2025, 9, 1)), format_date(date(2026, 6, 30))
    assert all(d in summary(response)[0] for d in dates)  # says the round's dates
    response = client.post(f"/mentorskap/workshop/{workshop_id}/andra",
                           data=dict(data, starts_at="2026-06-30T09:00"))
    assert response.status_code == 302
    assert _workshop(app, workshop_id)[0] == "Uppstart"


def _workshop(app, workshop_id: int) -> tuple:
    from mentorship.extensions import db
    from mentorship.mentoring.models import Workshop

    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        return workshop.title, workshop.starts_at


@pytest.mark.wording
def test_the_refused_dates_name_the_days_allowed(app, client, auth, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound, Workshop
    from mentorship.mentoring.talks import services as talks
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state="running")
    with app.test_request_context():
        workshop_id = db.session.scalars(
            select(Workshop.id).where(Workshop.round_id == r.id)).first()
        pair = db.session.scalars(select(MentorPair)).one()
        pair.published_at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
        db.session.get(MentorRound, r.id).starts_on = date(2027, 3, 1)
        with pytest.raises(ServiceError) as err:
            talks.log_talk(db.session.get(User, pair.adept.user_id), pair,
                           talks.NewTalk(date(2026, 12, 1), 60, ""), today=date(2026, 12, 3))
        assert err.value.message == ("Datumet är för tidigt: samtal kan loggas från och med "
                                     "2 dec. 2026.")
        db.session.rollback()
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/workshop/{workshop_id}/andra",
                           data={"title": "Uppstart", "minutes": "180", "place": "Stadshuset",
                                 "host_municipality_id": "0", "capacity": "",
                                 "starts_at": "2026-07-02T09:00"})
    assert summary(response)[0].endswith("Programworkshopen måste ligga inom omgångens datum, "
                                         "1 sep. 2025–30 juni 2026. Ändra datumet, eller "
                                         "ändra omgångens datum först.")
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed")
    response = client.post(f"/mentorskap/omgangar/{r.id}/andra",
                           data=dict(WEIGHTS, name="X", starts_on="2025-09-08",
                                     ends_on="2026-06-30"))
    assert "Det går inte att ändra inställningarna när omgången är avslutad" in summary(
        response)[0]


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
    assert f"valj={first}" in html and f"valj={second}" in html  # the choice is open
    html = client.get(f"{url}?valj={first}").get_data(as_text=True)
    assert f'name="nomination_id" value="{first}"' in html
    assert notices(html) == []  # nobody to replace yet
    assert client.post(url, data={"nomination_id": first}).status_code == 302
    client.get(url)  # the flash is read
    html = client.get(f"{url}?valj={second}").get_data(as_text=True)
    assert _mentor_name(app, second) in html[html.index("<h1>"):html.index("</h1>")]
    warnings = [text for key, text in notice_texts(html) if key == "replaces-winner"]
    assert len(warnings) == 1 and _mentor_name(app, first) in warnings[0]  # replaces
    client.post(url, data={"nomination_id": second})
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    with app.app_context():
        assert db.session.get(Nomination, second).winner
        assert not db.session.get(Nomination, first).winner
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed")
    html = client.get(url).get_data(as_text=True)
    assert f"valj={first}" not in html  # no longer offered
    response = client.post(url, data={"nomination_id": first}, follow_redirects=True)
    assert flashed(response) == ["error"]
    with app.app_context():
        assert db.session.get(Nomination, second).winner
        assert not db.session.get(Nomination, first).winner
    assert client.get(f"{url}?valj=999999").status_code == 404


def _mentor_name(app, nomination_id: int) -> str:
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    with app.app_context():
        return db.session.get(Nomination, nomination_id).mentor.user.name


@pytest.mark.wording
def test_mentor_of_the_year_says_until_when_it_can_change(app, client, auth, build_round,
                                                          admin_user):
    r = build_round(pairs=2, state="running")
    first, _second = _nominations(app, r)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/arets-mentor"
    html = client.get(url).get_data(as_text=True)
    assert "Du kan ändra Årets mentor tills omgången är avslutad." in html
    client.post(url, data={"nomination_id": first})
    client.post(f"/mentorskap/omgangar/{r.id}/status/closed", follow_redirects=True)
    html = client.get(url).get_data(as_text=True)
    assert "Omgången är avslutad, så Årets mentor kan inte längre ändras." in html
    response = client.post(url, data={"nomination_id": first}, follow_redirects=True)
    assert flashes(response) == [
        ("error", "Omgången är avslutad, så Årets mentor kan inte längre ändras.")]
