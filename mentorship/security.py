"""Security headers and safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, abort, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.serving import WSGIRequestHandler

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

# A URL argument with one of these names is a secret (an invitation, a reset link, a
# calendar feed): the page it opens is never stored by a browser or a proxy, whoever asks.
SECRET_URL_ARGUMENTS = frozenset({"token"})


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site relative paths; anything else (scheme, host, //, \\) falls back."""
    if not target:
        return fallback
    target = target.strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    if any(ord(ch) < 32 for ch in target):
        return fallback
    return target


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    secret_url = bool(request.view_args) and not SECRET_URL_ARGUMENTS.isdisjoint(
        request.view_args or {})
    if secret_url or (current_user.is_authenticated and request.endpoint != "static"):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


class TrustedProxies:
    """X-Forwarded-For and -Proto from exactly TRUSTED_PROXIES proxies (werkzeug's ProxyFix).

    With 0 (the default) the headers are ignored: the client's address is the socket's.
    With 1 the address the one proxy appended is used, whatever a client put before it, so
    a forged header cannot move a rate-limit bucket. Read per request, so a test can set it.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.fixes: dict[int, ProxyFix] = {}

    def __call__(self, environ, start_response):
        count = self.app.config["TRUSTED_PROXIES"]
        if not count:
            return self.wsgi_app(environ, start_response)
        fix = self.fixes.get(count)
        if fix is None:
            fix = self.fixes[count] = ProxyFix(self.wsgi_app, x_for=count, x_proto=count)
        return fix(environ, start_response)


def refuse_odd_json() -> None:
    """before_request: Flask-WTF reads a JSON body as form fields; only an object of
    strings is something a form could have sent, anything else is a 400, not a crash."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.is_json:
        return
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        abort(400)


def hide_dev_server_header() -> None:
    """The development server (flask run, the browser tests) names no software in a
    `Server` header; gunicorn.conf.py does the same for gunicorn. Idempotent."""
    if getattr(WSGIRequestHandler.send_header, "_hides_server", False):
        return
    original = WSGIRequestHandler.send_header

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() != "server":
            original(self, keyword, value)

    send_header._hides_server = True  # type: ignore[attr-defined]
    WSGIRequestHandler.send_header = send_header  # type: ignore[method-assign]


class DatabaseIntConverter(IntegerConverter):
    """`<int:...>` in every route: only what the database's INTEGER holds (0..2**31-1), so
    /personer/2147483648 is a 404 instead of a database error."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _has_nul(values) -> bool:
    return any("\x00" in v for v in values if isinstance(v, str))


def refuse_nul_characters() -> None:
    """before_request: no text the app stores or searches can hold a NUL character
    (PostgreSQL refuses it), so a request carrying one is a 400, whatever the field."""
    values = [*(request.view_args or {}).values()]
    for multi in (request.args, request.form):
        for key, given in multi.lists():  # every value of a repeated key, not the first
            values += [key, *given]
    if request.is_json and request.method not in ("GET", "HEAD"):
        data = request.get_json(silent=True)
        if isinstance(data, dict):
            values += [*data.keys(), *data.values()]
    if _has_nul(values):
        abort(400)


def register_security(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIntConverter
    app.before_request(refuse_nul_characters)
    hide_dev_server_header()
    app.after_request(add_security_headers)
    app.before_request(refuse_odd_json)
    app.wsgi_app = TrustedProxies(app)  # type: ignore[method-assign]
