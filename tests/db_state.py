"""How each test gets its database state, fast.

Most tests run inside one transaction that is rolled back when the test ends (the pattern
indico uses): every session of the app is bound to one connection, and the app's own
commits only release savepoints inside it. Nothing a test writes reaches the disk, so the
next test starts from the same committed baseline without deleting anything.

Tests that need real commits (other threads or processes reading the data: workers,
gunicorn, concurrent requests, several deliverers) are marked `committed`; they run on
the real engine, and their tables are emptied and the baseline re-seeded afterwards.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text


def _worker() -> str:
    """`gw0`, `gw1` ... under pytest-xdist (each worker has databases of its own), else ''."""
    return os.environ.get("PYTEST_XDIST_WORKER", "")


def suite_database(tmp: str) -> str:
    """The suite's main database: a SQLite file, or MENTORSHIP_DATABASE_URL (a database of
    its own on that server for each xdist worker)."""
    url = os.environ.get("MENTORSHIP_DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(tmp, "test.sqlite")
    return new_database(tmp, "") if _worker() else url


def new_database(tmp: str, name: str, template: str | None = None) -> str:
    """A fresh database named after `name`, a copy of `template` (a URL) when given: a SQLite
    file in `tmp`, or `<database>_<worker>_<name>` on MENTORSHIP_DATABASE_URL's server
    (.ci/run drops every `<database>_...` when it ends)."""
    url = os.environ.get("MENTORSHIP_DATABASE_URL")
    if not url:
        path = os.path.join(tmp, f"{name or 'test'}.sqlite")
        if template:
            source = sqlite3.connect(template.removeprefix("sqlite:///"))
            target = sqlite3.connect(path)
            with source, target:
                source.backup(target)
            source.close()
            target.close()
        return "sqlite:///" + path
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    db_name = "_".join(part for part in (parsed.database, _worker(), name) if part)[:63]
    admin = parsed.set(drivername="postgresql", database="postgres")
    copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"{copy}')
    return parsed.set(database=db_name).render_as_string(hide_password=False)


def configure_for_joined_transactions(app) -> None:
    """Sessions bound to a connection join its transaction with a savepoint of their own."""
    from mentorship.extensions import db

    with app.app_context():
        db.session.configure(join_transaction_mode="create_savepoint")


@contextmanager
def joined_transaction(app) -> Iterator[None]:
    """Runs the block with every session of `app` inside one transaction, then rolls back."""
    from mentorship.extensions import db

    with app.app_context():
        engine = db.engine
        engines = db.engines
    connection = engine.connect()
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # pysqlite starts transactions lazily and forgets SAVEPOINTs; let SQLAlchemy say
        # BEGIN itself (the SQLAlchemy documentation's recipe for savepoints on SQLite).
        connection.connection.driver_connection.isolation_level = None
    transaction = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    engines[None] = connection
    try:
        yield
    finally:
        engines[None] = engine
        if transaction.is_active:
            transaction.rollback()
        if sqlite:
            connection.connection.driver_connection.isolation_level = ""
        connection.close()


def empty_tables(app) -> None:
    from mentorship.audit import triggers
    from mentorship.extensions import db

    tables = list(reversed(db.metadata.sorted_tables))
    with app.app_context(), db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # The audit log refuses deletes (a trigger); tests start from an empty one.
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_delete"))
            for table in tables:
                conn.execute(table.delete())
            conn.execute(text(triggers.SQLITE_NO_DELETE))


def commit_baseline(app, fill: Callable[[], None]) -> None:
    """Empties every table, then commits what `fill` writes (in a request context: the
    demo writes audit records, which ask who is acting)."""
    from mentorship.extensions import db

    empty_tables(app)
    with app.test_request_context():
        fill()
        db.session.commit()
