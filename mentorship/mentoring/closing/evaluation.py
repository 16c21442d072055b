"""Closing a round: the evaluation (opened and closed by the coordinator; figures from fewer
than 5 answers are hidden) and the nominations for "Årets mentor"."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination
from mentorship.mentoring.labels import group_labels
from mentorship.mentoring.models import (
    ADEPT,
    CLOSED,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.mentoring.rounds.texts import question_labels as round_labels
from mentorship.refusals import ServiceError
from mentorship.small_groups import Figure, figure, shown

QUESTIONS = ("overall", "matching", "talks", "workshops")


@dataclass(frozen=True)
class Answer:
    overall: int
    matching: int
    talks: int
    workshops: int
    comment: str = ""


def own_enrolment_in(actor: User, round_: MentorRound) -> Enrolment | None:
    return db.session.scalar(
        select(Enrolment).where(Enrolment.round_id == round_.id, Enrolment.user_id == actor.id)
    )


def has_answered(enrolment: Enrolment) -> bool:
    return db.session.scalar(
        select(EvaluationAnswer.id).where(EvaluationAnswer.enrolment_id == enrolment.id)
    ) is not None


def answer(actor: User, round_: MentorRound, cmd: Answer) -> EvaluationAnswer:
    if not round_.evaluation_open:
        raise ServiceError(_("Utvärderingen är inte öppen."))
    enrolment = own_enrolment_in(actor, round_)
    if enrolment is None:
        raise ServiceError(_("Du är inte med i den här omgången."))
    if has_answered(enrolment):
        raise ServiceError(_("Du har redan svarat. Tack!"))
    for q in QUESTIONS:
        if getattr(cmd, q) not in (1, 2, 3, 4, 5):
            raise ServiceError(_("Välj ett betyg 1–5."), field=q)
    row = EvaluationAnswer(
        round_id=round_.id,
        enrolment_id=enrolment.id,
        overall=cmd.overall,
        matching=cmd.matching,
        talks=cmd.talks,
        workshops=cmd.workshops,
        comment=(cmd.comment or "").strip(),
    )
    db.session.add(row)
    db.session.flush()
    return row


@dataclass(frozen=True)
class Results:
    answers: int
    figures: list[Figure]
    comments: list[str] | None  # None when hidden

    @property
    def shown(self) -> bool:
        return shown(self.answers)


def results(round_: MentorRound) -> Results:
    """Counts and averages per question, for everyone and per role; small groups hidden."""
    rows = db.session.execute(
        select(EvaluationAnswer, Enrolment.role)
        .join(Enrolment, Enrolment.id == EvaluationAnswer.enrolment_id)
        .where(EvaluationAnswer.round_id == round_.id)
        .order_by(EvaluationAnswer.id)
    ).all()
    labels = round_labels(round_)
    groups = group_labels()
    figures = []
    for key in QUESTIONS:
        for group, group_label in groups.items():
            values = [getattr(a, key) for a, role in rows if group == "all" or role == group]
            figures.append(figure(key, f"{labels[key]} ({group_label})", group, values))
    comments = None
    if shown(len(rows)):
        comments = sorted(a.comment for a, _role in rows if a.comment)
    return Results(len(rows), figures, comments)


def set_evaluation_open(actor: User, round_: MentorRound, open_: bool) -> None:
    require_state(round_, RUNNING, CLOSED, action=_("öppna utvärderingen"))
    round_.evaluation_open = open_
    db.session.flush()


# --- Årets mentor ----------------------------------------------------------------------


@dataclass(frozen=True)
class NominationData:
    mentor_id: int
    text: str
    quote_consent: bool = False  # the text may be quoted in the annual report


def my_mentors(actor: User, round_: MentorRound) -> list[Enrolment]:
    """The mentors the actor (as adept) has been paired with in the round."""
    enrolment = own_enrolment_in(actor, round_)
    if enrolment is None or enrolment.role != ADEPT:
        return []
    pairs = db.session.scalars(
        select(MentorPair)
        .where(MentorPair.adept_id == enrolment.id)
        .options(joinedload(MentorPair.mentor))
        .order_by(MentorPair.id)
    ).unique()
    return [p.mentor for p in pairs]


def own_nomination(actor: User, round_: MentorRound) -> Nomination | None:
    enrolment = own_enrolment_in(actor, round_)
    if enrolment is None:
        return None
    return db.session.scalar(select(Nomination).where(Nomination.adept_id == enrolment.id))


def nominate(actor: User, round_: MentorRound, cmd: NominationData) -> Nomination:
    require_state(round_, PUBLISHED, RUNNING, CLOSED, action=_("nominera Årets mentor"))
    mentors = {m.id: m for m in my_mentors(actor, round_)}
    if not mentors:
        raise ServiceError(_("Bara en adept med en mentor i omgången kan nominera."))
    if cmd.mentor_id not in mentors:
        raise ServiceError(_("Du kan bara nominera din egen mentor."), field="mentor_id")
    text = (cmd.text or "").strip()
    if len(text) < 20:
        raise ServiceError(_("Berätta med några meningar (minst 20 tecken)."), field="text")
    adept = own_enrolment_in(actor, round_)
    assert adept is not None  # my_mentors found pairs of the actor's enrolment
    nomination = own_nomination(actor, round_)
    if nomination is None:
        nomination = Nomination(round_id=round_.id, adept_id=adept.id)
        db.session.add(nomination)
    elif nomination.winner:
        raise ServiceError(_("Vinnaren är redan utsedd."))
    nomination.mentor_id = cmd.mentor_id
    nomination.text = text
    nomination.quote_consent = bool(cmd.quote_consent)
    db.session.flush()
    return nomination


def nominations(round_: MentorRound) -> list[Nomination]:
    return list(
        db.session.scalars(
            select(Nomination)
            .where(Nomination.round_id == round_.id)
            .options(joinedload(Nomination.adept), joinedload(Nomination.mentor))
            .order_by(Nomination.id)
        ).unique()
    )


@dataclass(frozen=True)
class NominatedMentor:
    """One nominated mentor with every nomination of them: the coordinator chooses a
    mentor, having read all the nominators' words. `id` is the first nomination's id
    (the one `choose_winner` takes); `winner` whether the mentor is Årets mentor."""

    mentor: Enrolment
    nominations: list[Nomination]

    @property
    def id(self) -> int:
        return self.nominations[0].id

    @property
    def count(self) -> int:
        return len(self.nominations)

    @property
    def winner(self) -> bool:
        return any(n.winner for n in self.nominations)


def nominated_mentors(round_: MentorRound) -> list[NominatedMentor]:
    """Each nominated mentor once, most nominations first (then in the order nominated)."""
    by_mentor: dict[int, list[Nomination]] = {}
    for n in nominations(round_):
        by_mentor.setdefault(n.mentor_id, []).append(n)
    groups = [NominatedMentor(ns[0].mentor, ns) for ns in by_mentor.values()]
    return sorted(groups, key=lambda g: -g.count)


def choose_winner(actor: User, round_: MentorRound, nomination_id: int) -> Nomination:
    require_state(round_, RUNNING, CLOSED, action=_("utse Årets mentor"))
    if round_.state == CLOSED and winner(round_) is not None:
        raise ServiceError(_("Omgången är avslutad, så Årets mentor kan inte längre ändras."))
    groups = nominated_mentors(round_)
    chosen = next((g for g in groups if any(n.id == nomination_id for n in g.nominations)),
                  None)
    if chosen is None:
        raise ServiceError(_("Nomineringen finns inte."))
    for g in groups:  # the mentor is chosen, not one nominator: their first nomination
        for n in g.nominations:
            n.winner = n.id == chosen.id
    db.session.flush()
    return chosen.nominations[0]


def winner(round_: MentorRound) -> Nomination | None:
    return db.session.scalars(
        select(Nomination)
        .where(Nomination.round_id == round_.id, Nomination.winner.is_(True))
        .options(joinedload(Nomination.mentor))
    ).first()


def winners(round_ids: list[int]) -> dict[int, Nomination]:
    """round id -> its Årets mentor, for the rounds that have one (one query)."""
    if not round_ids:
        return {}
    return {
        n.round_id: n
        for n in db.session.scalars(
            select(Nomination)
            .where(Nomination.round_id.in_(round_ids), Nomination.winner.is_(True))
            .options(joinedload(Nomination.mentor))
        ).unique()
    }
