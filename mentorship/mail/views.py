"""The outbox: admins read the messages the app would have sent (demo without SMTP)."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from mentorship.access import ADMIN, roles
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from mentorship.services import or_404

bp = Blueprint("mail", __name__, url_prefix="/utkorg")


@bp.route("/")
@roles(ADMIN)
def outbox():
    messages = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)
    ).all()
    return render_template("mail/outbox.html", messages=messages)


@bp.route("/<int:message_id>")
@roles(ADMIN)
def message(message_id: int):
    return render_template(
        "mail/message.html", message=or_404(db.session.get(OutboxMessage, message_id))
    )
