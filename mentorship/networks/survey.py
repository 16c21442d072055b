"""The recurring survey to all members of all networks (at least every other year).

Ratings 1-5 per question; the questions are editable until the survey opens. Results per
network and overall use the small-group rule of the mentor evaluation (`mentorship.small_groups`):
no figure and no comments from fewer than five answers. The secretariat (admins) sets up,
opens and closes it; each change takes the acting user first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mail.services import queue_mail
from mentorship.networks.models import (
    ACTIVE,
    CLOSED,
    Network,
    NetworkMember,
    NetworkSurvey,
    NetworkSurveyAnswer,
)
from mentorship.refusals import ServiceError, require_admin
from mentorship.small_groups import MIN_ANSWERS, Figure, figure
from mentorship.urls import external_url

# A network without answers in a survey opened within this many days is flagged.
SURVEY_INTERVAL = timedelta(days=730)


def default_questions() -> list[str]:
    """From the checklist's intent; stored in the survey, where they can be edited."""
    return [
        _("Bidrar nätverket till samarbetets syfte?"),
        _("Är nätverkets syfte tydligt?"),
        _("Fungerar nätverkets mötesorganisation?"),
        _("Skulle du rekommendera andra att delta i nätverket?"),
    ]


def _questions(texts: Sequence[str]) -> list[dict]:
    cleaned = [t.strip() for t in texts if t and t.strip()]
    if not cleaned:
        raise ServiceError(_("Enkäten behöver minst en fråga."), "questions")
    if len(cleaned) > 12:
        raise ServiceError(_("Enkäten kan ha högst 12 frågor."), "questions")
    return [{"key": f"q{i}", "text": t} for i, t in enumerate(cleaned, start=1)]


@dataclass(frozen=True)
class SurveyText:
    title: str
    questions: Sequence[str]  # one text per question; empty lines are dropped


def create_survey(actor: User, cmd: SurveyText) -> NetworkSurvey:
    require_admin(actor)
    title = (cmd.title or "").strip()
    if not title:
        raise ServiceError(_("Ge enkäten en rubrik."), "title")
    survey = NetworkSurvey(title=title, questions=_questions(cmd.questions))
    db.session.add(survey)
    db.session.flush()
    return survey


def update_survey(actor: User, survey: NetworkSurvey, cmd: SurveyText) -> None:
    require_admin(actor)
    if survey.opened_on is not None:
        raise ServiceError(_("Frågorna kan inte ändras när enkäten har öppnats."))
    if not (cmd.title or "").strip():
        raise ServiceError(_("Ge enkäten en rubrik."), "title")
    survey.title = cmd.title.strip()
    survey.questions = _questions(cmd.questions)
    db.session.flush()


def surveys() -> list[NetworkSurvey]:
    return list(db.session.scalars(select(NetworkSurvey).order_by(NetworkSurvey.id.desc())))


def open_survey(actor: User, survey: NetworkSurvey, on: date) -> int:
    """Opens the survey and e-mails every current member with an account (only they can
    log in and answer) of every network that is not closed, once per address. Returns the
    number of e-mails queued."""
    require_admin(actor)
    if survey.opened_on is not None:
        raise ServiceError(_("Enkäten är redan öppnad."))
    survey.opened_on = on
    rows = db.session.execute(
        select(NetworkMember.email, NetworkMember.name, Network.name)
        .join(Network, Network.id == NetworkMember.network_id)
        .where(
            Network.status != CLOSED,
            NetworkMember.left_on.is_(None),
            NetworkMember.user_id.is_not(None),
            NetworkMember.email.is_not(None),
        )
        .order_by(NetworkMember.email, Network.name)
    ).all()
    by_address: dict[str, tuple[str, list[str]]] = {}
    for email, name, network in rows:
        assert email is not None  # the query keeps members with an address
        by_address.setdefault(email.lower(), (name, []))[1].append(network)
    link = external_url("networks.survey_mine")
    for email, (name, networks) in by_address.items():
        queue_mail(
            email,
            _("Enkät till nätverken: %(title)s", title=survey.title),
            _("Hej %(name)s!\n\nSamarbetets enkät till alla nätverk är öppen. Du är med i: "
              "%(networks)s.\n\nSvara här (logga in först): %(link)s\n\nResultaten redovisas "
              "bara som samlade siffror, aldrig från färre än fem svar.\n\nHälsningar\n"
              "Sekretariatet", name=name, networks=", ".join(networks), link=link),
        )
    db.session.flush()
    return len(by_address)


def close_survey(actor: User, survey: NetworkSurvey, on: date) -> None:
    require_admin(actor)
    if not survey.is_open:
        raise ServiceError(_("Enkäten är inte öppen."))
    survey.closed_on = on
    db.session.flush()


def running_surveys() -> list[NetworkSurvey]:
    """The surveys open now (opened, not closed)."""
    return list(
        db.session.scalars(
            select(NetworkSurvey)
            .where(NetworkSurvey.opened_on.is_not(None), NetworkSurvey.closed_on.is_(None))
            .order_by(NetworkSurvey.id)
        )
    )


@dataclass(frozen=True)
class ToAnswer:
    survey: NetworkSurvey
    network: Network
    member_id: int


