"""Manual pairing in the proposal: pair an adept with a mentor by hand, swap two pairs'
mentors, and unpair. Each becomes a lock or forbid rule for the next run; a manual pair
that would break a hard rule is refused here, naming the rule (the engine checks the same
rules again when it runs and refuses a lock that breaks one)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import (
    ADEPT,
    FORBID,
    LOCK,
    MATCHING,
    MENTOR,
    Enrolment,
    MatchRule,
    MentorRound,
    ProposedPair,
)
from mentorship.mentoring.pairing.proposals import (
    Candidate,
    PairRule,
    earlier_user_pairs,
    latest_run,
    set_rule,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.refusals import ServiceError


def unique_labels(people: list[Candidate]) -> list[Candidate]:
    """The same labels, except that two people with the same name and municipality are
    told apart by their enrolment number (a typed label must name one person)."""
    seen: dict[str, int] = {}
    for c in people:
        seen[c.label] = seen.get(c.label, 0) + 1
    return [
        c if seen[c.label] == 1 else Candidate(c.enrolment_id, f"{c.label} (nr {c.enrolment_id})")
        for c in people
    ]


def resolve(people: list[Candidate], text: str, role: str, field: str) -> int:
    """The enrolment a typed or chosen label names; a clear error otherwise."""
    wanted = " ".join((text or "").split()).casefold()
    exact = [c for c in unique_labels(people) if c.label.casefold() == wanted]
    if len(exact) == 1:
        return exact[0].enrolment_id
    starts = [c for c in unique_labels(people) if c.label.casefold().startswith(wanted)]
    if wanted and len(starts) == 1:
        return starts[0].enrolment_id
    if wanted and len(starts) > 1:
        raise ServiceError(
            _("Flera personer passar in på ”%(text)s”. Välj en i listan.", text=text),
            field=field,
        )
    if role == ADEPT:
        raise ServiceError(
            _("Ingen adept med ifylld profil heter ”%(text)s”. Välj en i listan.", text=text),
            field=field,
        )
    raise ServiceError(
        _("Ingen mentor med ifylld profil heter ”%(text)s”. Välj en i listan.", text=text),
        field=field,
    )


def _locks_on(mentor: Enrolment, except_adepts: set[int]) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(MatchRule)
        .where(
            MatchRule.mentor_id == mentor.id,
            MatchRule.kind == LOCK,
            MatchRule.adept_id.not_in(except_adepts or {0}),
        )
    ) or 0


def broken_rule(
    round_: MentorRound, adept: Enrolment, mentor: Enrolment, except_adepts: set[int]
) -> str | None:
    """The hard rule the pair would break, in Swedish, or None. `except_adepts` are the
    adepts whose locks are being replaced (they do not count against the mentor's places)."""
    if adept.user.municipality_id == mentor.user.municipality_id:
        return _("mentor och adept ska komma från olika kommuner")
    if not set(adept.languages or ("sv",)) & set(mentor.languages or ("sv",)):
        return _("mentor och adept ska ha minst ett gemensamt språk")
    forbid = db.session.scalar(
        select(MatchRule).where(
            MatchRule.adept_id == adept.id,
            MatchRule.mentor_id == mentor.id,
            MatchRule.kind == FORBID,
        )
    )
    if forbid is not None:
        return _("paret är förbjudet (%(reason)s); ta bort förbudet först", reason=forbid.reason)
    earlier = earlier_user_pairs(round_)
    if (adept.user_id, mentor.user_id) in earlier or (mentor.user_id, adept.user_id) in earlier:
        return _("de har redan varit ett par i en tidigare omgång")
    taken = _locks_on(mentor, except_adepts | {adept.id})
    if taken >= mentor.capacity:
        return _(
            "mentorn har plats för %(places)s och är redan låst till %(taken)s",
            places=ngettext("%(num)s adept", "%(num)s adepter", mentor.capacity),
            taken=taken,
        )
    return None


def _refuse_if_broken(
    round_: MentorRound, adept: Enrolment, mentor: Enrolment, except_adepts: set[int]
) -> None:
    rule = broken_rule(round_, adept, mentor, except_adepts)
    if rule is not None:
        raise ServiceError(
            _(
                "%(adept)s och %(mentor)s kan inte paras ihop. Det bryter mot en hård regel: "
                "%(rule)s.",
                adept=adept.user.name,
                mentor=mentor.user.name,
                rule=rule,
            ),
            field="mentor",
        )


def _enrolment(round_: MentorRound, enrolment_id: int, role: str) -> Enrolment:
    e = db.session.get(Enrolment, enrolment_id)
    if e is None or e.round_id != round_.id or e.role != role or e.profile_done_at is None:
        raise ServiceError(_("Välj en adept i omgången.") if role == ADEPT
                           else _("Välj en mentor i omgången."))
    return e


@dataclass(frozen=True)
class ManualPair:
    adept_id: int
    mentor_id: int
    reason: str = ""


def pair_manually(actor: User, round_: MentorRound, cmd: ManualPair) -> MatchRule:
    """Lock "this adept with this mentor" for the next run, after the hard rules."""
    require_state(round_, MATCHING, action=_("para ihop för hand"))
    adept = _enrolment(round_, cmd.adept_id, ADEPT)
    mentor = _enrolment(round_, cmd.mentor_id, MENTOR)
    _refuse_if_broken(round_, adept, mentor, set())
    return set_rule(actor, round_, PairRule(adept.id, mentor.id, LOCK, cmd.reason))


def proposed_mentor(round_: MentorRound, adept_id: int) -> int | None:
    """The mentor the newest run gives this adept (None: unmatched or no run)."""
    run = latest_run(round_)
    if run is None:
        return None
    return db.session.scalar(
        select(ProposedPair.mentor_id).where(
            ProposedPair.run_id == run.id, ProposedPair.adept_id == adept_id
        )
    )


@dataclass(frozen=True)
class Swap:
    first_adept_id: int
    second_adept_id: int
    reason: str = ""


def swap_mentors(actor: User, round_: MentorRound, cmd: Swap) -> tuple[MatchRule, MatchRule]:
    """Adept 1 gets adept 2's proposed mentor and the other way round (two locks)."""
    require_state(round_, MATCHING, action=_("byta mentorer"))
    first = _enrolment(round_, cmd.first_adept_id, ADEPT)
    second = _enrolment(round_, cmd.second_adept_id, ADEPT)
    if first.id == second.id:
        raise ServiceError(_("Välj två olika adepter."), field="second")
    mentors = []
    for adept, field in ((first, "first"), (second, "second")):
        mentor_id = proposed_mentor(round_, adept.id)
        if mentor_id is None:
            raise ServiceError(
                _("%(adept)s har ingen mentor i förslaget. Para ihop för hand i stället.",
                  adept=adept.user.name),
                field=field,
            )
        mentors.append(db.session.get_one(Enrolment, mentor_id))
    if mentors[0].id == mentors[1].id:
        raise ServiceError(_("Adepterna har samma mentor; det finns inget att byta."),
                           field="second")
    both = {first.id, second.id}
    _refuse_if_broken(round_, first, mentors[1], both)
    _refuse_if_broken(round_, second, mentors[0], both)
    reason = cmd.reason or _("Mentorer bytta av administratör")
    return (
        set_rule(actor, round_, PairRule(first.id, mentors[1].id, LOCK, reason)),
        set_rule(actor, round_, PairRule(second.id, mentors[0].id, LOCK, reason)),
    )


def unpair(actor: User, round_: MentorRound, adept_id: int, mentor_id: int,
           reason: str = "") -> MatchRule:
    """Forbid a proposed pair; the next run gives both someone else (or nobody)."""
    require_state(round_, MATCHING, action=_("dela upp ett par"))
    return set_rule(actor, round_, PairRule(adept_id, mentor_id, FORBID, reason))
