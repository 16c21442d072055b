"""Faults: a database that goes away gives a Swedish 503 with an error id, changes
nothing, and the app recovers by itself when the database is back."""

import re

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from mentorship.auth.models import User
from mentorship.errors import _messages
from mentorship.extensions import db


def test_database_outage_is_a_swedish_503_with_an_error_id(app, client, login_as, monkeypatch):
    login_as("admin")
    app.config["PROPAGATE_TEST_ERRORS"] = False
    from sqlalchemy.orm import Session

    real_execute = Session.execute

    def down(self, *args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(Session, "execute", down)
    response = client.post(
        "/personer/bjud-in",
        data={"email": "ny@example.org", "name": "Ny", "municipality_id": 1,
              "roles": ["participant"]},
    )
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    with app.test_request_context():
        title, text_503 = _messages()[503]
    assert f"<h1>{title}</h1>" in html and f"<p>{text_503}</p>" in html
    # The error id on the page is the request's id, the one its log line carries.
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{16}", request_id)
    assert f"Felkod: <code>{request_id}</code>" in html
    assert "Traceback" not in html and "OperationalError" not in html
    monkeypatch.setattr(Session, "execute", real_execute)
    # Nothing was written, and the app answers again without a restart.
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User).where(
            User.email == "ny@example.org")) == 0
    assert client.get("/").status_code == 200


@pytest.mark.wording
def test_the_outage_page_says_nothing_was_saved(app):
    with app.test_request_context():
        _title, text_503 = _messages()[503]
    assert text_503.startswith("Databasen svarar inte just nu.")
    assert "Inget av det du skickade har sparats." in text_503


@pytest.mark.committed  # it ends every other connection to the database
def test_recovers_after_the_database_dropped_every_connection(app, client, login_as):
    login_as("admin")
    assert client.get("/personer/").status_code == 200
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only: SQLite has no server to restart")
        name = db.engine.url.database
        with db.engine.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = :name AND pid <> pg_backend_pid()"),
                {"name": name},
            )
    # Pooled connections are dead now; pre-ping replaces them transparently.
    assert client.get("/personer/").status_code == 200
