"""Start page, accessibility statement, health check."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from mentorship.access import authenticated, public
from mentorship.extensions import db
from mentorship.main.start import start_sections

bp = Blueprint("main", __name__)


@bp.route("/")
@authenticated
def index():
    return render_template("main/index.html", sections=start_sections(current_user))


@bp.route("/tillganglighet")
@public
def accessibility():
    return render_template("main/accessibility.html")


@bp.route("/halsa")
@public
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
