"""What the mentor programme holds about a person: export (privacy_export.py), erasure and
retention purge; this module is the programme's privacy provider
(mentorship/privacy/providers.py).

Erasure and expiry keep the rows that the round's figures count (enrolments, pairs,
talks, sign-ups, evaluation ratings) and remove what identifies or describes the person:
the profile, free text (notes, comments, nominations, reasons) and, on expiry, the link
to the account (the enrolment is moved to an inactive placeholder account in the same
municipality, so the figures per municipality stay as they were). Enrolments in rounds
that were never published hold no figures and are deleted on erasure.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import delete, func, or_, select

from mentorship.auth.models import ERASED_NAME, User, erased_email
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination
from mentorship.mentoring.fit_models import FitCheck
from mentorship.mentoring.models import (
    CLOSED,
    DRAFT,
    MATCHING,
    OPEN,
    Enrolment,
    MatchRule,
    MatchRun,
    MentorPair,
    MentorRound,
    MentorTalk,
    ProposedPair,
    RoundTransition,
)
from mentorship.mentoring.privacy_export import export
from mentorship.mentoring.rounds.log import Reminder, RoundChange
from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion
from mentorship.privacy.retention import Periods
from mentorship.search import starts_with

MARK = "gallrad-"  # external_id of an anonymised enrolment
UNPUBLISHED = (DRAFT, OPEN, MATCHING)
# Kinds in the purge log (purge_log.kind holds 40 characters).
REMOVED = "mentorsprogram: anmälningar borttagna"
ANONYMISED = "mentorsprogram: profiler anonymiserade"
NOTES = "mentorsprogram: samtalsanteckningar"
TRACES = "mentorsprogram: samordnarspår"
ENDED = "mentorsprogram: par avslutade"
KINDS = (REMOVED, ANONYMISED, NOTES, TRACES, ENDED)
__all__ = ["KINDS", "erase", "expire", "export"]


# --- erasure and expiry ------------------------------------------------------------------


def _anonymise(enrolments: list[Enrolment], detach: bool) -> int:
    """Removes profile, free text and (with `detach`) the account link; keeps the rows."""
    todo = [e for e in enrolments if not e.external_id.startswith(MARK)]
    if not todo:
        return 0
    ids = [e.id for e in todo]
    owners = {e.id: e.user_id for e in todo}
    for e in todo:
        e.external_id = f"{MARK}{e.id}"
        e.business_area = ""
        e.level = 1
        e.years_as_manager = 0
        e.goals = []
        e.languages = []
        e.gender = None
        e.gender_preference = None
        e.meeting_mode = "either"
        e.leave_reason = ""
        e.presentation = e.develop_text = e.offer_text = ""
        e.profile_visible = False
    # Whom the person wished for goes; a mark keeps the rule, without its reason.
    db.session.execute(delete(AdeptWish).where(AdeptWish.adept_id.in_(ids)))
    for mark in db.session.scalars(
        select(MentorExclusion).where(
            or_(MentorExclusion.adept_id.in_(ids), MentorExclusion.mentor_id.in_(ids)))
    ):
        mark.reason = ""
    for answer in db.session.scalars(
        select(EvaluationAnswer).where(EvaluationAnswer.enrolment_id.in_(ids))
    ):
        answer.comment = ""
    for nomination in db.session.scalars(
        select(Nomination).where(or_(Nomination.adept_id.in_(ids), Nomination.mentor_id.in_(ids)))
    ):
        nomination.text = ""
    # The fit check's answer stays for the round's counted figures; the note goes, and on
    # expiry the trace of who handled it.
    for check in db.session.scalars(select(FitCheck).where(FitCheck.enrolment_id.in_(ids))):
        check.note = ""
        if detach:
            check.handled_by_id = None
    for rule in db.session.scalars(
        select(MatchRule).where(or_(MatchRule.adept_id.in_(ids), MatchRule.mentor_id.in_(ids)))
    ):
        rule.reason = ""
    for proposed in db.session.scalars(
        select(ProposedPair).where(
            or_(ProposedPair.adept_id.in_(ids), ProposedPair.mentor_id.in_(ids))
        )
    ):
        proposed.reasons = []
        if proposed.unmatched_reason:
            proposed.unmatched_reason = ""
    pairs = db.session.scalars(
        select(MentorPair).where(or_(MentorPair.adept_id.in_(ids), MentorPair.mentor_id.in_(ids)))
    ).all()
    for pair in pairs:
        pair.reasons = []
        if pair.ended_reason:
            pair.ended_reason = ""
    # The person's own talk notes in these pairs.
    side: dict[tuple[int, int | None], int] = {}
    for pair in pairs:
        for enrolment_id in (pair.adept_id, pair.mentor_id):
            if enrolment_id in owners:
                side[(pair.id, owners[enrolment_id])] = enrolment_id
    authored: list[tuple[MentorTalk, int]] = []
    if side:
        for talk in db.session.scalars(
            select(MentorTalk).where(MentorTalk.pair_id.in_({p for p, _u in side}))
        ):
            own_id = side.get((talk.pair_id, talk.author_id))
            if own_id is not None:
                talk.private_note = ""
                authored.append((talk, own_id))
    if detach:
        by_enrolment = {}
        for e in todo:
            placeholder = User(
                email=erased_email(f"m{e.id}"),
                name=ERASED_NAME,
                municipality_id=e.user.municipality_id,
                password_hash=None,
                active=False,
                is_erased=True,
            )
            db.session.add(placeholder)
            by_enrolment[e.id] = placeholder
        db.session.flush()
        for e in todo:
            e.user_id = by_enrolment[e.id].id
        for talk, enrolment_id in authored:
            talk.author_id = by_enrolment[enrolment_id].id
    db.session.flush()
    return len(todo)


def _end_pairs(enrolment_ids: list[int]) -> int:
    """An erased person's active pairs end (the partner is then matched again)."""
    ended = 0
    for pair in db.session.scalars(select(MentorPair).where(
        MentorPair.ended_at.is_(None),
        or_(MentorPair.adept_id.in_(enrolment_ids), MentorPair.mentor_id.in_(enrolment_ids)),
    )):
        pair.ended_at = utcnow()
        pair.ended_reason = ""
        ended += 1
    return ended


