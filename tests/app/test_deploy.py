"""Issues 11.3, 11.9, 23.7 and 23.8: the documented deployment, run for real.

The operator's guide's set-up, as written: the settings in an environment file read by a
fresh shell (`set -a; . mentorship.env`), `flask db upgrade`, `seed` and `demo`, gunicorn
with gunicorn.conf.py and two workers, the worker service, a Redis, and nginx with TLS in
front using the site file in deploy/nginx/ (only its ports, name and certificate paths
changed). Through it: a login and a saved form; with `$host` instead of `$http_host` the
same form post fails. The sixth wrong password in a row is refused whichever worker
answers, and no response names its software and version. After jobs with the demo's
people (matching, an import of their names and addresses, a failed job), password resets
and failed logins, no log line of the web app, the worker or nginx names any of them.

Every port is a free one and the Redis is the test's own, so two checkouts can run this at
once. nginx comes from the OS packages (scripts/ensure-nginx, run by `make test`).
The stack and the requests through it are tests/app/deploy_stack.py's.
"""

from __future__ import annotations

import io
import re
import time
import urllib.request
import uuid

import pytest

from tests.app.deploy_stack import (
    DEMO,
    READ_SETTINGS,
    ROOT,
    SEED,
    SITE,
    UPGRADE,
    Stack,
    _wait,
    csrf_token,
    login,
    request,
    running_stack,
    site_config,
    start_nginx,
)
from tests.app.redis_server import free_port


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    yield from running_stack(tmp_path_factory)


def test_log_in_and_save_a_form_through_nginx_with_tls(stack):
    opener, status, headers, html = login(stack, "admin@example.org")
    assert status == 302, html[:1000]
    assert headers["Location"] in ("/", stack.https + "/")
    assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    status, headers, html = request(opener, stack.https + "/")
    assert status == 200 and "max-age" in headers["Strict-Transport-Security"]
    assert headers["Server"] == "nginx"  # server_tokens off: no version
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])  # nginx's $request_id

    form_url = stack.https + "/register/verksamhetsomraden/nytt"
    status, _headers, html = request(opener, form_url)
    assert status == 200
    name = f"Hamn och sjöfart {uuid.uuid4().hex[:6]}"
    status, headers, html = request(opener, form_url,
                                    {"csrf_token": csrf_token(html), "name": name},
                                    referer=form_url)
    assert status == 302, html[:2000]
    assert headers["Location"].endswith("/register/verksamhetsomraden")
    status, _headers, html = request(opener, stack.https + "/register/verksamhetsomraden")
    assert status == 200 and name in html


def test_with_host_instead_of_http_host_a_form_post_fails(stack):
    """Why the site file sends $http_host: $host drops the port, and the CSRF check then
    finds that the form's Referer names another host."""
    cert, key = stack.tmp / "fullchain.pem", stack.tmp / "privkey.pem"
    upstream = int(stack.gunicorn.rsplit(":", 1)[1])
    https, http = free_port(), free_port()
    nginx = start_nginx(stack, "nginx-host",
                        site_config(upstream, https, http, cert, key, host_header="$host"))
    _wait(https, nginx, "nginx", stack.tmp / "nginx-host-stderr.log", 20)
    _opener, status, _headers, html = login(stack, "admin@example.org",
                                            base=f"https://127.0.0.1:{https}")
    assert status == 400, html[:500]


def test_sixth_wrong_password_is_refused_across_workers_and_no_server_header(stack):
    statuses = []
    for attempt in range(8):
        # A new visitor (cookie jar, connection) every time, as an attacker would be.
        _opener, status, _headers, _html = login(stack, "hr.bjuv@example.org",
                                                 f"wrong{attempt}")
        statuses.append(status)
    assert statuses == [200] * 5 + [429] * 3
    # gunicorn itself names no software (gunicorn.conf.py); nginx names itself, no version
    servers = set()
    for path in ("/logga-in", "/finns-inte", "/health"):
        servers.add(request(stack.opener(), stack.gunicorn + path)[1].get("Server"))
    assert servers == {None}
    assert request(stack.opener(), stack.https + "/health")[1]["Server"] == "nginx"


def _people_file(people: list[tuple[str, str, str]]) -> bytes:
    """The demo's own people, each in their own municipality: a file the preview accepts."""
    from tests.app.mentoring.test_mentor_enrolment import people_csv

    rows = [f"p{i};{'mentor' if i % 2 else 'adept'};{name};{place};Socialtjänst;2;12;"
            f"Svåra samtal;sv;either;1;;;{email}"
            for i, (email, name, place) in enumerate(people)]
    return people_csv(*rows)


