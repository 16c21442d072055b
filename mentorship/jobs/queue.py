"""The Redis connection shared by the job queue and the workers' heartbeats."""

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
