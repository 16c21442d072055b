"""Slow, obviously-correct reference implementations for the matching tests."""

from __future__ import annotations

import math
from functools import cache

from matching import CRITERIA, MEMBER_PLACES, Person, Weights

PLACES = {p.code: p for p in MEMBER_PLACES}


def km(a: str, b: str) -> float:
    pa, pb = PLACES[a], PLACES[b]
    la, lb = math.radians(pa.lat), math.radians(pb.lat)
    dlat, dlon = lb - la, math.radians(pb.lon - pa.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def allowed(a: Person, m: Person) -> bool:
    return (
        a.municipality != m.municipality
        and bool(a.languages & m.languages)
        and m.id not in a.exclude
        and a.id not in m.exclude
    )


def values(a: Person, m: Person) -> dict[str, float]:
    fold = lambda s: " ".join(s.split()).casefold()  # noqa: E731
    wanted = {fold(g) for g in a.goals}
    offered = {fold(g) for g in m.goals}
    meets = (a.meeting_mode == "in_person" and m.meeting_mode != "digital") or (
        m.meeting_mode == "in_person" and a.meeting_mode != "digital"
    )
    return {
        "business_area": float(fold(a.business_area) != fold(m.business_area)),
        "goals": len(wanted & offered) / len(wanted) if wanted else 0.0,
        "experience": 0.5 * (m.years_as_manager > a.years_as_manager) + 0.5 * (m.level >= a.level),
        "gender": float(a.gender_preference is not None and a.gender_preference == m.gender),
        "distance": -km(a.municipality, m.municipality) / 50.0 if meets else 0.0,
        "wish": (1.0, 2 / 3, 1 / 3)[a.wishes.index(m.id)] if m.id in a.wishes else 0.0,
    }


def score(a: Person, m: Person, w: Weights) -> float:
    v = values(a, m)
    return sum(getattr(w, k) * v[k] for k in CRITERIA)


def best_total(matrix, caps: list[int], threshold: float) -> float:
    """Exact optimum by memoised recursion over adepts with remaining capacities."""
    n = len(matrix)

    @cache
    def go(i: int, left: tuple[int, ...]) -> float:
        if i == n:
            return 0.0
        best = go(i + 1, left)  # adept i gets no mentor
        for j, s in enumerate(matrix[i]):
            if left[j] > 0 and s is not None and s >= threshold:
                nxt = left[:j] + (left[j] - 1,) + left[j + 1 :]
                best = max(best, s + go(i + 1, nxt))
        return best

    return go(0, tuple(caps))
