"""The foundation's personal data: account, roles, logins, links, e-mail, audit entries."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select

from mentorship.audit.models import AuditEntry
from mentorship.auth.models import (
    ERASED_NAME,
    User,
    UserRole,
    UserSession,
    UserToken,
    erased_email,
)
from mentorship.auth.sso.models import UserIdentity
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage
from mentorship.privacy.register import PERSONAL
from mentorship.privacy.retention import Periods, retention_text
from mentorship.privacy.sections import Section


def export(user: User) -> list[Section]:
    sessions = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id)
    ).all()
    tokens = db.session.scalars(
        select(UserToken).where(UserToken.user_id == user.id).order_by(UserToken.id)
    ).all()
    mail = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == user.email)
        .order_by(OutboxMessage.id)
    ).all()
    audit = db.session.scalars(
        select(AuditEntry).where(AuditEntry.subject_user_id == user.id).order_by(AuditEntry.id)
    ).all()
    identities = db.session.scalars(
        select(UserIdentity).where(UserIdentity.user_id == user.id).order_by(UserIdentity.id)
    ).all()
    return [
        Section(
            "konto",
            _("Ditt konto"),
            PERSONAL["user_account"]["email"].purpose,
            retention_text("account", user.municipality_id),
            {
                "e-post": user.email,
                "namn": user.name,
                "kommun": user.municipality.name,
                "roller": sorted(user.role_names),
                "språk": user.language,
                "aktivt": user.active,
                "skapat": user.created_at.isoformat(),
                "senast_inloggad": user.last_login_at.isoformat() if user.last_login_at else None,
            },
        ),
        Section(
            "inloggningar",
            _("Dina inloggningar"),
            PERSONAL["user_session"]["created_at"].purpose,
            retention_text("login", user.municipality_id),
            [
                {
                    "start": s.created_at.isoformat(),
                    "gäller_till": s.expires_at.isoformat(),
                    "senast_använd": s.last_seen_at.isoformat(),
                    "avslutad": s.ended_at.isoformat() if s.ended_at else None,
                }
                for s in sessions
            ],
        ),
        Section(
            "kopplade_konton",
            _("Ditt konto i kommunens inloggning"),
            PERSONAL["user_identity"]["subject"].purpose,
            retention_text("account", user.municipality_id),
            [
                {
                    "utfärdare": i.issuer,
                    "id_hos_utfärdaren": i.subject,
                    "kopplat": i.linked_at.isoformat(),
                    "senast_inloggad": i.last_login_at.isoformat() if i.last_login_at else None,
                }
                for i in identities
            ],
        ),
        Section(
            "länkar",
            _("Inbjudningar och lösenordsbyten"),
            PERSONAL["user_token"]["created_at"].purpose,
            retention_text("login", user.municipality_id),
            [
                {
                    "typ": "inbjudan" if t.purpose == "invite" else "nytt lösenord",
                    "skapad": t.created_at.isoformat(),
                    "använd": t.used_at.isoformat() if t.used_at else None,
                }
                for t in tokens
            ],
        ),
        Section(
            "e-post",
            _("E-post till dig"),
            # The text is left out: it was sent to you, and it can name other people
            # (your mentor or adept, a coordinator).
            f'{PERSONAL["outbox_message"]["subject"].purpose} '
            + _("Själva texten finns i din e-post och visas inte här, eftersom den kan "
                "innehålla uppgifter om andra personer."),
            retention_text("mail", user.municipality_id),
            [
                {
                    "ämne": m.subject,
                    "skapat": m.created_at.isoformat(),
                    "skickat": m.sent_at.isoformat() if m.sent_at else None,
                }
                for m in mail
            ],
        ),
        Section(
            "logg",
            _("Vem som har läst eller ändrat dina uppgifter"),
            PERSONAL["audit_entry"]["subject_user_id"].purpose,
            retention_text("account", user.municipality_id),
            [
                {
                    "när": e.at.isoformat(),
                    "roll": e.actor_role,
                    "händelse": e.action,
                    "post": e.record_type,
                }
                for e in audit
            ],
        ),
    ]


def erase(user_ids: list[int]) -> dict[str, int]:
    if not user_ids:
        return {}
    users = db.session.scalars(select(User).where(User.id.in_(user_ids))).all()
    emails = [u.email for u in users]
    mail = db.session.execute(  # type: ignore[attr-defined]  # DML gives a CursorResult; typed as Result
        delete(OutboxMessage).where(OutboxMessage.recipient.in_(emails))
    ).rowcount
    db.session.execute(delete(UserSession).where(UserSession.user_id.in_(user_ids)))
    db.session.execute(delete(UserToken).where(UserToken.user_id.in_(user_ids)))
    db.session.execute(delete(UserIdentity).where(UserIdentity.user_id.in_(user_ids)))
    db.session.execute(delete(UserRole).where(UserRole.user_id.in_(user_ids)))
    for user in users:
        user.name = ERASED_NAME
        user.email = erased_email(user.id)
        user.password_hash = None
        user.language = None
        user.active = False
        user.is_erased = True
        user.last_login_at = None
    db.session.flush()
    db.session.expire_all()
    return {"konton": len(users), "e-post": mail or 0}


def expired_accounts(now: datetime, periods: Periods) -> list[int]:
    """Deactivated accounts, and invitations never taken up, past the account period."""
    rows = db.session.execute(
        select(User.id, User.municipality_id, User.created_at, User.last_login_at).where(
            ~User.is_erased,
            or_(User.active.is_(False), User.password_hash.is_(None)),
        )
    ).all()
    return [
        uid
        for uid, municipality_id, created, last_login in rows
        if (last_login or created) < periods.cutoff(now, municipality_id, "account")
    ]


def expire(now: datetime, periods: Periods) -> dict[str, int]:
    counts = {"inloggningar": 0, "länkar": 0, "e-post": 0}
    users = dict(db.session.execute(select(User.id, User.municipality_id)).all())
    for model, key, column in (
        (UserSession, "inloggningar", UserSession.created_at),
        (UserToken, "länkar", UserToken.created_at),
    ):
        rows = db.session.execute(select(model.id, model.user_id, column)).all()
        old = [
            rid for rid, uid, at in rows if at < periods.cutoff(now, users.get(uid), "login")
        ]
        if old:
            db.session.execute(delete(model).where(model.id.in_(old)))
        counts[key] = len(old)
    by_email = dict(db.session.execute(select(User.email, User.municipality_id)).all())
    messages = db.session.execute(
        select(OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.created_at)
    ).all()
    old = [
        mid for mid, to, at in messages if at < periods.cutoff(now, by_email.get(to), "mail")
    ]
    if old:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old)))
    counts["e-post"] = len(old)
    return counts
