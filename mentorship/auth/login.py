"""Flask-Login wiring: the cookie carries a server-side session token, not the user id."""

from __future__ import annotations

from flask import Flask, has_request_context, redirect, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from mentorship.auth import services
from mentorship.auth.models import User
from mentorship.extensions import login_manager

# Requests that do not count as activity: the page asking how long its session has left
# must not itself keep the session alive.
PASSIVE_ENDPOINTS = frozenset({"auth.session_status"})


def init_login(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Logga in för att fortsätta.")
    login_manager.login_message_category = "info"
    # Our own session records do what "strong" protection would, without breaking
    # users whose address changes (mobile networks).
    login_manager.session_protection = None

    @login_manager.user_loader
    def load_user(token: str):
        passive = has_request_context() and request.endpoint in PASSIVE_ENDPOINTS
        return services.load_session_user(token, touch=not passive)


def log_in(user: User, method: str, target: str) -> Response:
    """The end of every successful login, by password or by the municipality's account:
    a fresh session (and CSRF token) with the chosen language kept, a new server-side
    session record, then the page the person came for. The caller commits it (its page's
    `carry_out`), so the session record and the new session cookie agree."""
    if current_user.is_authenticated:
        services.end_session(current_user)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
        if user.language != lang:
            user.language = lang  # e-mail to this person is written in it
    services.start_session(user, method)
    login_user(user)
    return redirect(target)
