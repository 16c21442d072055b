"""Mina uppgifter, erasure and the retention purge (foundation data)."""

import json
import re
from datetime import timedelta

import pytest
from flask import url_for
from markupsafe import escape
from sqlalchemy import func, select

from mentorship.auth.models import ERASED_NAME, User, UserSession
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from mentorship.privacy.models import PurgeLog
from tests.said import refused


def test_mina_uppgifter_holds_everything_about_me_and_nothing_about_others(
    app, client, make_user, login_as
):
    make_user("other@example.org", name="Någon Annan")
    me = login_as("participant")
    page = client.get("/mina-uppgifter")
    with app.test_request_context():
        download = url_for("privacy.download")
    assert page.status_code == 200 and f'href="{download}"' in page.get_data(as_text=True)
    response = client.get("/mina-uppgifter/hamta")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data(as_text=True))
    parts = {p["del"]: p for p in data["delar"]}
    assert parts["konto"]["uppgifter"]["e-post"] == me.email
    for part in parts.values():
        assert part["används_till"] and part["sparas"]
    text = json.dumps(data, ensure_ascii=False)
    assert "other@example.org" not in text and "Någon Annan" not in text
    assert len(parts["inloggningar"]["uppgifter"]) == 1


def _mine_in_both_languages(client):
    """The export in Swedish, then the page and the export after switching to English."""
    swedish = json.loads(client.get("/mina-uppgifter/hamta").get_data(as_text=True))
    client.post("/sprak", data={"lang": "en", "next": "/mina-uppgifter"})
    page = client.get("/mina-uppgifter").get_data(as_text=True)
    english = json.loads(client.get("/mina-uppgifter/hamta").get_data(as_text=True))
    return ({p["del"]: p for p in swedish["delar"]}, swedish), page, (
        {p["del"]: p for p in english["delar"]}, english)


def test_mina_uppgifter_speaks_the_readers_language(client, login_as):
    login_as("participant")
    (sv_parts, swedish), page, (en_parts, english) = _mine_in_both_languages(client)
    assert list(en_parts) == list(sv_parts)  # the keys are the format, in either language
    for key, part in en_parts.items():
        for text in ("rubrik", "används_till", "sparas"):
            assert part[text] != sv_parts[key][text], (key, text)
        assert str(escape(part["rubrik"])) in page and str(escape(part["används_till"])) in page
    assert english["om"] != swedish["om"]


@pytest.mark.wording
def test_mina_uppgifter_reads_as_written_in_english(client, login_as):
    login_as("participant")
    (sv_parts, _swedish), _page, (en_parts, english) = _mine_in_both_languages(client)
    account = en_parts["konto"]
    assert account["rubrik"] == "Your account"
    assert account["används_till"].startswith("So that you can log in")
    assert account["sparas"] == "24 months after the account was deactivated or last used"
    assert english["om"].startswith("Everything the HR network")
    assert sv_parts["konto"]["rubrik"] == "Ditt konto"


def test_admin_erases_a_person_after_confirming(app, client, make_user, login_as, auth):
    person = make_user("erase.me@example.org", name="Radera Mig")
    other = app.test_client()
    other.post(
        "/logga-in", data={"email": "erase.me@example.org", "password": "correct horse battery"}
    )
    login_as("admin")
    confirm = client.get(f"/personer/{person.id}/radera").get_data(as_text=True)
    with app.test_request_context():
        erase = url_for("privacy.erase", user_id=person.id)
    assert f'<form method="post" action="{erase}"' in confirm and person.name in confirm
    with app.app_context():
        assert not db.session.get(User, person.id).is_erased  # asking changed nothing
    assert client.post(f"/personer/{person.id}/radera").status_code == 302
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user.name == ERASED_NAME and "erase.me" not in user.email
        assert not user.active and user.password_hash is None
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(UserSession)
                .where(UserSession.user_id == person.id)
            )
            == 0
        )
        assert db.session.scalar(select(func.count()).select_from(PurgeLog)) >= 1
    assert other.get("/").status_code == 302
    assert auth.logout().status_code == 302
    assert auth.login("erase.me@example.org").status_code == 200


