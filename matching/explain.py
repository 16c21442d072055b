"""The result explained: reasons per pair and per unmatched adept (codes with parameters,
worded by matching.texts or the app), and round figures."""

from __future__ import annotations

import numpy as np

from .collation import swedish_key
from .model import CRITERIA, MatchResult, Pair, Person, Reason, RoundFigures, Unmatched, Weights
from .scoring import Side, fold, pair_contributions

#: The hard rules of `pair_rule_broken`, worded in Swedish (the app words the codes itself).
PAIR_RULES = {
    "same_role": "båda har samma roll",
    "same_municipality": "samma kommun",
    "no_common_language": "inget gemensamt språk",
}


def pair_rule_broken(a: Person, b: Person) -> str | None:
    """The code of the hard rule (of `allowed_matrix`: an adept and a mentor, from other
    municipalities, with a common language) that keeps the two from ever being a pair;
    None: they may be one. For the single pairs a file names (locks, exclusions); the
    matrix applies the same rules to every pair at once."""
    if a.role == b.role:
        return "same_role"
    if a.municipality == b.municipality:
        return "same_municipality"
    if not (a.languages & b.languages):
        return "no_common_language"
    return None


def lock_rule_broken(adept: Person, mentor: Person) -> str:
    """The hard rule a locked pair breaks, in Swedish."""
    broken = pair_rule_broken(adept, mentor)
    if broken is not None:
        return PAIR_RULES[broken]
    if mentor.id in adept.exclude:
        return f"adept {adept.id} har undantagit mentor {mentor.id}"
    if adept.id in mentor.exclude:
        return f"mentor {mentor.id} har undantagit adept {adept.id}"
    return "okänd regel"  # pragma: no cover


def meets_in_person(a: Person, m: Person) -> bool:
    """One side wants to meet in person and the other does not insist on digital."""
    return (a.meeting_mode == "in_person" and m.meeting_mode != "digital") or (
        m.meeting_mode == "in_person" and a.meeting_mode != "digital"
    )


def pair_reasons(
    a: Person, m: Person, parts: dict[str, float], weights: Weights, km: float
) -> list[Reason]:
    """One reason per criterion that has weight (plus a note for locks), as codes."""
    out: list[Reason] = []
    if weights.business_area:
        same = fold(a.business_area) == fold(m.business_area)
        out.append(Reason("same_business_area" if same else "different_business_areas"))
    if weights.goals:
        if not a.goals:
            out.append(Reason("no_goals"))
        else:
            out.append(goals_reason(a, m))
    if weights.experience:
        years = {"mentor_years": m.years_as_manager, "adept_years": a.years_as_manager}
        longer = m.years_as_manager > a.years_as_manager
        out.append(Reason("mentor_longer" if longer else "mentor_not_longer", years))
        out.append(
            Reason(
                "mentor_level_same_or_higher" if m.level >= a.level else "mentor_level_lower"
            )
        )
    if weights.gender and a.gender_preference:
        out.append(Reason("gender_wanted" if parts["gender"] > 0 else "gender_not_wanted"))
    if weights.distance:
        if meets_in_person(a, m):
            out.append(Reason("distance", {"km": int(round(km))}))
        elif a.meeting_mode == m.meeting_mode == "either":
            # Both said "Båda går bra": they choose how to meet, so distance is not counted.
            out.append(Reason("either_meetings"))
        else:
            out.append(Reason("digital_meetings"))
    if weights.wish and a.wishes:
        out.append(wish_reason(a, m))
    return out


WISH_CODES = ("wish_first", "wish_second", "wish_third")


def wish_reason(a: Person, m: Person) -> Reason:
    """"adeptens förstahandsval" and so on, or that the mentor is none of the wishes."""
    if m.id in a.wishes:
        return Reason(WISH_CODES[a.wishes.index(m.id)])
    return Reason("wish_not_met", {"wishes": len(a.wishes)})


def goals_reason(a: Person, m: Person) -> Reason:
    """The adept's goals the mentor covers and those missing, as the adept wrote them
    (one spelling per goal, in Swedish alphabetical order); ``wanted`` is how many goals
    there are."""
    offered = {fold(g) for g in m.goals}
    first: dict[str, str] = {}
    for goal in sorted(a.goals, key=lambda g: swedish_key(fold(g)) + (g,)):
        first.setdefault(fold(goal), goal)
    covered = [g for key, g in first.items() if key in offered]
    missing = [g for key, g in first.items() if key not in offered]
    return Reason("goals_covered", {"covered": covered, "missing": missing, "wanted": len(first)})


