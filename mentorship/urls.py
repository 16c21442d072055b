"""Absolute links for e-mails, with or without a request (CLI)."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values: object) -> str:
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config["BASE_URL"].rstrip("/")
    with current_app.test_request_context("/"):
        return base + url_for(endpoint, **values)
