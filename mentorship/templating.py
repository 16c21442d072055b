"""Template globals: menu, locale, form error flag."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal, format_percent, get_locale


def form_has_errors(*forms) -> bool:  # noqa: ANN002
    return any(f is not None and (f.errors or getattr(f, "form_errors", None)) for f in forms)


def init_templates(app: Flask) -> None:
    from mentorship.main.start import nav_items
    from mentorship.widgets import choice_items, select

    app.jinja_env.globals.update(
        nav_items=nav_items,
        current_locale=lambda: str(get_locale() or "sv"),
        form_has_errors=form_has_errors,
        choice_items=choice_items,
        select_field=select,
    )
    # Locale-aware formatting in Stockholm time: {{ when|format_datetime('short') }}
    app.jinja_env.filters.update(
        format_datetime=format_datetime,
        format_date=format_date,
        format_decimal=format_decimal,
        format_percent=format_percent,
    )