def erase(user_ids: list[int]) -> dict[str, int]:
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(Enrolment, MentorRound.state)
        .join(MentorRound, MentorRound.id == Enrolment.round_id)
        .where(Enrolment.user_id.in_(user_ids))
    ).all()
    ended = _end_pairs([e.id for e, state in rows if state not in UNPUBLISHED])
    unpublished = [e.id for e, state in rows if state in UNPUBLISHED]
    if unpublished:
        db.session.execute(delete(Enrolment).where(Enrolment.id.in_(unpublished)))
    anonymised = _anonymise([e for e, state in rows if state not in UNPUBLISHED], detach=False)
    notes = 0
    for talk in db.session.scalars(
        select(MentorTalk).where(MentorTalk.author_id.in_(user_ids), MentorTalk.private_note != "")
    ):
        talk.private_note = ""
        notes += 1
    db.session.flush()
    counts = {
        REMOVED: len(unpublished),
        ANONYMISED: anonymised,
        NOTES: notes,
        ENDED: ended,
    }
    return {k: v for k, v in counts.items() if v}


def closed_at() -> dict[int, datetime]:
    """When each closed round was closed (its last transition to closed, else its end)."""
    rounds = db.session.execute(
        select(MentorRound.id, MentorRound.ends_on).where(MentorRound.state == CLOSED)
    ).all()
    if not rounds:
        return {}
    closed = dict(
        db.session.execute(
            select(RoundTransition.round_id, func.max(RoundTransition.at))
            .where(RoundTransition.to_state == CLOSED)
            .group_by(RoundTransition.round_id)
        ).all()
    )
    result = {}
    for round_id, ends_on in rounds:
        at = closed.get(round_id) or datetime.combine(ends_on, time.max)
        result[round_id] = at if at.tzinfo else at.replace(tzinfo=UTC)
    return result


def expire(now: datetime, periods: Periods) -> dict[str, int]:
    closed = closed_at()
    if not closed:
        return {}
    rows = db.session.execute(
        select(Enrolment, User.municipality_id)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.round_id.in_(list(closed)), ~starts_with(Enrolment.external_id, MARK))
        .order_by(Enrolment.id)
    ).all()
    old = [
        e for e, municipality_id in rows
        if closed[e.round_id] < periods.cutoff(now, municipality_id, "mentor_round")
    ]
    anonymised = _anonymise(old, detach=True)
    # Which coordinator did what in the round: kept as long as the round's data.
    municipality = dict(db.session.execute(select(User.id, User.municipality_id)).all())
    traces = 0
    model: Any  # one of several models, each with round_id and the column
    for model, column in (
        (RoundTransition, "actor_id"),
        (RoundChange, "actor_id"),
        (Reminder, "actor_id"),
        (MatchRun, "created_by_id"),
        (MatchRule, "created_by_id"),
        (MentorPair, "ended_by_id"),
    ):
        for row in db.session.scalars(
            select(model).where(
                model.round_id.in_(list(closed)), getattr(model, column).is_not(None)
            )
        ):
            actor = getattr(row, column)
            if closed[row.round_id] < periods.cutoff(now, municipality.get(actor), "mentor_round"):
                setattr(row, column, None)
                traces += 1
    db.session.flush()
    counts = {
        ANONYMISED: anonymised,
        TRACES: traces,
    }
    return {k: v for k, v in counts.items() if v}
