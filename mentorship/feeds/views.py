"""Min kalender: the person's subscription link; the feed itself (public, by secret)."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated, public
from mentorship.calendar import ics_response
from mentorship.feeds import services
from mentorship.forms import carry_out

bp = Blueprint("feeds", __name__)

# The new secret, carried from the POST that made it to the one page that shows it (in
# the signed session cookie of its owner's browser, removed when shown).
JUST_MADE = "feeds.just_made"


def webcal(url: str) -> str:
    """The same address for calendar programs: webcal:// subscribes instead of downloading."""
    return "webcal://" + url.split("://", 1)[1]


@bp.route("/kalender")
@authenticated
def mine():
    feed = services.feed_of(current_user)
    raw = session.pop(JUST_MADE, None) if feed else None
    # Always the deployment's address (BASE_URL), whatever host the page was asked on.
    base = current_app.config["BASE_URL"].rstrip("/")
    url = base + url_for("feeds.feed", token=raw) if raw else None
    return render_template(
        "feeds/mine.html", feed=feed, url=url, webcal_url=webcal(url) if url else None,
        count=len(services.entries(current_user)),
    )


@bp.route("/kalender/skapa", methods=["POST"])
@authenticated
def create():
    had = services.feed_of(current_user) is not None
    with carry_out(success=_("En ny länk är skapad. Den gamla fungerar inte längre.") if had
                   else _("Din kalenderlänk är skapad.")):
        session[JUST_MADE] = services.new_feed(current_user)
    return redirect(url_for("feeds.mine"))


@bp.route("/kalender/stang-av", methods=["GET", "POST"])
@authenticated
def revoke():
    if services.feed_of(current_user) is None:
        return redirect(url_for("feeds.mine"))
    if request.method == "GET":
        return render_template("feeds/confirm_revoke.html")
    with carry_out(success=_("Kalenderlänken är avstängd.")):
        services.revoke(current_user)
    session.pop(JUST_MADE, None)
    return redirect(url_for("feeds.mine"))


@bp.route("/kalender/<token>.ics")
@public
def feed(token: str):
    user = services.owner_of(token)
    if user is None:
        abort(404)
    response = ics_response("kalender", services.entries(user), services.feed_name(user))
    response.headers["Content-Disposition"] = 'inline; filename="kalender.ics"'
    return response
