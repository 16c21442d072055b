"""Headers, CSRF, cookies and configuration."""

import pytest

from mentorship.errors import _messages
from tests.conftest import DEMO_PASSWORD, make_test_config


def test_security_headers_everywhere(client):
    response = client.get("/logga-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_authenticated_pages_are_not_stored(client, login_as):
    login_as("participant")
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_pages(client, login_as):
    login_as("admin")
    for path in ("/", "/personer/", "/personer/bjud-in", "/register/kommuner"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert "http://" not in html.replace("http://localhost", "") or "https://" not in html


def _post_without_token(app, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    make_user("kim@example.org")
    client = app.test_client()
    return client, client.post(
        "/logga-in", data={"email": "kim@example.org", "password": DEMO_PASSWORD}
    )


def test_csrf_is_enforced_on_every_state_changing_form(app, make_user):
    client, response = _post_without_token(app, make_user)
    assert response.status_code == 400
    with app.test_request_context():
        title, generic = _messages()[400]
    html = response.get_data(as_text=True)
    # The error page, with the expired form's own explanation instead of the generic one.
    assert f"<h1>{title}</h1>" in html and generic not in html
    assert client.get("/").status_code == 302  # not logged in


@pytest.mark.wording
def test_an_expired_form_and_a_missing_page_say_so(app, make_user, client):
    _client, response = _post_without_token(app, make_user)
    assert "Formuläret hade gått ut. Ladda om sidan och försök igen." in response.get_data(
        as_text=True)
    assert "<h1>Sidan finns inte</h1>" in client.get("/finns-inte").get_data(as_text=True)


def test_csrf_over_https_checks_the_referrer(app, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/logga-in", base_url="https://mentor.example.org")
    import re

    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)
    )
    token = (
        token.group(1)
        if token
        else re.search(
            r'value="([^"]+)" name="csrf_token"|name="csrf_token" value="([^"]+)"',
            page.get_data(as_text=True),
        ).group(2)
    )
    response = client.post(
        "/logga-in",
        data={"email": "x@example.org", "password": "x", "csrf_token": token},
        base_url="https://mentor.example.org",
        headers={"Referer": "https://evil.example/"},
    )
    assert response.status_code == 400


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    from mentorship import create_app

    monkeypatch.delenv("MENTORSHIP_SECRET_KEY", raising=False)
    monkeypatch.setenv("MENTORSHIP_ENV", "production")
    config = make_test_config("sqlite:///" + str(tmp_path / "x.sqlite"), str(tmp_path))
    config.pop("TESTING")
    config.pop("SECRET_KEY")
    with pytest.raises(RuntimeError, match="MENTORSHIP_SECRET_KEY"):
        create_app(config)


def test_configuration_comes_from_prefixed_environment(tmp_path, monkeypatch):
    from mentorship import create_app

    monkeypatch.setenv("MENTORSHIP_SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.setenv("MENTORSHIP_BASE_URL", "https://mentor.example.org")
    monkeypatch.setenv("MENTORSHIP_RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("MENTORSHIP_DATABASE_URL", "sqlite:///" + str(tmp_path / "env.sqlite"))
    app = create_app()
    assert app.config["SECRET_KEY"] == "a-real-secret-from-the-environment"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")


def test_postgres_urls_use_psycopg3(tmp_path, monkeypatch):
    from mentorship.config import Defaults, _database_defaults

    class FakeApp:
        instance_path = str(tmp_path)
        config = {"SQLALCHEMY_DATABASE_URI": "postgresql://u@h/db", "SQLALCHEMY_ENGINE_OPTIONS": {}}

    assert Defaults.ENV == "production"
    _database_defaults(FakeApp)
    assert FakeApp.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


@pytest.mark.committed
def test_sqlite_has_foreign_keys_wal_and_a_busy_timeout(app):
    from sqlalchemy import text

    from mentorship.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_errors_are_swedish_pages_without_stack_traces(app, client, login_as):
    login_as("participant")
    response = client.get("/finns-inte")
    assert response.status_code == 404
    with app.test_request_context():
        title, text = _messages()[404]
    assert f"<h1>{title}</h1>" in response.get_data(as_text=True)
    assert f"<p>{text}</p>" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
