"""Vectorised scoring: every adept-mentor pair at once, with numpy broadcasting.

Each soft criterion yields a raw value per pair; the pair's score is the sum of
``weight * value`` over the criteria, rounded to 0.01 points:

* business_area: 1 if the two work in different business areas, else 0;
* goals: share of the adept's development goals that the mentor offers (0..1);
  0 when the adept has stated no goals;
* experience: 0.5 if the mentor has more years as a manager than the adept,
  plus 0.5 if the mentor's management level is the same or higher;
* gender: 1 if the adept prefers a gender and the mentor has it, else 0;
* distance: -(km between the municipalities' seats) / 50 when the pair meets in
  person (one side wants ``in_person`` and the other does not insist on ``digital``),
  else 0;
* wish: 1 if the mentor is the adept's first choice, 2/3 the second, 1/3 the third,
  else 0 (``Person.wishes``; one more criterion matrix, built from index arrays of
  at most three ranks, not a loop over pairs).

The same generator of criterion values serves both the full matrix (index arrays
shaped ``(n, 1)`` and ``(1, m)``) and the explanation of single pairs (1-D index
arrays), so a pair's explained score always equals its matrix cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model import CRITERIA, MAX_WISHES, WISH_VALUES, Person, Weights

DISTANCE_UNIT_KM = 50.0
_BLOCK_CELLS = 1 << 20  # cells per block in score_matrix


@lru_cache(maxsize=8192)  # a round repeats the same few goals and areas thousands of times
def fold(text: str) -> str:
    """Case- and space-insensitive key for goals and business areas."""
    return " ".join(text.split()).casefold()


_GENDER_CODE = {"woman": 0, "man": 1, "other": 2}


@dataclass
class Side:
    """One side of the round (adepts or mentors) as arrays, in a fixed order."""

    people: list[Person]
    mun: np.ndarray  # index into the places list
    area: np.ndarray  # index into the shared business-area vocabulary
    level: np.ndarray
    years: np.ndarray
    goals: np.ndarray  # bool, people x goal vocabulary
    goal_count: np.ndarray
    langs: np.ndarray  # bool, people x language vocabulary
    gender: np.ndarray  # 0 woman, 1 man, 2 other, -2 unknown
    pref: np.ndarray  # 0 woman, 1 man, -1 no preference
    in_person: np.ndarray
    digital: np.ndarray
    wish: np.ndarray  # people x MAX_WISHES: index of the wished mentor by rank, -1 for none

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.people]


def encode(
    adepts: Sequence[Person], mentors: Sequence[Person], mun_index: dict[str, int]
) -> tuple[Side, Side]:
    """Turn both sides into arrays over shared vocabularies (wishes as mentor indices;
    a wish naming no mentor of the round is ignored here, validation reports it)."""
    mentor_index = {p.id: j for j, p in enumerate(mentors)}
    everyone = list(adepts) + list(mentors)
    areas = {a: i for i, a in enumerate(sorted({fold(p.business_area) for p in everyone}))}
    goals = {g: i for i, g in enumerate(sorted({fold(g) for p in everyone for g in p.goals}))}
    langs = {g: i for i, g in enumerate(sorted({g for p in everyone for g in p.languages}))}

    def side(people: Sequence[Person]) -> Side:
        n = len(people)
        goal_m = np.zeros((n, max(len(goals), 1)), dtype=bool)
        lang_m = np.zeros((n, max(len(langs), 1)), dtype=bool)
        for i, p in enumerate(people):
            goal_m[i, [goals[fold(g)] for g in p.goals]] = True
            lang_m[i, [langs[g] for g in p.languages]] = True
        mode = np.array([p.meeting_mode for p in people], dtype=object)
        wish = np.full((n, MAX_WISHES), -1, dtype=np.intp)
        for i, p in enumerate(people):
            if p.role == "adept" and p.wishes:
                ranked = [mentor_index.get(w, -1) for w in p.wishes[:MAX_WISHES]]
                wish[i, : len(ranked)] = ranked
        return Side(
            people=list(people),
            mun=np.array([mun_index[p.municipality] for p in people], dtype=np.intp),
            area=np.array([areas[fold(p.business_area)] for p in people], dtype=np.int32),
            level=np.array([p.level for p in people], dtype=np.int32),
            years=np.array([p.years_as_manager for p in people], dtype=np.int32),
            goals=goal_m,
            goal_count=goal_m.sum(axis=1),
            langs=lang_m,
            gender=np.array([_GENDER_CODE.get(p.gender or "", -2) for p in people], dtype=np.int8),
            pref=np.array(
                [_GENDER_CODE.get(p.gender_preference or "", -1) for p in people], dtype=np.int8
            ),
            in_person=np.asarray(mode == "in_person", dtype=bool).reshape(n),
            digital=np.asarray(mode == "digital", dtype=bool).reshape(n),
            wish=wish,
        )

    return side(adepts), side(mentors)


def criterion_values(
    a: Side, m: Side, ai: np.ndarray, mi: np.ndarray, dist: np.ndarray
) -> Iterator[tuple[str, np.ndarray]]:
    """Yield (criterion, raw value per pair) for the pairs (ai, mi), broadcasting.

    ``ai`` and ``mi`` are index arrays into the adepts and mentors; either 1-D of equal
    length (a list of pairs) or shaped (n, 1) and (1, m) (the full matrix).
    """
    full = ai.ndim == 2
    yield "business_area", a.area[ai] != m.area[mi]
    if full:
        covered = a.goals[ai[:, 0]].astype(np.float32) @ m.goals[mi[0]].astype(np.float32).T
    else:
        covered = (a.goals[ai] & m.goals[mi]).sum(axis=-1).astype(np.float32)
    yield "goals", covered / np.maximum(a.goal_count[ai], 1)
    del covered
    yield "experience", 0.5 * (m.years[mi] > a.years[ai]) + 0.5 * (m.level[mi] >= a.level[ai])
    yield "gender", a.pref[ai] == m.gender[mi]
    meets = (a.in_person[ai] & ~m.digital[mi]) | (m.in_person[mi] & ~a.digital[ai])
    if full and not meets.any():
        yield "distance", np.zeros((1, 1))
    else:
        km = dist[a.mun[ai[:, 0]]][:, m.mun[mi[0]]] if full else dist[a.mun[ai], m.mun[mi]]
        yield "distance", np.where(meets, km * (-1.0 / DISTANCE_UNIT_KM), 0.0)
    yield "wish", wish_values(a, ai, mi)


def wish_values(a: Side, ai: np.ndarray, mi: np.ndarray) -> np.ndarray:
    """The wish value of the pairs (ai, mi), broadcasting like ``criterion_values``.

    An adept's wishes name distinct mentors, so at most one rank matches a pair and each
    cell is exactly 0 or one of ``WISH_VALUES``.
    """
    value = np.zeros(np.broadcast_shapes(ai.shape, mi.shape))
    for rank, worth in enumerate(WISH_VALUES):
        value += (a.wish[ai, rank] == mi) * worth
    return value


def wish_cells(a: Side, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row offset within ``rows``, mentor index, value) of every wish of those adepts."""
    ranked = a.wish[rows]
    r, rank = np.nonzero(ranked >= 0)
    return r, ranked[r, rank], np.asarray(WISH_VALUES)[rank]


