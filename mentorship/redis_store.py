"""The app's one Redis connection, and the workers' heartbeats in it: below both the mail
worker and the job queue, which each say they are alive (ops' /ready reads it)."""

from __future__ import annotations

from flask import current_app
from redis import Redis


def redis_connection() -> Redis:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    connection = app.extensions.get("mentorship_redis")
    if connection is None:
        connection = Redis.from_url(
            app.config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=5
        )
        app.extensions["mentorship_redis"] = connection
    return connection


def _heartbeat_key(kind: str, name: str = "") -> str:
    return f"mentorship:heartbeat:{current_app.config['JOBS_QUEUE']}:{kind}:{name}"


def beat(kind: str, name: str = "") -> None:
    """A worker says it is alive ("jobs" per RQ worker name, "mail")."""
    ttl = max(1, int(3 * current_app.config["JOBS_HEARTBEAT_SECONDS"]))
    redis_connection().set(_heartbeat_key(kind, name), "1", ex=ttl)


def alive(kind: str, name: str | None = None) -> bool:
    connection = redis_connection()
    if name is not None:
        return bool(connection.exists(_heartbeat_key(kind, name)))
    return next(iter(connection.scan_iter(_heartbeat_key(kind) + "*", count=100)), None) is not None
