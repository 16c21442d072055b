"""Published pairs as each user may see them, and the mentor talks they log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel.lists import format_list
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from mentorship.auth.models import User
from mentorship.db import swedish, utcnow
from mentorship.extensions import db
from mentorship.mentoring.enrolment.services import my_enrolments
from mentorship.mentoring.models import (
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
    MentorTalk,
    Workshop,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.pagination import paginate
from mentorship.refusals import ServiceError
from mentorship.timezones import day_start, local_date


def visible_pairs(actor: User) -> Select:
    """Admins: every pair; everyone else: the pairs they are part of."""
    query = select(MentorPair).options(
        joinedload(MentorPair.adept), joinedload(MentorPair.mentor)
    )
    if actor.is_admin:
        return query
    a, m = aliased(Enrolment), aliased(Enrolment)
    return (
        query.join(a, a.id == MentorPair.adept_id)
        .join(m, m.id == MentorPair.mentor_id)
        .where(or_(a.user_id == actor.id, m.user_id == actor.id))
    )


def get_pair(actor: User, pair_id: int) -> MentorPair | None:
    return db.session.scalars(visible_pairs(actor).where(MentorPair.id == pair_id)).unique().first()


def my_pairs(actor: User) -> list[MentorPair]:
    """The actor's own pairs (as adept or mentor), newest round first."""
    # Join from the actor's own enrolments (index on user_id) to the pairs they are in
    # (indexes on adept_id and mentor_id); an OR across two joined aliases would make
    # PostgreSQL scan every pair (35 ms per start page in the load test).
    mine = aliased(Enrolment)
    query = (
        select(MentorPair)
        .join(mine, or_(mine.id == MentorPair.adept_id, mine.id == MentorPair.mentor_id))
        .where(mine.user_id == actor.id)
        .options(joinedload(MentorPair.adept), joinedload(MentorPair.mentor))
        .order_by(MentorPair.round_id.desc(), MentorPair.id.desc())
    )
    return list(db.session.scalars(query).unique())


@dataclass(frozen=True)
class TalkView:
    id: int
    pair_id: int
    held_on: date
    minutes: int
    author: str
    mine: bool
    note: str | None  # only for the writer


def talks_of(actor: User, pair_ids: list[int]) -> dict[int, list[TalkView]]:
    """Talks of the given pairs; a private note is shown to its writer only."""
    if not pair_ids:
        return {}
    rows = db.session.execute(
        select(MentorTalk, User.name)
        .outerjoin(User, User.id == MentorTalk.author_id)
        .where(MentorTalk.pair_id.in_(pair_ids))
        .order_by(MentorTalk.held_on.desc(), MentorTalk.id.desc())
    )
    result: dict[int, list[TalkView]] = {}
    for talk, author in rows:
        mine = talk.author_id == actor.id
        result.setdefault(talk.pair_id, []).append(
            TalkView(
                talk.id,
                talk.pair_id,
                talk.held_on,
                talk.minutes,
                author or "",
                mine,
                (talk.private_note or None) if mine else None,
            )
        )
    return result


@dataclass(frozen=True)
class NewTalk:
    held_on: date
    minutes: int
    private_note: str = ""


def earliest_talk_day(round_: MentorRound, pair: MentorPair) -> date:
    """A pair may log talks from the day it was published (in Swedish time), or from a
    month before the round starts if that is earlier."""
    day = local_date(pair.published_at)
    return min(day, round_.starts_on - timedelta(days=31))


def check_talk(round_: MentorRound, pair: MentorPair, cmd: NewTalk,
               today: date | None = None) -> None:
    """A talk's date and length, the same whether it is logged or edited."""
    if cmd.held_on > (today or date.today()):
        raise ServiceError(_("Datumet kan inte vara i framtiden."), field="held_on")
    earliest = earliest_talk_day(round_, pair)
    if cmd.held_on < earliest:
        raise ServiceError(
            _("Datumet är för tidigt: samtal kan loggas från och med %(day)s.",
              day=format_date(earliest)),
            field="held_on",
        )
    if not 5 <= cmd.minutes <= 600:
        raise ServiceError(_("Skriv längden i minuter, 5–600."), field="minutes")


