"""Issue 11.3 and 11.9: the README's deployment, run for real.

gunicorn with gunicorn.conf.py and two workers in production mode, the rate-limit store in
Redis: the sixth wrong password in a row is refused whichever worker answers, and no
response names the server software. Skipped where no Redis listens on 127.0.0.1:6379.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PORT = 5113
REDIS = "redis://127.0.0.1:6379/0"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("gunicorn exited: " + process.stdout.read())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def _request(opener, url: str, data: bytes | None = None):
    try:
        response = opener.open(urllib.request.Request(url, data=data), timeout=10)
    except urllib.error.HTTPError as err:
        response = err
    return response.status, response.headers, response.read().decode()


@pytest.fixture
def gunicorn(app, tmp_path):
    if not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    env = {
        **os.environ,
        "MENTORSHIP_ENV": "production",
        "MENTORSHIP_SECRET_KEY": uuid.uuid4().hex * 2,
        "MENTORSHIP_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MENTORSHIP_BASE_URL": f"http://127.0.0.1:{PORT}",
        "MENTORSHIP_RATELIMIT_STORAGE_URI": REDIS,
        # Its own buckets in the shared Redis, so runs do not count each other's attempts.
        "MENTORSHIP_RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex,
        "MENTORSHIP_TRUSTED_PROXIES": "1",
        "MENTORSHIP_INSTANCE_PATH": str(tmp_path),
        "MENTORSHIP_PASSWORD_HASH_TIME_COST": "1",
        "MENTORSHIP_PASSWORD_HASH_MEMORY_KIB": "1024",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
        "--workers", "2", "--threads", "2", "--bind", f"127.0.0.1:{PORT}",
        "--forwarded-allow-ips=127.0.0.1", "--access-logfile", "-",
        "--access-logformat", "pid=%(p)s %(s)s", "wsgi:app",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(PORT, process)
        yield f"http://127.0.0.1:{PORT}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.committed  # gunicorn's workers read the account from the database
def test_sixth_wrong_password_is_refused_across_workers_and_no_server_header(
    gunicorn, make_user
):
    make_user("kim@example.org")
    statuses, servers = [], set()
    for attempt in range(8):
        # A new visitor (cookie jar, connection) every time, as an attacker would be.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        status, headers, html = _request(opener, gunicorn + "/logga-in")
        assert status == 200
        servers.add(headers.get("Server"))
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        body = f"csrf_token={token}&email=kim%40example.org&password=wrong{attempt}".encode()
        status, headers, _html = _request(opener, gunicorn + "/logga-in", body)
        statuses.append(status)
        servers.add(headers.get("Server"))
    assert statuses == [200] * 5 + [429] * 3
    assert servers == {None}


def test_the_development_server_names_no_software(app):
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", PORT + 1, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        opener = urllib.request.build_opener()
        for path in ("/logga-in", "/finns-inte"):
            status, headers, _html = _request(opener, f"http://127.0.0.1:{PORT + 1}{path}")
            assert status in (200, 404)
            assert headers.get("Server") is None, headers.get("Server")
    finally:
        server.shutdown()


@pytest.mark.parametrize("storage", [None, "memory://"])
def test_production_refuses_a_per_process_rate_limit_store(tmp_path, monkeypatch, storage):
    from mentorship import create_app
    from tests.conftest import make_test_config

    monkeypatch.setenv("MENTORSHIP_ENV", "production")
    monkeypatch.delenv("MENTORSHIP_RATELIMIT_STORAGE_URI", raising=False)
    config = make_test_config("sqlite:///" + str(tmp_path / "x.sqlite"), str(tmp_path))
    config.pop("TESTING")
    config.pop("RATELIMIT_STORAGE_URI")
    if storage:
        config["RATELIMIT_STORAGE_URI"] = storage
    with pytest.raises(RuntimeError, match=r"MENTORSHIP_RATELIMIT_STORAGE_URI.*redis://"):
        create_app(config)
    config["RATELIMIT_STORAGE_URI"] = REDIS
    assert create_app(config).config["RATELIMIT_STORAGE_URI"] == REDIS
