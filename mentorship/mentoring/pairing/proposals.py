"""Matching with review: run the engine, store the proposal, lock and forbid pairs."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import aliased, joinedload

from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mentoring.enrolment import wishes as wish_service
from mentorship.mentoring.models import (
    ADEPT,
    FORBID,
    LOCK,
    MATCHING,
    MENTOR,
    Enrolment,
    MatchRule,
    MatchRun,
    MentorPair,
    MentorRound,
    ProposedPair,
)
from mentorship.mentoring.pairing.adapter import (
    EngineInput,
    earlier_pairs_into,
    figures_of,
    result_rows,
    rules_into,
    run_engine,
    wishes_into,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.pagination import paginate
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError


def _matchable(round_: MentorRound) -> tuple:
    """Enrolments of the round with a finished profile and a role (a where clause)."""
    return (
        Enrolment.round_id == round_.id,
        Enrolment.profile_done_at.is_not(None),
        Enrolment.role.in_((MENTOR, ADEPT)),
    )


def matchable_enrolments(round_: MentorRound) -> list[Enrolment]:
    """Enrolments with a finished profile and a role, in a fixed order."""
    return list(
        db.session.scalars(
            select(Enrolment)
            .where(*_matchable(round_))
            .order_by(Enrolment.id)
        ).unique()
    )


def earlier_user_pairs(round_: MentorRound) -> set[tuple[int, int]]:
    """(adept user, mentor user) of every pair published in another round between two
    people who are both in this round (no other pair can be formed again)."""
    a, m = aliased(Enrolment), aliased(Enrolment)
    in_round = select(Enrolment.user_id).where(Enrolment.round_id == round_.id)
    rows = db.session.execute(
        select(a.user_id, m.user_id)
        .select_from(MentorPair)
        .join(a, a.id == MentorPair.adept_id)
        .join(m, m.id == MentorPair.mentor_id)
        .where(
            MentorPair.round_id != round_.id,
            a.user_id.in_(in_round),
            m.user_id.in_(in_round),
        )
    )
    return {(adept, mentor) for adept, mentor in rows}


def round_rules(round_: MentorRound) -> list[MatchRule]:
    return list(
        db.session.scalars(
            select(MatchRule)
            .where(MatchRule.round_id == round_.id)
            .options(joinedload(MatchRule.adept), joinedload(MatchRule.mentor))
            .order_by(MatchRule.id)
        ).unique()
    )


def latest_run(round_: MentorRound) -> MatchRun | None:
    return db.session.scalar(
        select(MatchRun)
        .where(MatchRun.round_id == round_.id)
        .order_by(MatchRun.id.desc())
        .limit(1)
    )


def round_input(
    round_: MentorRound, enrolments: list[Enrolment], capacities: dict[int, int] | None = None
) -> EngineInput:
    """The engine's input for these people of the round, with every rule the round holds:
    the admins' locks and forbids, earlier pairs, the adepts' wishes and the mentors' "not
    this one" marks. Every run of the engine on a round (a proposal, a re-match) starts
    here, so a new kind of rule applies to all of them."""
    data = EngineInput(enrolments, capacities=dict(capacities or {}))
    rules_into(data, round_rules(round_))
    earlier_pairs_into(data, earlier_user_pairs(round_))
    wishes_into(data, wish_service.engine_wishes(round_), wish_service.engine_marks(round_))
    return data


def run_matching(actor: User | None, round_: MentorRound) -> MatchRun:
    """Runs the engine on the round's enrolled people and stores the proposal."""
    require_state(round_, MATCHING, action=_("köra matchningen"))
    enrolments = matchable_enrolments(round_)
    if not any(e.role == ADEPT for e in enrolments):
        raise ServiceError(_("Det finns inga adepter med ifylld profil att matcha."))
    if not any(e.role == MENTOR for e in enrolments):
        raise ServiceError(_("Det finns inga mentorer med ifylld profil att matcha."))
    data = round_input(round_, enrolments)
    result = run_engine(data, round_.weights, round_.min_score)
    previous = latest_run(round_)
    figures = figures_of(result)
    run = MatchRun(
        round_id=round_.id,
        weights=dict(round_.weights or {}),
        min_score=round_.min_score,
        total_score=round(float(result.total_score), 2),
        previous_total=previous.total_score if previous else None,
        figures=figures,
        created_by_id=actor.id if actor else None,
    )
    db.session.add(run)
    db.session.flush()
    # One executemany, no ORM objects: a round of 5,000 adepts has 5,000 rows, nothing reads
    # them back in this request, and proposed pairs are not audited (the run is).
    db.session.execute(
        insert(ProposedPair),
        [
            {
                "run_id": run.id,
                "adept_id": row.adept_id,
                "mentor_id": row.mentor_id,
                "score": row.score,
                "contributions": row.contributions,
                "reasons": row.reasons,
                "locked": row.locked,
                "unmatched_reason": row.unmatched_reason,
            }
            for row in result_rows(result)
        ],
    )
    return run


# --- locks and forbids -----------------------------------------------------------------


@dataclass(frozen=True)
class PairRule:
    adept_id: int
    mentor_id: int
    kind: str  # LOCK | FORBID
    reason: str = ""


