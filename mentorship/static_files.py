"""Static files named by their content.

Every `url_for('static', ...)` carries a fingerprint of the file (`?v=...`), and a request
with the current fingerprint is answered with a year's `Cache-Control`: a browser fetches
app.css and app.js once per release instead of asking again on every page. A request
without it, or with an old one, gets Flask's default (revalidate each time).
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache

from flask import Flask, Response, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600


@lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def fingerprint(folder: str, filename: object) -> str | None:
    """The file's content hash, or None when `filename` names no file in `folder`. Keyed
    by modification time and size, so an edited file gets a new one without a restart."""
    if not isinstance(filename, str):
        return None
    path = safe_join(folder, filename)
    if path is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return _digest(path, found.st_mtime_ns, found.st_size)


def init_static_files(app: Flask) -> None:
    folder = app.static_folder
    if folder is None:
        return
    default_max_age = app.get_send_file_max_age

    @app.url_defaults
    def add_fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            version = fingerprint(folder, values.get("filename"))
            if version:
                values["v"] = version

    def max_age(filename: str | None) -> int | None:
        version = request.args.get("v") if request.endpoint == "static" else None
        if version and version == fingerprint(folder, filename):
            return YEAR
        return default_max_age(filename)

    # Flask's static view asks the app; send_file (the exports) asks it too, but outside
    # the static endpoint the default stands.
    app.get_send_file_max_age = max_age  # type: ignore[method-assign]

    @app.after_request
    def immutable(response: Response) -> Response:
        if request.endpoint == "static" and response.cache_control.max_age == YEAR:
            response.cache_control.immutable = True
        return response
