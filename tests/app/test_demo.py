"""`flask demo` fills an empty database from the domain facts, and is idempotent."""

from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db


def test_demo_is_idempotent_and_covers_every_municipality(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(User))
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == count
        users = db.session.scalars(select(User)).all()
        emails = {u.email for u in users}
        assert "admin@example.org" in emails
        for slug in ("angelholm", "bastad", "hoganas", "orkelljunga", "astorp", "svalov"):
            assert f"hr.{slug}@example.org" in emails
        assert len({u.municipality_id for u in users if u.has_role("participant")}) == 11


def test_demo_accounts_use_the_configured_password(app, runner, client, auth):
    app.config["DEMO_PASSWORD"] = "ett-annat-demolosenord"
    runner.invoke(args=["demo"])
    assert auth.login("hr.angelholm@example.org", "ett-annat-demolosenord").status_code == 302


def test_demo_if_empty_skips_a_database_with_users(app, runner, make_user):
    make_user("someone@example.org")
    result = runner.invoke(args=["demo", "--if-empty"])
    assert "hoppas över" in result.output