def _multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                   f"{value}\r\n".encode())
    body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
               f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode())
    body.write(data + f"\r\n--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def _wait_for_job(opener, stack: Stack, page: str, seconds: float = 90) -> dict:
    """The status of the job `page` shows, once it has ended."""
    import json

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _status, _headers, html = request(opener, stack.https + page)
        match = re.search(r'data-job-status="(/jobb/[A-Za-z0-9_-]+/status)"', html)
        if match:
            status = json.loads(request(opener, stack.https + match.group(1))[2])
            if status["state"] in ("finished", "failed"):
                return status
        time.sleep(0.5)
    raise AssertionError(f"no job ended on {page}")


def test_no_log_line_names_any_of_the_demos_people(stack):
    from sqlalchemy import create_engine, text

    engine = create_engine(stack.database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        people = [(e, n) for e, n in conn.execute(text("SELECT email, name FROM user_account"))]
        importable = [tuple(row) for row in conn.execute(text(
            "SELECT u.email, u.name, m.name FROM user_account u JOIN municipality m "
            "ON m.id = u.municipality_id WHERE u.active AND NOT u.is_erased ORDER BY u.id"))]
        round_id = conn.scalar(text("SELECT id FROM mentor_round WHERE state = 'matching'"))
    engine.dispose()
    assert len(people) > 20 and round_id

    opener, status, _headers, _html = login(stack, "admin@example.org")
    assert status == 302
    # the engine on a demo round, as a job on the worker
    page = f"/mentorskap/omgangar/{round_id}/matchning"
    _s, _h, html = request(opener, stack.https + page)
    status, _h, html = request(
        opener, f"{stack.https}{page}/kor",
        {"csrf_token": csrf_token(html), "min_score": "0", "w_business_area": "30",
         "w_goals": "40", "w_experience": "20", "w_gender": "10", "w_distance": "20"},
        referer=stack.https + page)
    assert status == 302, html[:2000]
    assert _wait_for_job(opener, stack, page)["state"] == "finished"
    # a file of the demo's own names and addresses, as a job (whatever it then decides)
    # (into a new round: the demo's rounds are past taking imports)
    _s, _h, html = request(opener, stack.https + "/mentorskap/omgangar/ny")
    status, headers, html = request(
        opener, stack.https + "/mentorskap/omgangar/ny",
        {"csrf_token": csrf_token(html), "name": "Våren 2027", "starts_on": "2027-02-01",
         "ends_on": "2027-12-15", "min_score": "0", "w_business_area": "30", "w_goals": "40",
         "w_experience": "20", "w_gender": "10", "w_distance": "20", "w_wish": "112"},
        referer=stack.https + "/mentorskap/omgangar/ny")
    assert status == 302, html[:2000]
    page = headers["Location"].replace(stack.https, "").rstrip("/") + "/importera"
    _s, _h, html = request(opener, stack.https + page)
    body, content_type = _multipart({"csrf_token": csrf_token(html)}, "deltagare.csv",
                                    _people_file(importable[:40]))
    status, _h, html = request(opener, stack.https + page, body, referer=stack.https + page,
                               headers={"Content-Type": content_type})
    assert status == 200, html[:2000]  # the preview: nothing saved, the file kept
    kept = re.search(r'name="upload" type="hidden" value="([^"]+)"', html)
    assert kept, html[html.find('<main'):][:3000]
    status, _h, html = request(opener, stack.https + page,
                               {"csrf_token": csrf_token(html), "upload": kept.group(1)},
                               referer=stack.https + page)
    assert status == 302, html[:2000]
    _wait_for_job(opener, stack, page)
    # resets and wrong passwords for real addresses, and an address nobody has
    for email, _name in people[:5] + [("okand.person@example.org", "")]:
        anonymous = stack.opener()
        _s, _h, html = request(anonymous, stack.https + "/glomt-losenord")
        request(anonymous, stack.https + "/glomt-losenord",
                {"csrf_token": csrf_token(html), "email": email},
                referer=stack.https + "/glomt-losenord")
        login(stack, email, "not-the-password")
    time.sleep(3)  # the mail worker has tried the relay (nothing listens there)

    logs = stack.logs()
    assert '"path": "/logga-in"' in logs and "mentorship.request" in logs  # the app logs
    assert "Job OK" in logs or "Successfully completed" in logs  # the worker logs
    leaks = sorted({value for email, name in people for value in (email, name)
                    if value and value in logs})
    assert not leaks, f"the logs name {len(leaks)} of the demo's people, e.g. {leaks[:5]}"


def test_the_development_server_names_no_software(app):
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        opener = urllib.request.build_opener()
        for path in ("/logga-in", "/finns-inte"):
            status, headers, _html = request(
                opener, f"http://127.0.0.1:{server.server_port}{path}")
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
    redis = "redis://127.0.0.1:6379/0"
    config["RATELIMIT_STORAGE_URI"] = redis
    assert create_app(config).config["RATELIMIT_STORAGE_URI"] == redis


def test_the_operators_guide_shows_this_site_file_and_a_readable_settings_file():
    guide = (ROOT / "docs" / "operations.md").read_text()
    deploying = guide[guide.index("### Deploying"):]
    site = re.search(r"```nginx\n(.*?)```", deploying, re.S).group(1)
    assert site == SITE.read_text()
    settings = re.search(r"```sh\n(# /etc/mentorship.env.*?)```", deploying, re.S).group(1)
    for line in settings.splitlines():
        # systemd's EnvironmentFile= keeps a comment after a value as part of the value
        assert line.startswith("#") or re.fullmatch(r"MENTORSHIP_[A-Z_]+=\S+", line), line
    assert "# MENTORSHIP_MAIL_USE_TLS=false" in settings  # for a plain relay
    commands = deploying[deploying.index("cd /srv/mentorship"):]
    assert commands.index(READ_SETTINGS.format("/etc/mentorship.env")) < commands.index(UPGRADE)
    assert commands.index(UPGRADE) < commands.index(SEED)
    assert DEMO in commands
