"""The calendar feed's secret is stored hashed (issue 23, item 9): migration 0018 hashes
the secrets already handed out, so every subscribed calendar keeps working, and gives the
open logins a last-seen time."""

from sqlalchemy import text

from tests.conftest import make_test_config
from tests.db_state import new_database

OLD_TOKEN = "Zb3x-old-secret-handed-out-before-0018-aaaaaaaaa"


def test_feeds_handed_out_before_hashing_still_work(tmp_path):
    from mentorship import create_app
    from mentorship.auth.tokens import token_hash
    from mentorship.extensions import db

    url = new_database(str(tmp_path), "migrations_feeds")
    app = create_app(make_test_config(url, str(tmp_path)))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "0016"]).exit_code == 0
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO municipality (id, name, code, latitude, longitude, active) "
                "VALUES (1, 'Bjuv', '1260', 56.08, 12.92, true)"))
            conn.execute(text(
                "INSERT INTO user_account (id, email, name, municipality_id, active, created_at,"
                " is_erased) VALUES (1, 'a@example.org', 'A', 1, true, CURRENT_TIMESTAMP, false)"))
            conn.execute(text(
                "INSERT INTO calendar_feed (user_id, token, created_at) "
                "VALUES (1, :token, CURRENT_TIMESTAMP)"), {"token": OLD_TOKEN})
            conn.execute(text(
                "INSERT INTO user_session (token_hash, user_id, created_at, expires_at) "
                "VALUES ('x', 1, '2026-01-01 08:00:00+00:00', '2026-01-01 16:00:00+00:00')"))
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as conn:
            stored = conn.execute(text("SELECT token_hash FROM calendar_feed")).scalar_one()
            seen, created = conn.execute(
                text("SELECT last_seen_at, created_at FROM user_session")).one()
            columns = [r[1] for r in conn.execute(text(
                "SELECT 1, column_name FROM information_schema.columns "
                "WHERE table_name = 'calendar_feed'")).all()] if url.startswith("postgres") \
                else [r[1] for r in conn.execute(text("PRAGMA table_info(calendar_feed)"))]
    assert stored == token_hash(OLD_TOKEN) and "token" not in columns
    assert seen == created
    response = app.test_client().get(f"/kalender/{OLD_TOKEN}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert app.test_client().get("/kalender/not-the-secret.ics").status_code == 404
    with app.app_context():
        db.engine.dispose()