def to_answer(actor: User) -> list[ToAnswer]:
    """Open surveys times the actor's current memberships that have no answer yet."""
    open_ = running_surveys()
    if not open_:
        return []
    memberships = db.session.execute(
        select(NetworkMember, Network)
        .join(Network, Network.id == NetworkMember.network_id)
        .where(
            NetworkMember.user_id == actor.id,
            NetworkMember.left_on.is_(None),
            Network.status != CLOSED,
        )
        .order_by(swedish(Network.name))
    ).all()
    answered = set(
        db.session.execute(
            select(NetworkSurveyAnswer.survey_id, NetworkSurveyAnswer.member_id).where(
                NetworkSurveyAnswer.member_id.in_([m.id for m, _n in memberships])
            )
        ).all()
    ) if memberships else set()
    return [
        ToAnswer(s, network, member.id)
        for s in open_
        for member, network in memberships
        if (s.id, member.id) not in answered
    ]


@dataclass(frozen=True)
class SurveyAnswer:
    network_id: int  # the network the answer is about (one of the actor's)
    ratings: Mapping[str, int]  # question key -> 1..5
    comment: str = ""


def answer(actor: User, survey: NetworkSurvey, cmd: SurveyAnswer) -> NetworkSurveyAnswer:
    """The actor's one answer for one of their networks (a current member's)."""
    network_id, ratings, comment = cmd.network_id, cmd.ratings, cmd.comment
    item = next(
        (t for t in to_answer(actor) if t.survey.id == survey.id and t.network.id == network_id),
        None,
    )
    if item is None:
        raise ServiceError(_("Du kan inte svara för det här nätverket, eller har redan svarat."))
    for q in survey.questions:
        if ratings.get(q["key"]) not in (1, 2, 3, 4, 5):
            raise ServiceError(_("Välj ett betyg 1–5."), q["key"])
    row = NetworkSurveyAnswer(
        survey_id=survey.id,
        network_id=network_id,
        member_id=item.member_id,
        ratings={q["key"]: ratings[q["key"]] for q in survey.questions},
        comment=(comment or "").strip(),
    )
    db.session.add(row)
    db.session.flush()
    return row


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkResult:
    network_id: int | None  # None: all networks
    label: str
    answers: int
    figures: list[Figure]
    comments: list[str] | None  # None when hidden


def _result(survey: NetworkSurvey, network_id, label, rows) -> NetworkResult:
    figures = [
        figure(q["key"], q["text"], "all",
                [r.ratings[q["key"]] for r in rows if q["key"] in r.ratings])
        for q in survey.questions
    ]
    comments = sorted(r.comment for r in rows if r.comment) if len(rows) >= MIN_ANSWERS else None
    return NetworkResult(network_id, label, len(rows), figures, comments)


def results(survey: NetworkSurvey, network_id: int | None = None) -> list[NetworkResult]:
    """Overall first, then one per network that had answers (or only the given network)."""
    query = select(NetworkSurveyAnswer).where(NetworkSurveyAnswer.survey_id == survey.id)
    if network_id is not None:
        query = query.where(NetworkSurveyAnswer.network_id == network_id)
    rows = list(db.session.scalars(query.order_by(NetworkSurveyAnswer.id)))
    names = dict(db.session.execute(select(Network.id, Network.name)).all())
    out = []
    if network_id is None:
        out.append(_result(survey, None, _("Alla nätverk"), rows))
        ids = sorted({r.network_id for r in rows}, key=lambda i: swedish_key(names.get(i, "")))
    else:
        ids = [network_id]
    for nid in ids:
        out.append(_result(survey, nid, names.get(nid, ""),
                           [r for r in rows if r.network_id == nid]))
    return out


def export_rows(survey: NetworkSurvey) -> list[tuple]:
    """For the group of chief executives: one row per network and question; hidden figures
    are empty."""
    rows = []
    for result in results(survey):
        for f in result.figures:
            rows.append((result.label, f.label, result.answers,
                         "" if f.hidden else f.average))
    return rows


def network_surveys(network_id: int) -> list[NetworkSurvey]:
    """The surveys in which the network got answers (for its members to read results)."""
    ids = select(NetworkSurveyAnswer.survey_id).where(NetworkSurveyAnswer.network_id == network_id)
    return list(
        db.session.scalars(
            select(NetworkSurvey).where(NetworkSurvey.id.in_(ids)).order_by(NetworkSurvey.id.desc())
        )
    )


def last_surveyed(ids: list[int]) -> dict[int, date]:
    """network id -> the opening date of the latest survey it got answers in."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(NetworkSurveyAnswer.network_id, func.max(NetworkSurvey.opened_on))
        .join(NetworkSurvey, NetworkSurvey.id == NetworkSurveyAnswer.survey_id)
        .where(NetworkSurveyAnswer.network_id.in_(ids))
        .group_by(NetworkSurveyAnswer.network_id)
    ).all()
    return {nid: opened for nid, opened in rows if opened is not None}  # (answered: opened)


def not_surveyed(on: date) -> list[tuple[Network, date | None]]:
    """Active networks without answers in a survey opened in the last two years."""
    networks = list(
        db.session.scalars(
            select(Network).where(Network.status == ACTIVE).order_by(swedish(Network.name))
        )
    )
    last = last_surveyed([n.id for n in networks])
    return [
        (n, last.get(n.id))
        for n in networks
        if last.get(n.id) is None or last[n.id] < on - SURVEY_INTERVAL
    ]