def talk_exists() -> str:
    return _("Du har redan loggat ett samtal den dagen.")


def refuse_second_talk(pair_id: int, author_id: int, held_on: date,
                       talk_id: int | None = None) -> None:
    """One talk a day per writer and pair (a unique index holds it against races too)."""
    if db.session.scalar(select(MentorTalk.id).where(
        MentorTalk.pair_id == pair_id, MentorTalk.author_id == author_id,
        MentorTalk.held_on == held_on, MentorTalk.id != (talk_id or 0),
    )):
        raise ServiceError(talk_exists(), field="held_on")


def log_talk(actor: User, pair: MentorPair, cmd: NewTalk, today: date | None = None) -> MentorTalk:
    if actor.id not in (pair.adept.user_id, pair.mentor.user_id):
        raise ServiceError(_("Bara paret självt kan logga sina samtal."))
    round_ = db.session.get_one(MentorRound, pair.round_id)
    require_state(round_, PUBLISHED, RUNNING, action=_("logga ett mentorssamtal"))
    if pair.ended_at is not None:
        raise ServiceError(_("Paret är avslutat."))
    check_talk(round_, pair, cmd, today)
    refuse_second_talk(pair.id, actor.id, cmd.held_on)
    talk = MentorTalk(
        pair_id=pair.id,
        author_id=actor.id,
        held_on=cmd.held_on,
        minutes=cmd.minutes,
        private_note=(cmd.private_note or "").strip(),
    )
    db.session.add(talk)
    db.session.flush()
    return talk


# --- the admin's overview --------------------------------------------------------------


@dataclass(frozen=True)
class PairOverview:
    pair: MentorPair
    talks: int
    last_talk: date | None


#: The one rule for a "silent" pair (the nightly reminder, the reminders page, the start
#: page, the dashboard and the pair list's default): no talk in this many weeks, counted
#: from the later of the pair's last talk and publishing (never from the round's start:
#: a pair published yesterday is not silent).
SILENT_WEEKS = 6


def silent_since(no_talk_weeks: int, today: date | None = None) -> datetime:
    """The moment before which a pair's last sign of life makes it silent (UTC)."""
    return day_start((today or local_date(utcnow())) - timedelta(weeks=no_talk_weeks))


BY_NAME, BY_SCORE = "namn", "poang"  # the pair list's orders (adept name; best score first)


def _pair_overview_query(round_: MentorRound, no_talk_weeks: int | None, today: date | None,
                         order: str = BY_NAME) -> Select:
    adept_enrolment, adept_user = aliased(Enrolment), aliased(User)
    stats = (
        select(
            MentorTalk.pair_id.label("pair_id"),
            func.count(MentorTalk.id).label("n"),
            func.max(MentorTalk.held_on).label("last"),
        )
        .join(MentorPair, MentorPair.id == MentorTalk.pair_id)
        .where(MentorPair.round_id == round_.id)  # this round's talks only
        .group_by(MentorTalk.pair_id)
        .subquery()
    )
    query = (
        select(MentorPair, stats.c.n, stats.c.last)
        .outerjoin(stats, stats.c.pair_id == MentorPair.id)
        .join(adept_enrolment, adept_enrolment.id == MentorPair.adept_id)
        .join(adept_user, adept_user.id == adept_enrolment.user_id)
        .where(MentorPair.round_id == round_.id)
        .options(joinedload(MentorPair.adept), joinedload(MentorPair.mentor))
        .order_by(MentorPair.ended_at.is_not(None))
    )
    if order == BY_SCORE:
        query = query.order_by(MentorPair.score.desc())
    query = query.order_by(swedish(adept_user.name), MentorPair.id)
    if no_talk_weeks is not None:
        since = silent_since(no_talk_weeks, today)
        query = query.where(
            MentorPair.ended_at.is_(None),
            # silent since the later of publishing and the last talk (a talk may be
            # dated before publishing: it does not make a new pair silent)
            MentorPair.published_at < since,
            or_(stats.c.last.is_(None), stats.c.last < local_date(since)),
        )
    return query


