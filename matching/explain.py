"""Words for the result: reasons per pair, per unmatched adept, and round figures."""

from __future__ import annotations

import numpy as np

from .model import CRITERIA, MatchResult, Pair, Person, RoundFigures, Unmatched, Weights
from .scoring import Side, fold, pair_contributions

REASON_NO_CANDIDATE = "ingen mentor i annan kommun med gemensamt språk och ledig plats"
REASON_BELOW_MINIMUM = "bästa möjliga matchning under miniminivån"
REASON_CAPACITY_TAKEN = "de mentorer som passar behövs till andra par som ger högre total poäng"


def lock_rule_broken(adept: Person, mentor: Person) -> str:
    """The hard rule a locked pair breaks, in Swedish."""
    if adept.municipality == mentor.municipality:
        return "samma kommun"
    if not (adept.languages & mentor.languages):
        return "inget gemensamt språk"
    if mentor.id in adept.exclude:
        return f"adept {adept.id} har undantagit mentor {mentor.id}"
    if adept.id in mentor.exclude:
        return f"mentor {mentor.id} har undantagit adept {adept.id}"
    return "okänd regel"  # pragma: no cover


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def meets_in_person(a: Person, m: Person) -> bool:
    """One side wants to meet in person and the other does not insist on digital."""
    return (a.meeting_mode == "in_person" and m.meeting_mode != "digital") or (
        m.meeting_mode == "in_person" and a.meeting_mode != "digital"
    )


def pair_reasons(
    a: Person, m: Person, parts: dict[str, float], weights: Weights, km: float
) -> list[str]:
    """One Swedish phrase per criterion that has weight (plus a note for locks)."""
    out: list[str] = []
    if weights.business_area:
        same = fold(a.business_area) == fold(m.business_area)
        out.append("samma verksamhetsområde" if same else "olika verksamhetsområden")
    if weights.goals:
        if not a.goals:
            out.append("adepten har inte angett några mål")
        else:
            wanted = {fold(g) for g in a.goals}
            covered = len(wanted & {fold(g) for g in m.goals})
            out.append(f"{covered} av {len(wanted)} mål täcks")
    if weights.experience:
        if m.years_as_manager > a.years_as_manager:
            out.append(
                f"mentorn har varit chef längre ({m.years_as_manager} mot {a.years_as_manager} år)"
            )
        else:
            out.append(
                f"mentorn har inte varit chef längre ({m.years_as_manager} mot "
                f"{a.years_as_manager} år)"
            )
        out.append(
            "mentorn på samma eller högre chefsnivå"
            if m.level >= a.level
            else "mentorn på lägre chefsnivå"
        )
    if weights.gender and a.gender_preference:
        out.append("önskat kön" if parts["gender"] > 0 else "inte önskat kön")
    if weights.distance:
        if meets_in_person(a, m):
            out.append(f"{km:.0f} km")
        else:
            out.append("digitala möten, avståndet räknas inte")
    return out


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
            reasons.append("låst av administratör")
        pairs.append(Pair(adept.id, mentor.id, float(totals[k]), contrib, reasons, is_locked))

    matched = np.zeros(len(a.people), dtype=bool)
    matched[ai] = True
    unmatched_rows = np.flatnonzero(~matched)
    unmatched: list[Unmatched] = []
    if len(unmatched_rows):
        open_cols = caps_left > 0
        sub = scores[unmatched_rows][:, open_cols]
        sub_allowed = allowed[unmatched_rows][:, open_cols]
        has_candidate = sub_allowed.any(axis=1)
        with np.errstate(invalid="ignore"):
            has_kept = (sub >= threshold).any(axis=1)
            best = np.where(sub_allowed, sub, -np.inf).max(axis=1, initial=-np.inf)
        for k, i in enumerate(unmatched_rows):
            pid = a.people[i].id
            if not has_candidate[k]:
                unmatched.append(Unmatched(pid, REASON_NO_CANDIDATE, "no_candidate"))
            elif not has_kept[k]:
                unmatched.append(
                    Unmatched(
                        pid,
                        (
                            f"{REASON_BELOW_MINIMUM} (bästa par {_fmt(best[k])} poäng, "
                            f"minst {_fmt(threshold)} krävs)"
                        ),
                        "below_minimum",
                    )
                )
            else:
                unmatched.append(Unmatched(pid, REASON_CAPACITY_TAKEN, "capacity_taken"))

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
    )


def _figures(
    a: Side, m: Side, ai: np.ndarray, mi: np.ndarray, totals: np.ndarray, n_unmatched: int
) -> RoundFigures:
    n = len(ai)
    across = float((a.area[ai] != m.area[mi]).mean()) if n else 0.0
    represented = set(a.mun[ai].tolist()) | set(m.mun[mi].tolist())
    everyone = set(a.mun.tolist()) | set(m.mun.tolist())
    cap_total = int(sum(p.capacity for p in m.people))
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
    )
