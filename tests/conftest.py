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

from tests import db_state

DEMO_PASSWORD = "correct horse battery"


def database_url(tmp_dir: str) -> str:
    return db_state.suite_database(tmp_dir)


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


def _schema_app(url: str, tmp: str):
    """An app on `url` with the schema built from the models (tests/app/test_migrations.py
    proves the migrations build the same schema on both databases)."""
    from mentorship import create_app
    from mentorship.extensions import db

    app = create_app(make_test_config(url, tmp))
    _reset_schema(app)
    with app.app_context():
        db.create_all()
    db_state.configure_for_joined_transactions(app)
    return app


def _seed_reference() -> None:
    import secrets

    from mentorship.extensions import db
    from mentorship.jobs.models import DatabaseIdentity
    from mentorship.reference.services import seed_reference_data

    seed_reference_data()
    db.session.add(DatabaseIdentity(id=1, token=secrets.token_hex(16)))  # as migration 0019


@pytest.fixture(scope="session")
def _tmp_dir() -> str:
    tmp = tempfile.mkdtemp(prefix="mentorship-test-")
    os.environ.setdefault("MENTORSHIP_INSTANCE_PATH", tmp)
    return tmp


@pytest.fixture(scope="session")
def _session_app(_tmp_dir):
    """The suite's app: the schema and the reference data, committed once."""
    from mentorship.extensions import db

    app = _schema_app(database_url(_tmp_dir), _tmp_dir)
    db_state.commit_baseline(app, _seed_reference)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def _demo_app(_tmp_dir):
    """A second database with the whole demo, loaded once per run, for the tests that walk
    every page as every role (each still runs in a transaction that is rolled back)."""
    from mentorship.demo import run_demo
    from mentorship.extensions import db

    app = _schema_app(db_state.new_database(_tmp_dir, "demo"), _tmp_dir)
    app.config["DEMO_PASSWORD"] = "mentorship-demo"
    db_state.commit_baseline(app, lambda: run_demo("mentorship-demo"))
    yield app
    with app.app_context():
        db.engine.dispose()


@contextmanager
def _test_state(request, app) -> Iterator[None]:
    """The committed baseline for one test; the app's config as it was afterwards."""
    from mentorship.extensions import limiter

    original = dict(app.config)
    with app.app_context():
        # A test that builds a production app binds the one shared Limiter to Redis, where
        # reset() would empty every bucket, the gunicorn test's in another worker too.
        limiter.init_app(app)
        limiter.reset()
    if request.node.get_closest_marker("committed"):
        try:
            yield
        finally:
            db_state.commit_baseline(app, _seed_reference)
    else:
        with db_state.joined_transaction(app):
            yield
    app.config.clear()
    app.config.update(original)


@pytest.fixture
def app(request, _session_app):
    """The app with the reference data seeded and nothing else.

    The test runs in a transaction rolled back at its end (see tests/db_state.py); mark it
    `@pytest.mark.committed` when other threads or processes must see what it writes.
    No app context stays pushed: a request must get its own, or Flask-Login's cached user
    in `g` would leak from one request to the next. Use `with app.app_context():`.
    """
    with _test_state(request, _session_app):
        yield _session_app


@pytest.fixture
def demo_app(request, _demo_app):
    """The app with the whole demo (`mentorship-demo` is every account's password)."""
    with _test_state(request, _demo_app):
        yield _demo_app


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
            user = create_user(
                None, NewUser(email, name or email.split("@")[0].title(), m.id, roles))
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


def _harness(statement: str) -> bool:
    """The savepoints of the rolled-back test transaction: not the app's own statements."""
    return statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))


@pytest.fixture
def count_queries():
    """with count_queries() as counter: ...; counter.count is the statements run (by any
    app of the suite)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting() -> Iterator[Counter]:
        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, *args):
            if _harness(statement):
                return
            counter.count += 1
            counter.statements.append(statement)

        event.listen(Engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(Engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def queries_while_rendering():
    """with queries_while_rendering() as statements: ...; the SQL run while a template
    rendered, as "path: statement" (templates only format what views loaded)."""
    from flask import before_render_template, has_request_context, request, template_rendered
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @contextmanager
    def watching() -> Iterator[list[str]]:
        state = {"depth": 0}
        statements: list[str] = []

        def enter(*_a, **_kw):
            state["depth"] += 1

        def leave(*_a, **_kw):
            state["depth"] -= 1

        def executed(_conn, _cursor, statement, *_args):
            if state["depth"] and not _harness(statement):
                where = request.path if has_request_context() else "?"
                statements.append(f"{where}: {' '.join(statement.split())[:100]}")

        before_render_template.connect(enter)
        template_rendered.connect(leave)
        event.listen(Engine, "before_cursor_execute", executed)
        try:
            yield statements
        finally:
            event.remove(Engine, "before_cursor_execute", executed)
            before_render_template.disconnect(enter)
            template_rendered.disconnect(leave)

    return watching
