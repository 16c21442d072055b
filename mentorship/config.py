"""Configuration: defaults -> instance file -> MENTORSHIP_* environment -> test mapping."""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.engine import make_url

INSECURE_KEYS = {"", "dev", "change-me", None}


class Defaults:
    # "production" refuses to start without a real secret key; "development" (make run)
    # creates one in the instance folder so sessions survive restarts.
    ENV = "production"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {}
    BABEL_DEFAULT_LOCALE = "sv"
    # The zone of every time shown or typed; stored times are UTC (mentorship.timezones).
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "mentorship_session"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Imports (README): refused with a message before anything is written.
    IMPORT_MAX_ROWS = 5000
    IMPORT_MAX_BYTES = 2 * 1024 * 1024
    IMPORT_MAX_XLSX_UNPACKED = 50 * 1024 * 1024
    IMPORT_PREVIEW_SECONDS = 30 * 60  # an uploaded file waits this long for its confirmation
    RATELIMIT_STORAGE_URI = "memory://"
    # While the shared store (Redis) is away, each process counts in its own memory and
    # logins go on (docs/operations.md, "Redis down"), back on Redis once it answers again.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_KEY_PREFIX: str | None = None  # default: the deployment's name
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "100 per 15 minutes"
    # argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane): about a
    # quarter of argon2-cffi's default cost, which made logins the load test's biggest CPU
    # spike; one lane keeps a login on one core instead of taking both from other requests.
    PASSWORD_HASH_TIME_COST = 2
    PASSWORD_HASH_MEMORY_KIB = 19456
    PASSWORD_HASH_PARALLELISM = 1
    INVITATION_VALID_DAYS = 14
    RESET_VALID_HOURS = 2
    # A login ends after SESSION_IDLE_MINUTES without a request (ASVS 5.0 7.3.1; 30 is
    # what OWASP suggests for an application holding personal data, long enough to write
    # a talk's notes) and in any case SESSION_LIFETIME_HOURS after it began (7.3.2: a
    # working day). The page warns SESSION_WARN_SECONDS before the idle end.
    SESSION_IDLE_MINUTES = 30
    SESSION_LIFETIME_HOURS = 8
    SESSION_WARN_SECONDS = 120
    # Every link in an e-mail or calendar file is built from this, never from the request's
    # Host header; production refuses to start without it.
    BASE_URL: str | None = None
    DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
    # How many proxies in front of the app set X-Forwarded-For (and -Proto): 0 trusts no
    # such header, 1 trusts the last address the one proxy added. See README, Deploying.
    TRUSTED_PROXIES = 0
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "HR-nätverket <noreply@example.org>"
    # The cooperation's name, on the year's report and its exports.
    COOPERATION_NAME = "Familjen Helsingborg"
    MAIL_BACKEND = "smtp"  # how the mail worker sends: "smtp", or "locmem" (kept in the app)
    MAIL_TIMEOUT = 10  # seconds per SMTP conversation (in the worker, never in a request)
    MAIL_MAX_ATTEMPTS = 8  # then the message is marked failed in the outbox
    MAIL_RETRY_SECONDS = 60  # first retry after a minute, then doubling (at most 6 h)
    MAIL_CLAIM_TIMEOUT_SECONDS = 600  # a worker that died mid-send: never sent again
    MAIL_POLL_SECONDS = 5  # how often `flask mail worker` looks for new messages
    REDIS_URL = "redis://127.0.0.1:6379/0"  # job queue and worker heartbeats
    # The name that keeps two deployments on one Redis apart: their queues, job keys and
    # rate-limit buckets. Default: derived from the database URL and the instance folder,
    # which the web app and its worker share; set it when they run on different machines.
    DEPLOYMENT: str | None = None
    JOBS_QUEUE: str | None = None  # default: "mentorship-<DEPLOYMENT>"
    JOBS_UPLOAD_TTL_SECONDS = 3600  # an uploaded file waits at most this long for its job
    JOBS_RECONNECT_SECONDS = 1.0  # a worker tries Redis again this often while it is away
    JOBS_SYNC = False  # run jobs in the request instead (tests; `make run` without Redis)
    JOBS_TIMEOUT_SECONDS = 1800
    JOBS_PROGRESS_DELAY = 0  # seconds to pause at each progress step (tests only)
    JOBS_HEARTBEAT_SECONDS = 10  # workers say they are alive this often (see /ready)
    EXPORT_JOB_ROWS = 2000  # a larger export is written by the worker (jobs/exportfiles.py)
    EXPORT_FILE_TTL_SECONDS = 15 * 60  # how long its file is kept in Redis for its starter
    # Login with the municipality's own account (mentorship.auth.sso): discovery metadata
    # and keys are cached this long per process; the ID token's times may be this far off.
    SSO_METADATA_TTL_SECONDS = 3600
    SSO_HTTP_TIMEOUT_SECONDS = 10
    SSO_CLOCK_SKEW_SECONDS = 60
    DEMO_PASSWORD = "mentorship-demo"
    PAGE_SIZE = 50
    # "Känns matchningen rätt?" (mentoring/fitcheck): asked this many days after a pair's
    # first logged talk, or this many weeks after publishing if no talk is logged.
    FIT_CHECK_DAYS_AFTER_FIRST_TALK = 14
    FIT_CHECK_WEEKS_WITHOUT_TALK = 6


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MENTORSHIP")
    if "DATABASE_URL" in app.config:
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    if test_config:
        app.config.from_mapping(test_config)
    _database_defaults(app)
    _secret_key(app)
    _production_settings(app)
    _deployment(app)
    if app.config["BASE_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"


def _database_defaults(app: Flask) -> None:
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        uri = "sqlite:///" + os.path.join(app.instance_path, "mentorship.sqlite")
    if uri.startswith("postgresql://") or uri.startswith("postgres://"):
        uri = "postgresql+psycopg://" + uri.split("://", 1)[1]
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("sqlite"):
        options.setdefault("connect_args", {"timeout": 10})
    else:
        options.setdefault("pool_pre_ping", True)
    # An error's text names the statement, never its values (an e-mail address, a name):
    # the logs hold no personal data.
    options.setdefault("hide_parameters", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _deployment(app: Flask) -> None:
    """Name the deployment and namespace what it keeps in a shared Redis by that name."""
    if not app.config.get("DEPLOYMENT"):
        database = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(
            hide_password=True)
        seed = f"{database}|{os.path.realpath(app.instance_path)}"
        app.config["DEPLOYMENT"] = hashlib.sha256(seed.encode()).hexdigest()[:12]
    name = f"mentorship-{app.config['DEPLOYMENT']}"
    app.config["JOBS_QUEUE"] = app.config.get("JOBS_QUEUE") or name
    app.config["RATELIMIT_KEY_PREFIX"] = app.config.get("RATELIMIT_KEY_PREFIX") or name


def _secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY") not in INSECURE_KEYS:
        return
    if app.config.get("TESTING"):
        app.config["SECRET_KEY"] = "test-only-secret"
        return
    if app.config["ENV"] == "development":
        path = Path(app.instance_path) / "secret_key"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        app.config["SECRET_KEY"] = path.read_text().strip()
        return
    raise RuntimeError(
        "MENTORSHIP_SECRET_KEY must be set to a long random value in production "
        "(or set MENTORSHIP_ENV=development for a local run)."
    )


def _production_settings(app: Flask) -> None:
    """Refuse to start in production with settings that only suit one process on a laptop."""
    production = app.config["ENV"] != "development" and not app.config.get("TESTING")
    if not app.config.get("BASE_URL"):
        if production:
            raise RuntimeError(
                "MENTORSHIP_BASE_URL must be set in production to the address users open, "
                "e.g. https://mentor.example.org (links in e-mails are built from it), "
                "or set MENTORSHIP_ENV=development for a local run."
            )
        app.config["BASE_URL"] = app.config["DEVELOPMENT_BASE_URL"]
    if not str(app.config["BASE_URL"]).startswith(("http://", "https://")):
        raise RuntimeError("MENTORSHIP_BASE_URL must start with https:// (or http://).")
    storage = str(app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if production and storage.startswith("memory://"):
        raise RuntimeError(
            "MENTORSHIP_RATELIMIT_STORAGE_URI must name a store shared by all workers in "
            "production, e.g. redis://127.0.0.1:6379/0 (install with pip install '.[prod]'): "
            "with memory:// each worker counts login attempts on its own."
        )
    app.config["TRUSTED_PROXIES"] = int(app.config.get("TRUSTED_PROXIES") or 0)