def test_only_admins_erase_and_hr_cannot_reach_other_municipalities(client, make_user, login_as):
    person = make_user("p@example.org", municipality="Klippan")
    login_as("hr", municipality="Bjuv")
    assert client.get(f"/personer/{person.id}/radera").status_code == 403


def test_purge_removes_what_passed_its_period_and_is_idempotent(app, client, make_user, runner):
    old = make_user("old@example.org", name="Gammal Person")
    kept = make_user("kept@example.org", name="Aktiv Person")
    with app.app_context():
        user = db.session.get(User, old.id)
        user.active = False
        user.created_at = utcnow() - timedelta(days=800)
        db.session.add(
            OutboxMessage(
                recipient="kept@example.org",
                subject="x",
                body="y",
                created_at=utcnow() - timedelta(days=400),
            )
        )
        db.session.add(OutboxMessage(recipient="kept@example.org", subject="ny", body="y"))
        db.session.commit()
    first = runner.invoke(args=["gdpr", "purge"])
    assert first.exit_code == 0 and "Gallring klar" in first.output
    with app.app_context():
        assert db.session.get(User, old.id).name == ERASED_NAME
        assert db.session.get(User, kept.id).name == "Aktiv Person"
        subjects = db.session.scalars(select(OutboxMessage.subject)).all()
        assert subjects == ["ny"]
        logged = db.session.scalar(
            select(func.count()).select_from(PurgeLog).where(PurgeLog.count > 0)
        )
    assert logged >= 2  # the account and the old message
    second = runner.invoke(args=["gdpr", "purge"])
    assert second.exit_code == 0 and not re.search(r": \d", second.output)  # no counts
    with app.app_context():
        assert logged == db.session.scalar(
            select(func.count()).select_from(PurgeLog).where(PurgeLog.count > 0)
        )


def test_retention_is_configurable_per_municipality(app, client, login_as):
    hr = login_as("hr", municipality="Bjuv")
    page = client.get("/gallring")
    assert page.status_code == 200
    response = client.post(
        "/gallring",
        data={
            "municipality": hr.municipality_id,
            "account": 6,
            "login": 1,
            "mail": 1,
            "mentor_round": 12,
            "trainee": 36,
            "network": 12,
        },
    )
    assert response.status_code == 302
    from mentorship.privacy.retention import load_periods

    with app.app_context():
        periods = load_periods()
        assert periods.months(hr.municipality_id, "account") == 6
        assert periods.months(hr.municipality_id + 1, "account") == 24
    bad = client.post(
        "/gallring",
        data={
            "municipality": hr.municipality_id,
            "account": 0,
            "login": 1,
            "mail": 1,
            "mentor_round": 12,
            "trainee": 36,
            "network": 12,
        },
    )
    assert bad.status_code == 200 and refused(bad) == {"account"}
    with app.app_context():
        assert load_periods().months(hr.municipality_id, "account") == 6


@pytest.mark.wording
def test_the_purge_and_the_retention_form_read_as_written(app, client, runner, login_as):
    assert runner.invoke(args=["gdpr", "purge"]).output == (
        "Gallring klar. Inget hade passerat sin tid.\n")
    hr = login_as("hr", municipality="Bjuv")
    bad = client.post("/gallring", data={
        "municipality": hr.municipality_id, "account": 0, "login": 1, "mail": 1,
        "mentor_round": 12, "trainee": 36, "network": 12})
    assert "Ange mellan 1 och 240 månader." in bad.get_data(as_text=True)


def test_hr_cannot_set_another_municipalitys_rules(app, client, login_as):
    login_as("hr", municipality="Bjuv")
    from mentorship.reference.models import Municipality

    with app.app_context():
        klippan = db.session.scalar(select(Municipality.id).where(Municipality.name == "Klippan"))
    assert client.get(f"/gallring?municipality={klippan}").status_code == 200
    client.post(
        "/gallring",
        data={
            "municipality": klippan,
            "account": 2,
            "login": 1,
            "mail": 1,
            "mentor_round": 12,
            "trainee": 36,
            "network": 12,
        },
    )
    from mentorship.privacy.retention import load_periods

    with app.app_context():
        assert load_periods().months(klippan, "account") == 24
