"""Publishing the proposal (all or nothing), ending a pair and matching an adept again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, insert, select
from sqlalchemy.orm import joinedload

from mentorship.audit.services import record_created
from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.services import in_language_of, queue_mail, queue_mails
from mentorship.mentoring.codes import ENDED, PUBLISH
from mentorship.mentoring.enrolment.leaving import handle_with_pair
from mentorship.mentoring.models import (
    ADEPT,
    MATCHING,
    MENTOR,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
    ProposedPair,
)
from mentorship.mentoring.pairing.adapter import run_engine
from mentorship.mentoring.pairing.proposals import (
    latest_run,
    matchable_enrolments,
    round_input,
)
from mentorship.mentoring.pairing.reasons import reason_text
from mentorship.mentoring.rounds.services import record_transition, require_state
from mentorship.mentoring.rounds.texts import custom
from mentorship.mentoring.talks.partner import partner_text
from mentorship.refusals import ServiceError
from mentorship.urls import external_url


def _pair_mails(round_: MentorRound, adept: Enrolment, mentor: Enrolment, link: str) -> list:
    """The two messages of a new pair, each in its recipient's language."""
    mails = []
    for me, other, role in ((adept, mentor, "mentor"), (mentor, adept, "adept")):
        with in_language_of(me.user) as language:
            role_label = _("mentor") if role == "mentor" else _("adept")
            about = partner_text(other)
            own = custom(round_, PUBLISH, namn=me.user.name, omgång=round_.name,
                         roll=role_label, partner=other.user.name,
                         kommun=other.user.municipality.name, epost=other.user.email,
                         länk=link, profil=about)
            if own is not None:  # the round's own text, sent as the coordinator wrote it
                mails.append({"recipient": me.user.email, "language": language,
                              "subject": own[0], "body": own[1]})
                continue
            mails.append({
                "recipient": me.user.email,
                "language": language,
                "subject": _("Din matchning i mentorsprogrammet %(round)s", round=round_.name),
                "body": _(
                    "Hej %(name)s!\n\nDin %(role)s i omgången %(round)s är %(other)s, "
                    "%(municipality)s (%(email)s).\n\n%(about)s\n\nSe mer och boka ert "
                    "första mentorssamtal: %(link)s\n\nVänliga hälsningar\nHR-nätverket",
                    name=me.user.name,
                    role=role_label,
                    round=round_.name,
                    other=other.user.name,
                    municipality=other.user.municipality.name,
                    email=other.user.email,
                    about=about,
                    link=link,
                ),
            })
    return mails


def _tell_pair(pair: MentorPair, round_: MentorRound) -> None:
    queue_mails(_pair_mails(round_, pair.adept, pair.mentor, external_url("mentoring.mine")))


CHUNK = 500


def publish(
    actor: User | None, round_: MentorRound, progress: Callable[[int, int], None] | None = None
) -> int:
    """Saves every proposed pair and tells everyone, or (on any error) nothing at all.

    Pairs, their audit entries and the e-mails are written with a few bulk statements per
    500 pairs, not a flush per pair. The service only flushes; the caller (a view, or the
    publish job) commits once, so a failure anywhere leaves the database as it was.
    """
    require_state(round_, MATCHING, action=_("publicera"))
    run = latest_run(round_)
    if run is None:
        raise ServiceError(_("Kör matchningen först; det finns inget förslag att publicera."))
    rows = db.session.execute(
        select(
            ProposedPair.adept_id, ProposedPair.mentor_id, ProposedPair.score,
            ProposedPair.contributions, ProposedPair.reasons,
        )
        .where(ProposedPair.run_id == run.id, ProposedPair.mentor_id.is_not(None))
        .order_by(ProposedPair.id)
    ).all()
    if not rows:
        raise ServiceError(_("Förslaget har inga par att publicera."))
    people = {
        e.id: e
        for e in db.session.scalars(
            select(Enrolment)
            .where(Enrolment.round_id == round_.id)
            .options(joinedload(Enrolment.user))
        ).unique()
    }
    link = external_url("mentoring.mine")
    now = utcnow()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        ids = db.session.scalars(
            insert(MentorPair).returning(MentorPair.id),
            [
                {
                    "round_id": round_.id,
                    "adept_id": row.adept_id,
                    "mentor_id": row.mentor_id,
                    "score": row.score or 0.0,
                    "contributions": dict(row.contributions or {}),
                    "reasons": list(row.reasons or []),
                    "published_at": now,
                }
                for row in chunk
            ],
        ).all()
        record_created(actor, MentorPair.__tablename__, ids)
        mails = []
        for row in chunk:
            mails += _pair_mails(round_, people[row.adept_id], people[row.mentor_id], link)
        queue_mails(mails)
        if progress is not None:
            progress(start + len(chunk), len(rows))
    record_transition(actor, round_, PUBLISHED)
    return len(rows)


@dataclass(frozen=True)
class EndPair:
    reason: str


