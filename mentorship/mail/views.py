"""The outbox: admins read the queued messages, their delivery state, attempts and errors."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.access import ADMIN, roles
from mentorship.extensions import db
from mentorship.labels import labels
from mentorship.mail.models import OutboxMessage
from mentorship.refusals import or_404

bp = Blueprint("mail", __name__, url_prefix="/utkorg")


@labels
def status_labels() -> dict[str, str]:
    return {
        "queued": _("I kö"),
        "sending": _("Skickas"),
        "retrying": _("Försöker igen"),
        "sent": _("Skickat"),
        "failed": _("Misslyckades"),
    }


@bp.route("/")
@roles(ADMIN)
def outbox():
    messages = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)
    ).all()
    return render_template("mail/outbox.html", messages=messages, status_labels=status_labels())


@bp.route("/<int:message_id>")
@roles(ADMIN)
def message(message_id: int):
    return render_template(
        "mail/message.html",
        message=or_404(db.session.get(OutboxMessage, message_id)),
        status_labels=status_labels(),
    )
