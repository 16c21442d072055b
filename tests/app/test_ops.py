"""Operations: request ids in logs, headers and error pages; /health and /ready."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy.exc import OperationalError


@pytest.fixture
def caplog(caplog, monkeypatch):
    """Earlier tests in the run may have sent the app's logs to stderr only (an app built
    outside TESTING) or disabled existing loggers (alembic's fileConfig in the migration
    test); let them reach caplog again."""
    monkeypatch.setattr(logging.getLogger("mentorship"), "propagate", True)
    monkeypatch.setattr(logging.getLogger("mentorship.request"), "disabled", False)
    return caplog


@pytest.fixture
def clean_heartbeats(app):
    from mentorship.jobs.queue import redis_connection

    def clean() -> None:
        with app.app_context():
            connection = redis_connection()
            for key in connection.scan_iter(f"mentorship:heartbeat:{app.config['JOBS_QUEUE']}:*"):
                connection.delete(key)

    clean()
    yield
    clean()


def test_health_is_liveness_only(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_ready_needs_database_redis_and_both_workers(app, client, clean_heartbeats):
    from mentorship.jobs.queue import beat

    response = client.get("/ready")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks == {"database": "ok", "redis": "ok", "job_worker": "no heartbeat",
                      "mail_worker": "no heartbeat"}
    with app.app_context():
        beat("jobs", "worker-1")
        beat("mail")
    response = client.get("/ready")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"
    good = app.config["REDIS_URL"]
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/12"
    app.extensions.pop("mentorship_redis", None)
    try:
        response = client.get("/ready")
    finally:
        app.config["REDIS_URL"] = good
        app.extensions.pop("mentorship_redis", None)
    assert response.status_code == 503
    assert response.get_json()["checks"]["redis"] == "ConnectionError"


@pytest.fixture
def request_log(caplog):
    """caplog, also when an app built for production earlier in the run took the app's
    loggers off the root logger (configure_logging sets propagate = False)."""
    logger = logging.getLogger("mentorship.request")
    propagate = logger.propagate
    logger.addHandler(caplog.handler)
    logger.propagate = False  # each record reaches caplog once, through its own handler
    caplog.set_level(logging.INFO, logger="mentorship.request")
    yield caplog
    logger.removeHandler(caplog.handler)
    logger.propagate = propagate


def test_one_structured_line_per_request_with_its_id(app, client, request_log):
    caplog = request_log
    from mentorship.ops import JsonFormatter

    caplog.set_level(logging.INFO, logger="mentorship.request")
    response = client.get("/tillganglighet", headers={"X-Request-ID": "abc12345-lb"})
    assert response.headers["X-Request-ID"] == "abc12345-lb"
    response = client.get("/tillganglighet", headers={"X-Request-ID": "bad id <x>"})
    generated = response.headers["X-Request-ID"]
    assert len(generated) == 16 and generated != "bad id <x>"
    records = [r for r in caplog.records if r.name == "mentorship.request"]
    assert len(records) == 2
    assert (records[0].method, records[0].path, records[0].status) == ("GET", "/tillganglighet",
                                                                        200)
    with app.test_request_context():
        from flask import g

        g.request_id = "abc12345-lb"
        line = JsonFormatter().format(records[0])
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["request_id"] == "abc12345-lb" and entry["message"] == "request"
    assert entry["status"] == 200 and entry["duration_ms"] >= 0


def test_the_log_line_names_the_user_by_id_not_by_session_token(app, client, login_as,
                                                               request_log):
    caplog = request_log
    user = login_as("participant")
    caplog.clear()  # the login's own requests
    client.get("/")
    [record] = [r for r in caplog.records if r.name == "mentorship.request"]
    assert record.user_id == user.id


def test_the_error_page_shows_the_requests_id(app, client, login_as, monkeypatch):
    login_as("admin")
    app.config["PROPAGATE_TEST_ERRORS"] = False
    from sqlalchemy.orm import Session

    def down(self, *args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    real_execute = Session.execute
    monkeypatch.setattr(Session, "execute", down)
    response = client.get("/personer/", headers={"X-Request-ID": "req-0000-1111"})
    assert response.status_code == 503
    assert "<code>req-0000-1111</code>" in response.get_data(as_text=True)
    monkeypatch.setattr(Session, "execute", real_execute)
    from mentorship.access import public

    @public
    def boom():
        raise RuntimeError("unexpected")

    monkeypatch.setitem(app.view_functions, "main.accessibility", boom)
    response = client.get("/tillganglighet")
    assert response.status_code == 500
    assert f"<code>{response.headers['X-Request-ID']}</code>" in response.get_data(as_text=True)
