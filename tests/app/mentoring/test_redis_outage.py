"""Issue 23.6: Redis away is a documented, graceful state.

Logins and password resets go on (the rate limiter counts in each process's memory for
the outage and still refuses the sixth wrong password), a page that needs the job queue is
a 503 with an error id, never a 500, `/ready` names Redis as down, and a worker is back at
work within a few seconds of Redis returning. Each test has a Redis of its own, which it
stops (SIGKILL) and starts again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app.redis_server import RedisServer
from tests.conftest import DEMO_PASSWORD

ROUND_JOBS = ("import_enrolments", "match_round", "publish_round")

ROOT = Path(__file__).parents[3]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def limiter_on(app, redis_server):
    """The app's rate limiter and job queue on the test's own Redis."""
    from mentorship.extensions import limiter

    app.config.update(RATELIMIT_STORAGE_URI=redis_server.url, REDIS_URL=redis_server.url,
                      JOBS_SYNC=False)
    app.extensions.pop("mentorship_redis", None)
    with app.app_context():
        limiter.init_app(app)
    yield
    app.extensions.pop("mentorship_redis", None)
    app.config.update(RATELIMIT_STORAGE_URI="memory://")
    with app.app_context():
        limiter.init_app(app)
    limiter._storage_dead = False


def _login(client, email: str, password: str) -> int:
    return client.post("/logga-in", data={"email": email, "password": password}).status_code


def test_logins_and_resets_go_on_while_redis_is_away(app, client, make_user, redis_server,
                                                      limiter_on):
    from redis import Redis

    make_user("kim@example.org")
    make_user("ulla@example.org")
    assert _login(client, "kim@example.org", "wrong") == 200
    assert Redis.from_url(redis_server.url).dbsize() > 0  # counted in the shared store

    redis_server.stop()
    statuses = [_login(client, "kim@example.org", f"wrong{i}") for i in range(6)]
    # counted again from zero in this process's memory: five refused, then locked out
    assert statuses == [200] * 5 + [429]
    response = client.post("/glomt-losenord", data={"email": "ulla@example.org"})
    assert response.status_code in (200, 302)
    assert _login(client, "ulla@example.org", DEMO_PASSWORD) == 302
    ready = client.get("/ready")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["redis"] != "ok"


def test_a_page_that_needs_the_queue_is_a_503_with_an_error_id(app, client, login_as,
                                                               redis_server, limiter_on):
    login_as("admin")
    redis_server.stop()
    response = client.get("/jobb/abc123")
    assert response.status_code == 503
    error_id = response.headers["X-Request-ID"]
    page = response.get_data(as_text=True)
    assert f"<code>{error_id}</code>" in page
    with app.test_request_context():
        from markupsafe import escape

        from mentorship.errors import _messages

        database_down = str(escape(_messages()[503][1]))
    assert database_down not in page  # the page names the queue, not the database


@pytest.mark.wording
def test_the_queue_down_page_says_the_queue_does_not_answer(app):
    from redis.exceptions import ConnectionError as RedisConnectionError

    with app.test_request_context("/jobb/abc123"):
        html, status = app.handle_user_exception(RedisConnectionError())
    assert status == 503
    assert "Jobbkön svarar inte just nu" in html


def _worker(app, redis_url: str) -> subprocess.Popen:
    env = dict(os.environ)
    env.update({
        "MENTORSHIP_ENV": "development",
        "MENTORSHIP_SECRET_KEY": "test-worker-secret",
        "MENTORSHIP_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MENTORSHIP_REDIS_URL": redis_url,
        "MENTORSHIP_JOBS_QUEUE": app.config["JOBS_QUEUE"],
        "MENTORSHIP_BASE_URL": app.config["BASE_URL"],
        "MENTORSHIP_JOBS_HEARTBEAT_SECONDS": "1",
    })
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"],
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _within(seconds: float, predicate) -> float:
    started = time.monotonic()
    while not predicate():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.mark.committed  # the worker process reads the round from the database
def test_the_worker_is_back_within_seconds_of_redis_returning(app, client, auth, build_round,
                                                              admin_user, redis_server,
                                                              limiter_on):
    from mentorship.jobs.queue import current_for

    def job():
        with app.test_request_context():
            return current_for(f"round:{r.id}", None, ROUND_JOBS)

    def ready() -> dict:
        return client.get("/ready").get_json()["checks"]

    r = build_round(pairs=3)
    auth.login(admin_user.email)
    worker = _worker(app, redis_server.url)
    try:
        _within(30, lambda: ready()["job_worker"] == "ok")
        redis_server.stop()
        # long enough for a backing-off worker to wait 8 s more before its next try
        time.sleep(8)
        assert ready()["redis"] != "ok"
        redis_server.start()
        client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                    data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                          "w_experience": "20", "w_gender": "10", "w_distance": "20"})
        assert _within(4, lambda: job() is not None and job().state == "finished") < 4
        assert _within(5, lambda: ready()["job_worker"] == "ok") < 5
    finally:
        worker.kill()
        worker.wait(10)
