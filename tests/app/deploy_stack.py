"""The documented deployment, started for the deploy tests (tests/app/test_deploy.py).

The guide's commands as the tests run them, a Stack of gunicorn, the worker, nginx and a
Redis of its own built from an environment file read by a fresh shell (every port a free
one), nginx with the site file in deploy/nginx/ (only its ports, name and certificate paths
changed), and requests through it with a cookie jar, its CSRF token and a login.
"""

from __future__ import annotations

import http.cookiejar
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


def running_stack(tmp_path_factory):
    """The whole deployment on free ports, after the guide's set-up (upgrade, seed, demo):
    yields its Stack, then stops every process it started and its Redis."""
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

