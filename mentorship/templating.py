"""Template globals: menu, locale, form error flag."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, has_request_context
from flask_babel import (
    format_date,
    format_datetime,
    format_percent,
    format_time,
    get_locale,
)
from flask_login import current_user

from mentorship.numbers import number
from mentorship.widgets import choice_items, select


def form_has_errors(*forms) -> bool:
    return any(f is not None and (f.errors or getattr(f, "form_errors", None)) for f in forms)


def format_when(value) -> str:
    """A day and a time of day in Swedish time, in the reader's language, without seconds
    or zone: "10 februari 2026 09:30" / "February 10, 2026 9:30 AM"."""
    if value is None:
        return ""
    return f"{format_date(value, 'long')} {format_time(value, 'short')}"


def format_change(value) -> str:
    """A signed difference in the reader's number format: "+1,5", "−20" (Swedish)."""
    return number(value, signed=True)


def init_templates(app: Flask, nav_items: Callable[[], list]) -> None:
    """`nav_items`: the menu of the logged-in user (the factory hands it over: the pages that
    build it are on a higher floor than this helper)."""
    app.jinja_env.globals.update(
        current_locale=lambda: str(get_locale() or "sv"),
        form_has_errors=form_has_errors,
        choice_items=choice_items,
        select_field=select,
    )

    @app.context_processor
    def menu() -> dict:
        # Built before the template runs, so that no page queries from its template (the
        # menu asks whether a participant is a trainee).
        if has_request_context() and current_user.is_authenticated:
            return {"nav": nav_items()}
        return {"nav": []}

    # Decimal numbers only through `number` (mentorship.numbers), so every page writes
    # them alike; no format_decimal filter to reach for instead.
    # Locale-aware formatting in Swedish time (Flask-Babel rebases to BABEL_DEFAULT_TIMEZONE,
    # as mentorship.timezones does): {{ when|format_datetime('short') }}
    app.jinja_env.filters.update(
        number=number,
        format_datetime=format_datetime,
        format_date=format_date,
        format_percent=format_percent,
        format_time=format_time,
        format_when=format_when,
        format_change=format_change,
    )
