"""The year's report's blueprint; its command is top-level (`flask annual-report`)."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/rapport/ar", cli_group=None)
