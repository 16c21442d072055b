"""Operations: a request id and one structured log line per request, `/health` (the
process answers) and `/ready` (database, Redis and the workers' heartbeats)."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Blueprint, Flask, Response, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import text

from mentorship.access import public
from mentorship.extensions import db
from mentorship.redis_store import alive, redis_connection

log = logging.getLogger("mentorship.request")
bp = Blueprint("ops", __name__)
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request id and any
    `extra={...}` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        entry.update({k: v for k, v in vars(record).items() if k not in STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(app: Flask) -> None:
    """Structured logs on stderr for the app's loggers (gunicorn and the workers alike)."""
    if app.config.get("TESTING") or not app.config.get("LOG_JSON", True):
        return
    logger = logging.getLogger("mentorship")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    logger.propagate = False


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def _start() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex[:16]
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if request.endpoint == "static":
        return response
    started = g.get("request_started")
    log.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            # the user's id, never get_id() (that is the session token)
            "user_id": current_user.id if current_user and current_user.is_authenticated
            else None,
        },
    )
    return response


def init_ops(app: Flask) -> None:
    configure_logging(app)
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)


@bp.route("/health")
@public
def health():
    """Liveness: the process serves requests (nothing else is checked)."""
    return {"status": "ok"}


@bp.route("/ready")
@public
def ready():
    """Readiness: the database and Redis answer, and a job worker and the mail worker
    have said they are alive within the last few heartbeats."""
    checks: dict[str, str] = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001
        db.session.rollback()
        checks["database"] = type(exc).__name__
    try:
        redis_connection().ping()
        checks["redis"] = "ok"
        checks["job_worker"] = "ok" if alive("jobs") else "no heartbeat"
        checks["mail_worker"] = "ok" if alive("mail") else "no heartbeat"
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = type(exc).__name__
        checks["job_worker"] = checks["mail_worker"] = "unknown"
    ok = all(v == "ok" for v in checks.values())
    return {"status": "ok" if ok else "unavailable", "checks": checks}, 200 if ok else 503
