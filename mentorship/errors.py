"""Swedish error pages; no stack traces; a database outage is a 503 with an error id."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, g, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from redis.exceptions import RedisError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from mentorship.duplicates import init_duplicates
from mentorship.extensions import db, login_manager
from mentorship.ops import request_id

log = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Felaktig begäran"), _("Begäran kunde inte tolkas. Gå tillbaka och försök igen.")),
        403: (_("Åtkomst nekad"), _("Du har inte behörighet till den här sidan.")),
        404: (
            _("Sidan finns inte"),
            _("Sidan finns inte, eller så har du inte tillgång till den."),
        ),
        405: (_("Metoden är inte tillåten"), _("Sidan kan inte användas på det sättet.")),
        413: (_("Filen är för stor"), _("Filen är större än vad som får laddas upp (5 MB).")),
        429: (
            _("För många försök"),
            _("Du har gjort för många försök. Vänta en stund och försök igen."),
        ),
        500: (_("Något gick fel"), _("Ett oväntat fel inträffade. Försök igen om en stund.")),
        503: (
            _("Tjänsten är inte tillgänglig"),
            _(
                "Databasen svarar inte just nu. Inget av det du skickade har sparats. "
                "Försök igen om en stund."
            ),
        ),
    }


def render_error(status: int, error_id: str | None = None, detail: str | None = None):
    title, text = _messages().get(status, _messages()[500])
    return (
        render_template(
            "errors/error.html", status=status, title=title, text=detail or text, error_id=error_id
        ),
        status,
    )


def init_errors(app: Flask) -> None:
    init_duplicates(app)  # a unique constraint broken by a race: a message, not a 503

    @app.errorhandler(CSRFError)
    def csrf_error(_err: CSRFError):
        return render_error(
            400, detail=_("Formuläret hade gått ut. Ladda om sidan och försök igen.")
        )

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if err.code is None or err.code < 400:
            return err
        return render_error(err.code)

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_down(err: Exception):
        error_id = request_id() or uuid.uuid4().hex[:12]
        log.error("database error %s: %s", error_id, type(err).__name__)
        try:
            db.session.rollback()
        except Exception:  # the connection may be gone; the pool replaces it later
            log.warning("rollback failed after database error %s", error_id)
        # The page must not need the database: render it for an anonymous visitor.
        g._login_user = login_manager.anonymous_user()
        return render_error(503, error_id=error_id)

    @app.errorhandler(RedisError)
    def redis_down(err: RedisError):
        """Redis (the job queue) away: what needed it is a 503 with an error id; logins
        and resets go on meanwhile (the rate limiter counts in memory, config.py)."""
        error_id = request_id() or uuid.uuid4().hex[:12]
        log.error("redis error %s: %s", error_id, type(err).__name__)
        db.session.rollback()
        return render_error(503, error_id=error_id, detail=_(
            "Jobbkön svarar inte just nu. Inget av det du skickade har sparats. Försök igen "
            "om en stund."))

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        if app.config.get("TESTING") and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise err
        error_id = request_id() or uuid.uuid4().hex[:12]
        log.exception("unexpected error %s", error_id)
        db.session.rollback()
        return render_error(500, error_id=error_id)