def end_pair(actor: User, pair: MentorPair, cmd: EndPair) -> None:
    round_ = db.session.get_one(MentorRound, pair.round_id)
    require_state(round_, PUBLISHED, RUNNING, action=_("avsluta ett par"))
    if pair.ended_at is not None:
        raise ServiceError(_("Paret är redan avslutat."))
    reason = (cmd.reason or "").strip()
    if not reason:
        raise ServiceError(_("Skriv varför paret avslutas."), field="reason")
    pair.ended_at = utcnow()
    pair.ended_reason = reason
    pair.ended_by_id = actor.id
    handle_with_pair(pair)
    _tell_pair_ended(pair, round_)
    db.session.flush()


def _tell_pair_ended(pair: MentorPair, round_: MentorRound) -> None:
    # The reason stays with the coordinator: it may concern only one of the two.
    for me, other in ((pair.adept, pair.mentor), (pair.mentor, pair.adept)):
        with in_language_of(me.user):
            _queue_ended(me, other, round_)


def _queue_ended(me: Enrolment, other: Enrolment, round_: MentorRound) -> None:
    own = custom(round_, ENDED, namn=me.user.name, omgång=round_.name, partner=other.user.name)
    if own is not None:  # the round's own text, sent as the coordinator wrote it
        queue_mail(me.user.email, *own)
        return
    queue_mail(
        me.user.email,
        _("Ert par i mentorsprogrammet %(round)s är avslutat", round=round_.name),
        _(
            "Hej %(name)s!\n\nSamordnaren har avslutat ditt par med %(other)s i "
            "omgången %(round)s. Hör av dig till HR-nätverkets samordnare om du har "
            "frågor.\n\nVänliga hälsningar\nHR-nätverket",
            name=me.user.name,
            other=other.user.name,
            round=round_.name,
        ),
    )


def active_pair_counts(round_: MentorRound) -> dict[int, int]:
    rows = db.session.execute(
        select(MentorPair.mentor_id, func.count())
        .where(MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None))
        .group_by(MentorPair.mentor_id)
    )
    return {mentor_id: n for mentor_id, n in rows}


def staying(enrolments: list[Enrolment]) -> list[Enrolment]:
    """The people who have not asked to leave: only they are matched again, as adepts or
    as the mentors offered (the one rule for the offer and for `rematch`)."""
    return [e for e in enrolments if e.leave_requested_at is None]


def adepts_to_rematch(round_: MentorRound) -> list[Enrolment]:
    """Adepts of a published round without an active pair (ended or never matched), who
    stay in the round (never the one who asked to leave)."""
    active = select(MentorPair.adept_id).where(
        MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None)
    )
    paired = set(db.session.scalars(active))
    return [e for e in staying(matchable_enrolments(round_))
            if e.role == ADEPT and e.id not in paired]


def rematch(actor: User, round_: MentorRound, adept: Enrolment) -> MentorPair:
    """Matches one adept among the mentors with free places; other pairs are untouched."""
    require_state(round_, PUBLISHED, RUNNING, action=_("matcha om"))
    if adept.round_id != round_.id or adept.role != ADEPT:
        raise ServiceError(_("Välj en adept i omgången."))
    if not staying([adept]):
        raise ServiceError(_("%(name)s har bett att få lämna omgången och matchas inte om.",
                             name=adept.user.name))
    pairs_of_adept = list(
        db.session.scalars(select(MentorPair).where(MentorPair.adept_id == adept.id))
    )
    if any(p.ended_at is None for p in pairs_of_adept):
        raise ServiceError(_("Adepten har redan en mentor. Avsluta paret först."))
    used = active_pair_counts(round_)
    mentors = [
        e
        for e in staying(matchable_enrolments(round_))
        if e.role == MENTOR and e.capacity - used.get(e.id, 0) > 0
    ]
    if not mentors:
        raise ServiceError(_("Det finns ingen mentor med ledig plats."))
    data = round_input(
        round_, [adept, *mentors],
        capacities={m.id: m.capacity - used.get(m.id, 0) for m in mentors},
    )
    # Not the mentor(s) the adept already had (forbidden, marked and earlier pairs are
    # excluded by round_input).
    data.excludes.setdefault(adept.id, set()).update(p.mentor_id for p in pairs_of_adept)
    data.locks.pop(adept.id, None)  # an old lock does not apply to a re-match
    result = run_engine(data, round_.weights, round_.min_score)
    if not result.pairs:
        reason = reason_text(result.unmatched[0].reason.to_dict()) if result.unmatched else ""
        raise ServiceError(_("Ingen ny mentor hittades: %(reason)s", reason=reason))
    found = result.pairs[0]
    mentor = next(m for m in mentors if str(m.id) == found.mentor_id)
    pair = MentorPair(
        round_id=round_.id,
        adept_id=adept.id,
        mentor_id=mentor.id,
        score=round(float(found.score), 2),
        contributions={k: round(float(v), 2) for k, v in found.contributions.items()},
        reasons=[r.to_dict() for r in found.reasons],
    )
    pair.adept, pair.mentor = adept, mentor
    db.session.add(pair)
    db.session.flush()
    _tell_pair(pair, round_)
    return pair
