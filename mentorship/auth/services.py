"""Log in, sessions, invitations and password resets.

A change takes the acting user first. Two have no one acting: a reset asked for and a
link redeemed come from a person who is not logged in (who the link's holder is, the
link says)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import false, func, insert, literal, select, update
from sqlalchemy.orm import selectinload

from mentorship.auth.models import ERASED_DOMAIN, User, UserRole, UserSession, UserToken
from mentorship.auth.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    hash_password,
    is_common,
    needs_rehash,
    verify_password,
)
from mentorship.auth.tokens import new_token, token_hash
from mentorship.db import utcnow
from mentorship.extensions import db, separate_transaction
from mentorship.mail.models import OutboxMessage
from mentorship.mail.services import message_values, queue_mail, to_recipient
from mentorship.refusals import ServiceError, not_allowed
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


def _idle() -> timedelta:
    return timedelta(minutes=float(current_app.config["SESSION_IDLE_MINUTES"]))


def start_session(user: User, method: str = "password") -> str:
    raw, digest = new_token()
    user.login_method = method
    hours = current_app.config["SESSION_LIFETIME_HOURS"]
    now = utcnow()
    db.session.add(
        UserSession(token_hash=digest, user_id=user.id, created_at=now, last_seen_at=now,
                    expires_at=now + timedelta(hours=hours))
    )
    user.last_login_at = now
    user.session_token = raw
    db.session.flush()
    return raw


def _live_session(raw: str) -> Any:
    """The statement for the session of this token that has neither ended, passed its
    lifetime nor been idle too long; with its active user."""
    now = utcnow()
    return (
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            UserSession.token_hash == token_hash(raw),
            UserSession.ended_at.is_(None),
            UserSession.expires_at > now,
            UserSession.last_seen_at > now - _idle(),
            User.active.is_(True),
        )
    )


def load_session_user(raw: str, touch: bool = True) -> User | None:
    """The user of a live session. `touch` counts the request as activity: the session's
    idle period starts again (written at most every minute, in a transaction of its own,
    so that a request that changes nothing still keeps its user logged in)."""
    row = db.session.execute(_live_session(raw).options(selectinload(User.roles))).first()
    if row is None:
        return None
    user, record = row
    now = utcnow()
    if touch and now - record.last_seen_at >= min(timedelta(minutes=1), _idle() / 10):
        with separate_transaction() as conn:
            conn.execute(
                update(UserSession.__table__)  # type: ignore[arg-type]  # a Table, typed as FromClause
                .where(UserSession.__table__.c.id == record.id)
                .values(last_seen_at=now)
            )
    user.session_token = raw
    return user


def session_seconds_left(raw: str | None) -> int:
    """Seconds until this session ends if nothing more is asked of it (0: ended)."""
    if not raw:
        return 0
    row = db.session.execute(_live_session(raw)).first()
    if row is None:
        return 0
    record = row[1]
    end = min(record.last_seen_at + _idle(), record.expires_at)
    return max(0, math.ceil((end - utcnow()).total_seconds()))


def keep_session(raw: str) -> None:
    """The user asked to stay logged in: the idle period starts again now."""
    db.session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(raw), UserSession.ended_at.is_(None))
        .values(last_seen_at=utcnow())
    )


def end_session(actor: User) -> None:
    """The actor logs out: their session (the one of this request) ends."""
    raw = actor.session_token
    if not raw:
        return
    db.session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(raw), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_sessions(actor: User, user: User) -> None:
    """Every session of `user` ends: the user themselves (a new password), or an admin or
    their municipality's HR contact (an account deactivated; whom exactly an HR contact
    may manage is the account gate's rule, which `people.services.set_active` asks first:
    auth is a floor below it)."""
    own = actor.id == user.id
    manages = actor.is_admin or (actor.is_hr and actor.municipality_id == user.municipality_id)
    if not (own or manages):
        raise not_allowed()
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


# --- passwords ------------------------------------------------------------------------


def check_new_password(user: User, password: str) -> None:
    """The one check of every new password: an invitation accepted, a reset, a change and
    an account created with one (`flask create-admin`) all come here."""
    if len(password) < MIN_LENGTH:
        raise ServiceError(
            _("Lösenordet måste ha minst %(n)s tecken.", n=MIN_LENGTH), field="password"
        )
    if len(password) > MAX_LENGTH:
        raise ServiceError(
            _("Lösenordet får ha högst %(n)s tecken.", n=MAX_LENGTH), field="password"
        )
    if password.strip().lower() == user.email.lower():
        raise ServiceError(_("Lösenordet får inte vara din e-postadress."), field="password")
    if is_common(password):
        raise ServiceError(
            _("Lösenordet är ett av de vanligaste eller har läckt vid ett dataintrång, så det "
              "är lätt att gissa. Välj ett annat, gärna några ord som bara du sätter ihop."),
            field="password",
        )


def set_password(actor: User, password: str) -> None:
    """The actor's own new password (no one sets another's: an admin sends an invitation);
    every session of theirs ends (copied cookies stop working)."""
    check_new_password(actor, password)
    actor.password_hash = hash_password(password)
    end_all_sessions(actor, actor)
    db.session.flush()


def change_password(actor: User, current: str, new: str) -> None:
    """The logged-in actor changes their own password, proving the current one."""
    if not verify_password(actor.password_hash, current):
        raise ServiceError(_("Nuvarande lösenord stämmer inte."), field="current_password")
    set_password(actor, new)


# --- tokens: invitations and resets ---------------------------------------------------


def issue_token(actor: User | None, user: User, purpose: str) -> str:
    """A new link for `user` (an invitation, a reset), issued by an admin or an HR contact
    (kept as the link's `created_by`); `actor` None is the system. A new link replaces the
    old ones of the same purpose."""
    if actor is not None and not (actor.is_admin or actor.is_hr):
        raise not_allowed()
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
            created_by_id=actor.id if actor else None,
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
    # The holder proved the link: from here on they act as the account's own person.
    set_password(user, password)
    token.used_at = utcnow()
    db.session.flush()
    return user


@to_recipient("user")
def send_invitation(actor: User | None, user: User, invited_to: Any = None) -> None:
    """The invitation with the link to choose a password. `invited_to` names what the person
    is invited to (a lazy string, so that it is written in the recipient's language:
    "omgången Hösten 2026 av mentorsprogrammet"); without it, the tool itself."""
    raw = issue_token(actor, user, INVITE)
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


def _insert(model: Any, values: dict[str, Any], real: bool) -> None:
    """INSERT the row; or, when not `real`, the same INSERT from a SELECT that yields no
    row: the same statement on the same table and indexes, writing nothing."""
    if real:
        db.session.execute(insert(model).values(**values))
        return
    columns = model.__table__.c
    rows = select(*[literal(v, columns[k].type) for k, v in values.items()]).where(false())
    db.session.execute(insert(model).from_select(list(values), rows))


@to_recipient("user")
def _reset_link(user: User | None, email: str) -> None:
    """The work of a reset request, done alike whether the account exists or not (ASVS
    6.3.8: the answer's time must not tell): a token made, earlier ones ended, the token
    and the message written. For an unknown address the statements change no row and no
    message is queued, so nobody is mailed who did not ask for an account."""
    real = user is not None
    raw, digest = new_token()
    db.session.execute(
        update(UserToken)
        .where(UserToken.user_id == (user.id if user else 0), UserToken.purpose == RESET,
               UserToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    now = utcnow()
    _insert(UserToken, {
        "token_hash": digest, "purpose": RESET, "user_id": user.id if user else 0,
        "created_by_id": None, "created_at": now, "attempts": 0,
        "expires_at": now + timedelta(hours=current_app.config["RESET_VALID_HOURS"]),
    }, real)
    link = external_url("auth.reset_password", token=raw)
    body = _(
        "Hej %(name)s!\n\nNågon (förhoppningsvis du) bad om ett nytt lösenord. Välj ett "
        "nytt här (länken gäller i %(hours)s timmar och kan användas en gång):\n\n"
        "%(link)s\n\nOm det inte var du kan du bortse från det här meddelandet.",
        name=user.name if user else email,
        hours=current_app.config["RESET_VALID_HOURS"],
        link=link,
    )
    _insert(OutboxMessage, message_values(email, _("Återställ ditt lösenord"), body), real)


def request_password_reset(email: str) -> None:
    """Queues a reset link if the account exists; says nothing either way, and takes the
    same time either way."""
    user = find_user_by_email(email)
    if user is not None and not user.active:
        user = None
    _reset_link(user, user.email if user else normalise_email(email))


# --- creating users -------------------------------------------------------------------


@dataclass(frozen=True)
class NewUser:
    email: str
    name: str
    municipality_id: int
    roles: tuple[str, ...]


def create_user(actor: User | None, cmd: NewUser, password: str | None = None) -> User:
    """A new account. `actor` None is the system (the demo, `flask create-admin`, a test's
    set-up); a person creates accounts only as an admin, or as HR in their municipality."""
    if actor is not None and not (
            actor.is_admin or (actor.is_hr and actor.municipality_id == cmd.municipality_id)):
        raise not_allowed()
    email = normalise_email(cmd.email)
    if email.endswith(ERASED_DOMAIN):
        raise ServiceError(_("Skriv e-postadressen som namn@exempel.se."), field="email")
    exists = db.session.scalar(select(func.count()).select_from(User).where(User.email == email))
    if exists:
        raise ServiceError(_("Det finns redan ett konto med den e-postadressen."), field="email")
    user = User(email=email, name=cmd.name.strip(), municipality_id=cmd.municipality_id)
    user.roles = [UserRole(role=r) for r in sorted(set(cmd.roles))]
    if password is not None:
        check_new_password(user, password)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    return user