def build_result(
    a: Side,
    m: Side,
    scores: np.ndarray,
    allowed: np.ndarray,
    locked: list[tuple[int, int]],
    solved: list[tuple[int, int]],
    caps_left: np.ndarray,
    weights: Weights,
    min_score: float,
    threshold: float,
    dist: np.ndarray,
    n_places: int,
) -> MatchResult:
    made = sorted([(i, j, True) for i, j in locked] + [(i, j, False) for i, j in solved])
    ai = np.array([i for i, _, _ in made], dtype=np.intp)
    mi = np.array([j for _, j, _ in made], dtype=np.intp)
    totals, parts = pair_contributions(a, m, ai, mi, weights, dist)
    km = dist[a.mun[ai], m.mun[mi]]
    pairs: list[Pair] = []
    for k, (i, j, is_locked) in enumerate(made):
        contrib = {key: float(parts[key][k]) for key in CRITERIA}
        adept, mentor = a.people[i], m.people[j]
        reasons = pair_reasons(adept, mentor, contrib, weights, float(km[k]))
        if is_locked:
            reasons.append(Reason("locked"))
        pairs.append(Pair(adept.id, mentor.id, float(totals[k]), contrib, reasons, is_locked))

    matched = np.zeros(len(a.people), dtype=bool)
    matched[ai] = True
    unmatched_rows = np.flatnonzero(~matched)
    unmatched: list[Unmatched] = []
    if len(unmatched_rows):
        open_cols = caps_left > 0
        sub = scores[unmatched_rows][:, open_cols]
        sub_allowed = allowed[unmatched_rows][:, open_cols]
        has_candidate = np.asarray(sub_allowed.any(axis=1))
        with np.errstate(invalid="ignore"):
            has_kept = np.asarray((sub >= threshold).any(axis=1))
            best = np.where(sub_allowed, sub, -np.inf).max(axis=1, initial=-np.inf)
        for k, i in enumerate(unmatched_rows.tolist()):
            pid = a.people[i].id
            if not has_candidate[k]:
                unmatched.append(Unmatched(pid, "no_candidate"))
            elif not has_kept[k]:
                params = {"best": round(float(best[k]), 2), "required": round(float(threshold), 2)}
                unmatched.append(Unmatched(pid, "below_minimum", params))
            else:
                unmatched.append(Unmatched(pid, "capacity_taken"))

    total = float(np.round(totals.sum(), 2)) if len(totals) else 0.0
    figures = _figures(a, m, ai, mi, totals, len(unmatched))
    return MatchResult(
        pairs=pairs,
        unmatched=unmatched,
        figures=figures,
        total_score=total,
        adept_ids=a.ids,
        mentor_ids=m.ids,
        matrix=scores,
        weights=weights,
        min_score=min_score,
        capacities=np.array([p.capacity for p in m.people], dtype=np.intp),
    )


def _figures(
    a: Side, m: Side, ai: np.ndarray, mi: np.ndarray, totals: np.ndarray, n_unmatched: int
) -> RoundFigures:
    n = len(ai)
    across = float((a.area[ai] != m.area[mi]).mean()) if n else 0.0
    represented = set(a.mun[ai].tolist()) | set(m.mun[mi].tolist())
    everyone = set(a.mun.tolist()) | set(m.mun.tolist())
    cap_total = int(sum(p.capacity for p in m.people))
    hit = a.wish[ai] == mi[:, None]  # made pairs x ranks: the pair is that wish
    return RoundFigures(
        pairs=n,
        adepts=len(a.people),
        mentors=len(m.people),
        unmatched=n_unmatched,
        share_across_business_areas=round(across, 4),
        municipalities_represented=len(represented),
        municipalities_total=len(everyone),
        mean_score=round(float(totals.mean()), 2) if n else 0.0,
        capacity_total=cap_total,
        capacity_used=n,
        adepts_with_wishes=int((a.wish >= 0).any(axis=1).sum()),
        wishes_met=int(hit.any(axis=1).sum()),
        first_wishes_met=int(hit[:, 0].sum()),
    )
