"""The trainee programme's blueprint; the views are in `mentorship.trainees.views`."""

from flask import Blueprint

bp = Blueprint("trainees", __name__, url_prefix="/trainee")
