"""Shared fixtures. The app is imported lazily so that tests/matching stays pure.

The database is the SQLite default, or PostgreSQL when MENTORSHIP_DATABASE_URL is set
(.ci/run does both). The schema is built once per run; each test then starts from empty tables
with the reference data seeded.
"""

from __future__ import annotations

import os
import smtplib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

DEMO_PASSWORD = "correct horse battery"


def database_url(tmp_dir: str) -> str:
    url = os.environ.get("MENTORSHIP_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + os.path.join(tmp_dir, "test.sqlite")


def make_test_config(url: str, instance: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_SERVER": None,
        "BASE_URL": "http://localhost",
        # Jobs run inside the request unless a test says otherwise; Redis database 12,
        # with a queue name (and key prefix) of this run's own.
        "JOBS_SYNC": True,
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "JOBS_QUEUE": f"test-{os.getpid()}",
        # Cheap hashes keep the suite fast; production uses the defaults.
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_KIB": 1024,
        "INSTANCE_PATH_FOR_TESTS": instance,
    }


def _reset_schema(app) -> None:
    from sqlalchemy import text

    from mentorship.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def _session_app():
    from mentorship import create_app
    from mentorship.extensions import db

    tmp = tempfile.mkdtemp(prefix="mentorship-test-")
    os.environ.setdefault("MENTORSHIP_INSTANCE_PATH", tmp)
    app = create_app(make_test_config(database_url(tmp), tmp))
    _reset_schema(app)
    # The schema from the models; tests/app/test_migrations.py proves the migrations
    # build the same schema on both databases.
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def _empty_tables(app) -> None:
    from sqlalchemy import text

    from mentorship.audit import triggers
    from mentorship.extensions import db

    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # The audit log refuses deletes (a trigger); tests start from an empty one.
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_delete"))
            for table in tables:
                conn.execute(table.delete())
            conn.execute(text(triggers.SQLITE_NO_DELETE))


@pytest.fixture
def app(_session_app):
    """The app with empty tables and the reference data seeded.

    No app context stays pushed: a request must get its own, or Flask-Login's cached user
    in `g` would leak from one request to the next. Use `with app.app_context():`.
    """
    from mentorship.extensions import db, limiter
    from mentorship.reference.services import seed_reference_data

    original = dict(_session_app.config)
    with _session_app.app_context():
        _empty_tables(_session_app)
        seed_reference_data()
        db.session.commit()
        limiter.reset()
    yield _session_app
    _session_app.config.clear()
    _session_app.config.update(original)


@pytest.fixture(autouse=True)
def _no_real_mail(monkeypatch):
    """Tests never send real e-mail."""

    class Refuse:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a test tried to open a real SMTP connection")

    monkeypatch.setattr(smtplib, "SMTP", Refuse)
    monkeypatch.setattr(smtplib, "SMTP_SSL", Refuse)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """make_user("a@x.se", roles=("hr",), municipality="Bjuv") -> User (password set)."""
    from sqlalchemy import select

    from mentorship.auth.passwords import hash_password
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.reference.models import Municipality

    with app.app_context():
        hashed = hash_password(DEMO_PASSWORD)

    def make(
        email: str,
        roles: tuple[str, ...] = ("participant",),
        municipality: str = "Helsingborg",
        name: str | None = None,
        password: bool = True,
    ) -> SimpleNamespace:
        with app.app_context():
            m = db.session.scalar(select(Municipality).where(Municipality.name == municipality))
            user = create_user(NewUser(email, name or email.split("@")[0].title(), m.id, roles))
            if password:
                user.password_hash = hashed
            db.session.commit()
            return SimpleNamespace(
                id=user.id, email=user.email, name=user.name, municipality_id=m.id,
                municipality=municipality, roles=roles,
            )

    return make


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = DEMO_PASSWORD, follow: bool = False):
        return self._client.post(
            "/logga-in",
            data={"email": email, "password": password},
            follow_redirects=follow,
        )

    def logout(self):
        return self._client.post("/logga-ut")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def login_as(client, make_user, auth):
    """login_as("hr", municipality="Bjuv") creates a user with that role and logs in."""

    counter = {"n": 0}

    def do(*roles: str, municipality: str = "Helsingborg", email: str | None = None):
        counter["n"] += 1
        email = email or f"{'-'.join(roles)}{counter['n']}@example.org"
        user = make_user(email, roles=roles, municipality=municipality)
        response = auth.login(email)
        assert response.status_code == 302, response.data[:500]
        return user

    return do


@pytest.fixture
def count_queries(app):
    """with count_queries() as counter: ...; counter.count is the statements run."""
    from sqlalchemy import event

    from mentorship.extensions import db

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting() -> Iterator[Counter]:
        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, *args):
            counter.count += 1
            counter.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def queries_while_rendering(app):
    """with queries_while_rendering() as statements: ...; the SQL run while a template
    rendered, as "path: statement" (templates only format what views loaded)."""
    from flask import before_render_template, has_request_context, request, template_rendered
    from sqlalchemy import event

    from mentorship.extensions import db

    @contextmanager
    def watching() -> Iterator[list[str]]:
        state = {"depth": 0}
        statements: list[str] = []

        def enter(*_a, **_kw):
            state["depth"] += 1

        def leave(*_a, **_kw):
            state["depth"] -= 1

        def executed(_conn, _cursor, statement, *_args):
            if state["depth"]:
                where = request.path if has_request_context() else "?"
                statements.append(f"{where}: {' '.join(statement.split())[:100]}")

        with app.app_context():
            engine = db.engine
        before_render_template.connect(enter, app)
        template_rendered.connect(leave, app)
        event.listen(engine, "before_cursor_execute", executed)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", executed)
            before_render_template.disconnect(enter, app)
            template_rendered.disconnect(leave, app)

    return watching
