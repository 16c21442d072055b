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
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.app.redis_server import RedisServer, free_port
from tests.db_state import new_database

ROOT = Path(__file__).parents[2]
SITE = ROOT / "deploy" / "nginx" / "mentorship.conf"
BIN = ROOT / ".venv" / "bin"
PASSWORD = "mentorship-demo"  # the demo's (DEMO_PASSWORD)
# The guide's steps as this test runs them (the guide is checked to say the same).
READ_SETTINGS = "set -a; . {}; set +a"  # a fresh shell that knows the settings file
UPGRADE, SEED = "flask --app wsgi db upgrade", "flask --app wsgi seed"
DEMO = "flask --app wsgi demo"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


@dataclass
class Stack:
    tmp: Path
    env_file: Path
    database: str
    https: str
    gunicorn: str
    cafile: str
    processes: list[subprocess.Popen] = field(default_factory=list)

    def shell(self, command: str, **kwargs) -> subprocess.Popen:
        """`command` in a fresh shell that knows only what mentorship.env says."""
        return subprocess.Popen(
            ["bash", "-c", f"{READ_SETTINGS.format(self.env_file)}; {command}"],
            cwd=ROOT, env={"PATH": os.environ["PATH"], "HOME": str(self.tmp)},
            start_new_session=True, **kwargs)

    def opener(self) -> urllib.request.OpenerDirector:
        context = ssl.create_default_context(cafile=self.cafile)
        return urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect())

    def logs(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.tmp.glob("*.log")))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(opener, url: str, data: dict | bytes | None = None, referer: str | None = None,
            headers: dict | None = None):
    if isinstance(data, dict):
        data = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=data, headers=headers or {})
    if referer:
        req.add_header("Referer", referer)  # as a browser sends it (Referrer-Policy same-origin)
    try:
        response = opener.open(req, timeout=30)
    except urllib.error.HTTPError as err:
        response = err
    return response.status, response.headers, response.read().decode(errors="replace")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _wait(port: int, process: subprocess.Popen, what: str, log: Path, seconds: float = 60) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} exited:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{what} did not start")


def _certificate(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "fullchain.pem", tmp / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


def site_config(upstream: int, https: int, http: int, cert: Path, key: Path,
                host_header: str = "$http_host") -> str:
    """deploy/nginx/mentorship.conf with this run's ports and certificate: nothing else."""
    text = SITE.read_text()
    for old, new in (("127.0.0.1:8000;", f"127.0.0.1:{upstream};"),
                     ("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"),
                     ("listen 80;", f"listen 127.0.0.1:{http};"),
                     ("/etc/ssl/mentorship/fullchain.pem", str(cert)),
                     ("/etc/ssl/mentorship/privkey.pem", str(key))):
        assert old in text, f"{old} is no longer in {SITE.name}"
        text = text.replace(old, new)
    if host_header != "$http_host":
        text = text.replace("proxy_set_header Host              $http_host;",
                            f"proxy_set_header Host              {host_header};")
    return text


def start_nginx(stack: Stack, name: str, site: str) -> subprocess.Popen:
    binary = nginx_binary()
    assert binary, "nginx is not installed: run scripts/ensure-nginx"
    home = stack.tmp / name
    home.mkdir()
    (home / "site.conf").write_text(site)
    (home / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {home}/nginx.pid;
error_log {stack.tmp}/{name}-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {stack.tmp}/{name}-access.log;
    client_body_temp_path {home}/body;
    proxy_temp_path {home}/proxy;
    fastcgi_temp_path {home}/fastcgi;
    uwsgi_temp_path {home}/uwsgi;
    scgi_temp_path {home}/scgi;
    include {home}/site.conf;
}}
""")
    if os.geteuid() == 0:  # nginx's workers would run as nobody, who cannot write home
        (home / "nginx.conf").write_text("user root;\n" + (home / "nginx.conf").read_text())
    log = stack.tmp / f"{name}-stderr.log"
    process = subprocess.Popen([binary, "-c", str(home / "nginx.conf"), "-e", str(log)],
                               stdout=subprocess.DEVNULL, stderr=log.open("w"),
                               start_new_session=True)
    stack.processes.append(process)
    return process


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if nginx_binary() is None:
        pytest.fail("nginx is not installed: run scripts/ensure-nginx (make test does)")
    tmp = tmp_path_factory.mktemp("deploy")
    redis = RedisServer().start()
    database = new_database(str(tmp), "deploy")
    upstream, https, http, smtp = free_port(), free_port(), free_port(), free_port()
    cert, key = _certificate(tmp)
    env_file = tmp / "mentorship.env"
    env_file.write_text("\n".join([
        f"MENTORSHIP_SECRET_KEY={uuid.uuid4().hex * 2}",
        f"MENTORSHIP_DATABASE_URL={database}",
        f"MENTORSHIP_BASE_URL=https://127.0.0.1:{https}",
        f"MENTORSHIP_RATELIMIT_STORAGE_URI={redis.url}",
        f"MENTORSHIP_REDIS_URL={redis.url}",
        "MENTORSHIP_TRUSTED_PROXIES=1",
        # a plain relay on the machine (nothing listens here: the outbox keeps the mail)
        f"MENTORSHIP_MAIL_SERVER=127.0.0.1\nMENTORSHIP_MAIL_PORT={smtp}",
        "MENTORSHIP_MAIL_USE_TLS=false",
        f"MENTORSHIP_INSTANCE_PATH={tmp}",
        # the test's own speed-ups; production keeps the defaults
        "MENTORSHIP_PASSWORD_HASH_TIME_COST=1\nMENTORSHIP_PASSWORD_HASH_MEMORY_KIB=1024",
        "MENTORSHIP_JOBS_HEARTBEAT_SECONDS=1\nMENTORSHIP_MAIL_POLL_SECONDS=1",
    ]) + "\n")
    cacert = tmp / "ca.pem"
    shutil.copy(cert, cacert)
    s = Stack(tmp, env_file, database, f"https://127.0.0.1:{https}",
              f"http://127.0.0.1:{upstream}", str(cacert))
    setup = s.shell(f"{BIN}/{UPGRADE} && {BIN}/{SEED} && {BIN}/{DEMO}", stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, text=True)
    output = setup.communicate(timeout=600)[0]
    assert setup.returncode == 0, output[-3000:]
    web_log, worker_log = tmp / "web.log", tmp / "worker.log"
    web = s.shell(f"exec {BIN}/gunicorn -c gunicorn.conf.py --workers 2 --threads 2 "
                  f"--bind 127.0.0.1:{upstream} --forwarded-allow-ips=127.0.0.1 wsgi:app",
                  stdout=web_log.open("w"), stderr=subprocess.STDOUT)
    worker = s.shell(f"exec {BIN}/flask --app wsgi worker", stdout=worker_log.open("w"),
                     stderr=subprocess.STDOUT)
    s.processes += [web, worker]
    try:
        _wait(upstream, web, "gunicorn", web_log)
        nginx = start_nginx(s, "nginx", site_config(upstream, https, http, cert, key))
        _wait(https, nginx, "nginx", tmp / "nginx-stderr.log", 20)
        yield s
    finally:
        for process in reversed(s.processes):
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in s.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
        redis.stop()


def login(stack: Stack, email: str, password: str = PASSWORD, base: str | None = None):
    base = base or stack.https
    opener = stack.opener()
    status, _headers, html = request(opener, base + "/logga-in")
    assert status == 200, html[:500]
    status, headers, html = request(
        opener, base + "/logga-in",
        {"csrf_token": csrf_token(html), "email": email, "password": password},
        referer=base + "/logga-in")
    return opener, status, headers, html


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
