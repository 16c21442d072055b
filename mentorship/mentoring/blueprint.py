"""The mentor programme's blueprint; the view modules in `views/` add their routes to it."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__, url_prefix="/mentorskap")
