"""The participant's own page: their rounds, pairs, talks, workshops and each round's Årets
mentor, loaded through the participant's own scope in a fixed number of queries."""

from __future__ import annotations

from mentorship.auth.models import User
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.enrolment import services as enrol_service
from mentorship.mentoring.enrolment import wishes
from mentorship.mentoring.fitcheck import services as fitcheck
from mentorship.mentoring.talks import services as talks
from mentorship.mentoring.talks.partner import partner_facts
from mentorship.mentoring.workshops import services as workshops


def my_overview(user: User) -> dict:
    """What the participant's page shows, in a fixed number of queries."""
    mine = enrol_service.my_enrolments(user)
    round_ids = [e.round_id for e in mine]
    pairs = talks.my_pairs(user)
    by_round: dict[int, list] = {}
    for p in pairs:
        by_round.setdefault(p.round_id, []).append(p)
    all_workshops = workshops.dated_workshops(round_ids)
    return {
        "winners": evaluation.winners(round_ids),
        "wish_open": wishes.open_rounds(round_ids),
        "enrolments": mine,
        "pairs": by_round,
        "partner_facts": {
            p.id: partner_facts(p.mentor if p.adept.user_id == user.id else p.adept)
            for p in pairs
        },
        "talks": talks.talks_of(user, [p.id for p in pairs]),
        "workshops": all_workshops,
        "signed": workshops.my_signups(user, round_ids),
        "counts": workshops.signed_counts(
            [w.id for ws in all_workshops.values() for w in ws]
        ),
        # "Känns matchningen rätt?" questions waiting for an answer: pair id -> question
        "fit_checks": {c.pair_id: c for c in fitcheck.open_for(user)},
    }
