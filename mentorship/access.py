"""Deny by default: every view declares who may use it, and a hook refuses the rest.

A view without a declared policy answers 403 for everyone, and a test walks the URL map
to make sure no such view exists. Object scoping (another municipality's or person's
record is a 404) lives in each feature's services through `scoped` helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

ADMIN = "admin"
HR = "hr"
PARTICIPANT = "participant"
ROLES = (ADMIN, HR, PARTICIPANT)

PUBLIC = "public"
AUTHENTICATED = "authenticated"

ATTRIBUTE = "_access_policy"


def _mark(view: Callable, policy: tuple[str, frozenset[str]]) -> Callable:
    setattr(view, ATTRIBUTE, policy)
    return view


def public(view: Callable) -> Callable:
    """Anyone, logged in or not (login page, accessibility statement, static files)."""
    return _mark(view, (PUBLIC, frozenset()))


def authenticated(view: Callable) -> Callable:
    """Any logged-in user, whatever their role; the view scopes what it shows."""
    return _mark(view, (AUTHENTICATED, frozenset()))


def roles(*names: str) -> Callable[[Callable], Callable]:
    """Logged-in users holding at least one of the named roles."""
    unknown = set(names) - set(ROLES)
    if unknown or not names:
        raise ValueError(f"unknown roles {unknown}")

    def decorator(view: Callable) -> Callable:
        return _mark(view, (AUTHENTICATED, frozenset(names)))

    return decorator


def policy_of(view: Callable) -> tuple[str, frozenset[str]] | None:
    return getattr(view, ATTRIBUTE, None)


def enforce_policy() -> Any:
    """before_request hook."""
    if request.endpoint is None:
        return None  # 404/405 is raised by routing
    view = current_app.view_functions.get(request.endpoint)
    policy = policy_of(view) if view else None
    if policy is None:
        if request.endpoint == "static":
            return None
        abort(403)
    kind, allowed = policy
    if kind == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if allowed and not allowed & set(current_user.role_names):
        abort(403)
    return None


def wrap_static(app) -> None:
    """Flask's static view is public; mark it so the route walk sees a policy."""
    view = app.view_functions.get("static")
    if view is not None and policy_of(view) is None:

        @wraps(view)
        def static_view(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        app.view_functions["static"] = public(static_view)