def allowed_matrix(a: Side, m: Side, exclusions: list[tuple[int, int]]) -> np.ndarray:
    """Hard rules as a bool matrix: other municipality, a common language, no exclusion."""
    ok = a.mun[:, None] != m.mun[None, :]
    if a.langs.shape[1] > 1 or not (a.langs.all() and m.langs.all()):
        common = (a.langs.astype(np.float32) @ m.langs.astype(np.float32).T) > 0
        ok &= common
    if exclusions:
        rows, cols = zip(*exclusions, strict=True)
        ok[list(rows), list(cols)] = False
    return ok


def score_matrix(
    a: Side, m: Side, weights: Weights, dist: np.ndarray, allowed: np.ndarray
) -> np.ndarray:
    """Scores of all pairs (float64, rounded to 0.01), NaN where a hard rule forbids.

    Computed in blocks of adept rows, fully vectorised within a block, so temporaries
    stay small (fast, low peak memory). Every cell gets bit for bit the arithmetic of
    ``criterion_values`` (``0 + w*v`` summed in ``CRITERIA`` order, then rounded): the
    criteria with few possible values take ``w*v`` from a small table computed with the
    same operations.
    """
    shape = (len(a.people), len(m.people))
    score = np.zeros(shape)
    if 0 in shape:
        return score
    w = {key: float(getattr(weights, key)) for key in CRITERIA}
    # mentor "place type": municipality x (in_person, digital) flags, for the distance table
    m_type = m.mun * 4 + m.in_person * 2 + m.digital
    t_mun = np.arange(dist.shape[0] * 4) // 4
    t_in_person = (np.arange(dist.shape[0] * 4) // 2) % 2 == 1
    t_digital = np.arange(dist.shape[0] * 4) % 2 == 1
    exp_table = np.array([w["experience"] * v for v in (0.0, 0.5, 1.0)])
    block = max(1, min(shape[0], _BLOCK_CELLS // shape[1]))
    tmp = np.empty((block, shape[1]))
    for s0 in range(0, shape[0], block):
        out = score[s0 : s0 + block]
        rows = np.arange(s0, s0 + out.shape[0])
        t = tmp[: out.shape[0]]
        if w["business_area"]:
            mask = a.area[rows][:, None] != m.area[None, :]
            np.multiply(mask, w["business_area"], out=t)
            out += t
        if w["goals"]:
            covered = a.goals[rows].astype(np.float32) @ m.goals.astype(np.float32).T
            np.multiply(covered / np.maximum(a.goal_count[rows], 1)[:, None], w["goals"], out=t)
            out += t
        if w["experience"]:
            level = (m.years[None, :] > a.years[rows][:, None]).view(np.int8)
            level = level + (m.level[None, :] >= a.level[rows][:, None])
            out += exp_table[level]  # (np.take with out= is slower here)
        if w["gender"]:
            mask = a.pref[rows][:, None] == m.gender[None, :]
            np.multiply(mask, w["gender"], out=t)
            out += t
        if w["distance"]:
            meets = (a.in_person[rows][:, None] & ~t_digital[None, :]) | (
                t_in_person[None, :] & ~a.digital[rows][:, None]
            )
            km = dist[a.mun[rows]][:, t_mun]
            table = np.multiply(np.where(meets, km * (-1.0 / DISTANCE_UNIT_KM), 0.0), w["distance"])
            np.take(table, m_type, axis=1, out=t)
            out += t
        if w["wish"]:
            # the few wished cells only: elsewhere the criterion adds exactly 0
            r, c, value = wish_cells(a, rows)
            out[r, c] += np.multiply(value, w["wish"])
        np.round(out, 2, out=out)
        out += 0.0  # turn -0.0 into 0.0
        np.copyto(out, np.nan, where=~allowed[s0 : s0 + block])
    return score


def pair_contributions(
    a: Side, m: Side, ai: np.ndarray, mi: np.ndarray, weights: Weights, dist: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Scores and per-criterion contributions (rounded) of the listed pairs."""
    total = np.zeros(len(ai))
    parts: dict[str, np.ndarray] = {}
    for key, value in criterion_values(a, m, ai, mi, dist):
        w = float(getattr(weights, key))
        contrib = np.multiply(value, w) if w != 0.0 else np.zeros(len(ai))
        if w != 0.0:
            total += contrib
        parts[key] = np.round(np.broadcast_to(contrib, total.shape), 2) + 0.0
    assert list(parts) == list(CRITERIA)
    return np.round(total, 2) + 0.0, parts
