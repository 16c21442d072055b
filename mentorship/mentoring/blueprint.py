"""The mentor programme's blueprint; each room's `views.py` adds its routes to it."""

from flask import Blueprint

bp = Blueprint("mentoring", __name__, url_prefix="/mentorskap")