def pair_overview(round_: MentorRound, no_talk_weeks: int | None = None,
                  today: date | None = None) -> list[PairOverview]:
    """Every pair of the round with its number of talks and the last one, in one query.

    With `no_talk_weeks`, only active pairs without a talk in that many weeks."""
    rows = db.session.execute(_pair_overview_query(round_, no_talk_weeks, today)).unique()
    return [PairOverview(pair, n or 0, as_date(last)) for pair, n, last in rows]


def pair_count(round_: MentorRound, no_talk_weeks: int | None = None,
               today: date | None = None) -> int:
    """How many rows `pair_overview` would give, in one query."""
    query = _pair_overview_query(round_, no_talk_weeks, today).with_only_columns(MentorPair.id)
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def pair_overview_page(round_: MentorRound, page: int, page_size: int,
                       no_talk_weeks: int | None = None, today: date | None = None,
                       order: str = BY_NAME) -> Pagination:
    """One page of `pair_overview`, for the pair list of a large round: the pairs are paged
    (db.paginate reads one entity), then one query counts the talks of that page's pairs."""
    query = _pair_overview_query(round_, no_talk_weeks, today, order).with_only_columns(
        MentorPair)
    result = paginate(query, page, page_size)
    talks: dict[int, tuple[int, date | None]] = {}
    if result.items:
        talks = {pair_id: (n, as_date(last)) for pair_id, n, last in db.session.execute(
            select(MentorTalk.pair_id, func.count(MentorTalk.id), func.max(MentorTalk.held_on))
            .where(MentorTalk.pair_id.in_([pair.id for pair in result.items]))
            .group_by(MentorTalk.pair_id)
        )}
    result.items = [PairOverview(pair, *talks.get(pair.id, (0, None))) for pair in result.items]
    return result


def as_date(value: object) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def start_summary(actor: User) -> str | None:
    """One line for the start page: the participant's newest round, partner and next event."""
    mine = my_enrolments(actor)
    if not mine:
        return None
    current = mine[0]
    parts = [current.round.name]
    pairs = [p for p in my_pairs(actor) if p.round_id == current.round_id and p.ended_at is None]
    adepts = []
    for p in pairs:
        if p.adept.user_id == actor.id:
            parts.append(_("din mentor är %(name)s (%(m)s)", name=p.mentor.user.name,
                           m=p.mentor.user.municipality.name))
        else:
            adepts.append(f"{p.adept.user.name} ({p.adept.user.municipality.name})")
    if len(adepts) == 1:
        parts.append(_("din adept är %(name)s", name=adepts[0]))
    elif adepts:  # a mentor with several adepts: one phrase, "A (X) och B (Y)"
        parts.append(_("dina adepter är %(names)s",
                       names=format_list(adepts, locale=str(get_locale() or "sv"))))
    if not pairs and current.profile_done_at is None and current.round.state in ("draft", "open"):
        parts.append(_("fyll i din profil"))
    if pairs and current.round.state in (PUBLISHED, RUNNING):
        parts.append(_next_talk([p.id for p in pairs]))
    upcoming = db.session.scalar(
        select(Workshop)
        .where(Workshop.round_id == current.round_id, Workshop.starts_at > utcnow())
        .order_by(Workshop.starts_at)
        .limit(1)
    )
    if upcoming is not None and current.round.state in (PUBLISHED, RUNNING):
        parts.append(_("nästa programworkshop %(when)s", when=format_date(upcoming.starts_at)))
    return ", ".join(parts) + "."


#: After this many weeks without a talk the start page says it is time for the next one.
TALK_DUE_WEEKS = SILENT_WEEKS


def _next_talk(pair_ids: list[int], today: date | None = None) -> str:
    """The start page's word on the next mentor talk: talks are not booked in the service,
    so it says when the last one was and whether the next one is due."""
    last = db.session.scalar(select(func.max(MentorTalk.held_on))
                             .where(MentorTalk.pair_id.in_(pair_ids)))
    if last is None:
        return _("logga ert första mentorssamtal när ni har setts")
    if last < (today or date.today()) - timedelta(weeks=TALK_DUE_WEEKS):
        return _("dags att boka nästa mentorssamtal (det senaste var %(when)s)",
                 when=format_date(last))
    return _("senaste mentorssamtalet %(when)s", when=format_date(last))
