"""Log in, sessions, invitations and password resets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from mentorship.auth.models import ERASED_DOMAIN, User, UserRole, UserSession, UserToken
from mentorship.auth.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from mentorship.auth.tokens import new_token, token_hash
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.services import queue_mail, to_recipient
from mentorship.services import ServiceError
from mentorship.urls import external_url

INVITE = "invite"
RESET = "reset"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The user if e-mail and password match an active account; None otherwise."""
    user = find_user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        return None
    if user.password_hash and needs_rehash(user.password_hash):  # ok implies a hash
        user.password_hash = hash_password(password)  # parameters changed since it was set
    return user


# --- sessions -------------------------------------------------------------------------


def start_session(user: User) -> str:
    raw, digest = new_token()
    hours = current_app.config["SESSION_IDLE_HOURS"]
    db.session.add(
        UserSession(
            token_hash=digest, user_id=user.id, expires_at=utcnow() + timedelta(hours=hours)
        )
    )
    user.last_login_at = utcnow()
    user.session_token = raw
    db.session.flush()
    return raw


def load_session_user(raw: str) -> User | None:
    row = db.session.execute(
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .options(selectinload(User.roles))
        .where(
            UserSession.token_hash == token_hash(raw),
            UserSession.ended_at.is_(None),
            UserSession.expires_at > utcnow(),
            User.active.is_(True),
        )
    ).first()
    if row is None:
        return None
    user = row[0]
    user.session_token = raw
    return user


def end_session(raw: str | None) -> None:
    if not raw:
        return
    db.session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(raw), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_sessions(user_id: int) -> None:
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


# --- passwords ------------------------------------------------------------------------


def check_new_password(user: User, password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ServiceError(
            _("Lösenordet måste ha minst %(n)s tecken.", n=MIN_LENGTH), field="password"
        )
    if password.strip().lower() == user.email.lower():
        raise ServiceError(_("Lösenordet får inte vara din e-postadress."), field="password")


def set_password(user: User, password: str) -> None:
    """Sets the password and ends every session of the user (copied cookies stop working)."""
    check_new_password(user, password)
    user.password_hash = hash_password(password)
    end_all_sessions(user.id)
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise ServiceError(_("Nuvarande lösenord stämmer inte."), field="current_password")
    set_password(user, new)


# --- tokens: invitations and resets ---------------------------------------------------


def issue_token(user: User, purpose: str, created_by: User | None = None) -> str:
    if purpose == INVITE:
        ttl = timedelta(days=current_app.config["INVITATION_VALID_DAYS"])
    else:
        ttl = timedelta(hours=current_app.config["RESET_VALID_HOURS"])
    # A new link replaces the old ones of the same purpose.
    db.session.execute(
        update(UserToken)
        .where(
            UserToken.user_id == user.id,
            UserToken.purpose == purpose,
            UserToken.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    raw, digest = new_token()
    db.session.add(
        UserToken(
            token_hash=digest,
            purpose=purpose,
            user_id=user.id,
            created_by_id=created_by.id if created_by else None,
            expires_at=utcnow() + ttl,
        )
    )
    db.session.flush()
    return raw


def valid_token(raw: str, purpose: str) -> UserToken | None:
    token = db.session.scalar(
        select(UserToken).where(UserToken.token_hash == token_hash(raw))
    )
    if token is None or token.purpose != purpose or token.used_at is not None:
        return None
    if token.expires_at <= utcnow():
        return None
    user = db.session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    return token


def redeem_token(raw: str, purpose: str, password: str) -> User:
    token = valid_token(raw, purpose)
    if token is None:
        raise ServiceError(_("Länken är ogiltig, redan använd eller för gammal."))
    user = db.session.get(User, token.user_id)
    assert user is not None  # valid_token returned None for a missing account
    set_password(user, password)
    token.used_at = utcnow()
    db.session.flush()
    return user


@to_recipient(lambda user, *_args, **_kwargs: user)
def send_invitation(user: User, created_by: User | None, invited_to: Any = None) -> None:
    """The invitation with the link to choose a password. `invited_to` names what the person
    is invited to (a lazy string, so that it is written in the recipient's language:
    "omgången Hösten 2026 av mentorsprogrammet"); without it, the tool itself."""
    raw = issue_token(user, INVITE, created_by)
    link = external_url("auth.accept_invitation", token=raw)
    days = current_app.config["INVITATION_VALID_DAYS"]
    if invited_to is None:
        subject = _("Inbjudan till HR-nätverkets programverktyg")
        what = _("HR-nätverkets mentors- och traineeprogram")
    else:
        what = str(invited_to)
        subject = _("Inbjudan till %(what)s", what=what)
    queue_mail(
        user.email,
        subject,
        _(
            "Hej %(name)s!\n\nDu har bjudits in till %(what)s. Välj ditt lösenord här "
            "(länken gäller i %(days)s dagar och kan användas en gång):\n\n%(link)s\n\n"
            "Vänliga hälsningar\nHR-nätverket",
            name=user.name,
            what=what,
            days=days,
            link=link,
        ),
    )


def request_password_reset(email: str) -> None:
    """Queues a reset link if the account exists; says nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    raw = issue_token(user, RESET)
    link = external_url("auth.reset_password", token=raw)
    queue_mail(
        user.email,
        _("Återställ ditt lösenord"),
        _(
            "Hej %(name)s!\n\nNågon (förhoppningsvis du) bad om ett nytt lösenord. Välj ett "
            "nytt här (länken gäller i %(hours)s timmar och kan användas en gång):\n\n"
            "%(link)s\n\nOm det inte var du kan du bortse från det här meddelandet.",
            name=user.name,
            hours=current_app.config["RESET_VALID_HOURS"],
            link=link,
        ),
    )


# --- creating users -------------------------------------------------------------------


@dataclass(frozen=True)
class NewUser:
    email: str
    name: str
    municipality_id: int
    roles: tuple[str, ...]


def create_user(cmd: NewUser, password: str | None = None) -> User:
    email = normalise_email(cmd.email)
    if email.endswith(ERASED_DOMAIN):
        raise ServiceError(_("Skriv e-postadressen som namn@exempel.se."), field="email")
    exists = db.session.scalar(select(func.count()).select_from(User).where(User.email == email))
    if exists:
        raise ServiceError(_("Det finns redan ett konto med den e-postadressen."), field="email")
    user = User(email=email, name=cmd.name.strip(), municipality_id=cmd.municipality_id)
    user.roles = [UserRole(role=r) for r in sorted(set(cmd.roles))]
    if password is not None:
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    return user
