"""The network register's blueprint; the views are in `mentorship.networks.views`."""

from flask import Blueprint

bp = Blueprint("networks", __name__, url_prefix="/natverk")