def _enrolment_in(round_: MentorRound, enrolment_id: int, role: str, field: str) -> Enrolment:
    e = db.session.get(Enrolment, enrolment_id)
    if e is None or e.round_id != round_.id or e.role != role:
        if role == ADEPT:
            raise ServiceError(_("Välj en adept i omgången."), field=field)
        raise ServiceError(_("Välj en mentor i omgången."), field=field)
    return e


def set_rule(actor: User, round_: MentorRound, cmd: PairRule) -> MatchRule:
    require_state(round_, MATCHING, action=_("låsa eller förbjuda par"))
    adept = _enrolment_in(round_, cmd.adept_id, ADEPT, "adept_id")
    mentor = _enrolment_in(round_, cmd.mentor_id, MENTOR, "mentor_id")
    reason = (cmd.reason or "").strip()
    if cmd.kind not in (LOCK, FORBID):
        raise ServiceError(_("Okänd regel."))
    if cmd.kind == LOCK:
        if adept.user.municipality_id == mentor.user.municipality_id:
            raise ServiceError(
                _("Mentor och adept måste komma från olika kommuner."), field="mentor_id"
            )
        # An adept has at most one lock.
        db.session.execute(
            delete(MatchRule).where(
                MatchRule.adept_id == adept.id,
                MatchRule.kind == LOCK,
                MatchRule.mentor_id != mentor.id,
            )
        )
    rule = db.session.scalar(
        select(MatchRule).where(MatchRule.adept_id == adept.id, MatchRule.mentor_id == mentor.id)
    )
    if rule is None:
        rule = MatchRule(round_id=round_.id, adept_id=adept.id, mentor_id=mentor.id)
        db.session.add(rule)
    rule.kind = cmd.kind
    rule.reason = reason or (
        _("Låst av administratör") if cmd.kind == LOCK else _("Förbjudet av administratör")
    )
    rule.created_by_id = actor.id
    db.session.flush()
    return rule


def remove_rule(actor: User, round_: MentorRound, rule_id: int) -> None:
    require_state(round_, MATCHING, action=_("ta bort en låsning eller ett förbud"))
    rule = db.session.get(MatchRule, rule_id)
    if rule is None or rule.round_id != round_.id:
        raise ServiceError(_("Regeln finns inte."))
    db.session.delete(rule)
    db.session.flush()


# --- the proposal page -----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Someone the rule form offers: enrolment id and "name, municipality"."""

    enrolment_id: int
    label: str


@dataclass
class Proposal:
    run: MatchRun | None
    pairs: Pagination | None = None  # one page of the proposed pairs, best first (a run's)
    unmatched: list[ProposedPair] = field(default_factory=list)
    rules: list[MatchRule] = field(default_factory=list)
    adepts: list[Candidate] = field(default_factory=list)
    mentors: list[Candidate] = field(default_factory=list)
    members_total: int = 0

    @property
    def change(self) -> float | None:
        if self.run is None or self.run.previous_total is None:
            return None
        return round(self.run.total_score - self.run.previous_total, 2)

    @property
    def locked_pairs(self) -> set[tuple[int, int]]:
        return {(r.adept_id, r.mentor_id) for r in self.rules if r.kind == LOCK}


def candidates(round_: MentorRound) -> tuple[list[Candidate], list[Candidate]]:
    """Adepts and mentors with a finished profile, by name (plain rows: a round can hold
    thousands, and the form needs only an id and a label)."""
    rows = db.session.execute(
        select(Enrolment.id, Enrolment.role, User.name, Municipality.name)
        .join(User, User.id == Enrolment.user_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(*_matchable(round_))
        .order_by(swedish(User.name), Enrolment.id)
    )
    adepts: list[Candidate] = []
    mentors: list[Candidate] = []
    for enrolment_id, role, name, municipality in rows:
        candidate = Candidate(enrolment_id, f"{name}, {municipality}")
        (adepts if role == ADEPT else mentors).append(candidate)
    return adepts, mentors


def proposed_pairs(run: MatchRun) -> Select:
    """The run's pairs, best first, with both people."""
    return (
        select(ProposedPair)
        .where(ProposedPair.run_id == run.id, ProposedPair.mentor_id.is_not(None))
        .options(joinedload(ProposedPair.adept), joinedload(ProposedPair.mentor))
        .order_by(ProposedPair.score.desc(), ProposedPair.id)
    )


def load_proposal(round_: MentorRound, page: int = 1, page_size: int = 50) -> Proposal:
    """What the proposal page shows, in a fixed number of queries: one page of pairs, every
    unmatched adept with the reason, the rules and the people the rule form offers."""
    run = latest_run(round_)
    proposal = Proposal(run=run)
    if run is not None:
        proposal.pairs = paginate(proposed_pairs(run), page, page_size)
        proposal.unmatched = list(
            db.session.scalars(
                select(ProposedPair)
                .where(ProposedPair.run_id == run.id, ProposedPair.mentor_id.is_(None))
                .options(joinedload(ProposedPair.adept))
                .order_by(ProposedPair.id)
            ).unique()
        )
    proposal.rules = round_rules(round_)
    proposal.adepts, proposal.mentors = candidates(round_)
    proposal.members_total = db.session.scalar(
        select(func.count()).select_from(Municipality).where(Municipality.active.is_(True))
    ) or 0
    return proposal
