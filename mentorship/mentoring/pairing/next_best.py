"""For one adept, on demand: the next best mentors (up to three) with the pair's score and
exactly what the round's total would lose if that pair were locked instead (the engine's
`alternatives`: a re-solve with the lock), and the mentors who are just as good."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from matching import alternatives, ties
from mentorship.mentoring.models import ADEPT, Enrolment, MentorRound
from mentorship.mentoring.pairing.adapter import run_engine
from mentorship.mentoring.pairing.proposals import latest_run, matchable_enrolments, round_input
from mentorship.refusals import ServiceError


@dataclass(frozen=True)
class NextBest:
    mentor: Enrolment
    score: float
    loss: float
    below_minimum: bool


@dataclass
class AdeptOptions:
    adept: Enrolment
    mentor: Enrolment | None = None  # in today's solve of the round
    score: float | None = None
    total: float = 0.0
    options: list[NextBest] = field(default_factory=list)
    tied: list[Enrolment] = field(default_factory=list)


def adept_options(round_: MentorRound, adept: Enrolment, k: int = 3) -> AdeptOptions:
    """Solves the round as it stands, with the latest run's weights and minimum (the
    proposal's settings), and asks the engine for the adept's alternatives."""
    if adept.round_id != round_.id or adept.role != ADEPT or adept.profile_done_at is None:
        raise ServiceError(_("Välj en adept med ifylld profil i omgången."))
    people = matchable_enrolments(round_)
    by_id = {e.id: e for e in people}
    run = latest_run(round_)
    weights = run.weights if run is not None else round_.weights
    minimum = run.min_score if run is not None else round_.min_score
    result = run_engine(round_input(round_, people), weights, minimum)
    out = AdeptOptions(adept, total=round(float(result.total_score), 2))
    own = next((p for p in result.pairs if p.adept_id == str(adept.id)), None)
    if own is not None:
        out.mentor, out.score = by_id[int(own.mentor_id)], round(float(own.score), 2)
        out.tied = [by_id[int(m)] for m in ties(result).get(own.adept_id, ())]
    out.options = [
        NextBest(by_id[int(a.mentor_id)], round(a.score, 2), a.loss, a.below_minimum)
        for a in alternatives(result, str(adept.id), k=k)
    ]
    return out

