"""What else the coordinator could choose: an adept's next best mentors with the exact
cost of each, and the mentors that are exactly as good (ties).

Both work on a finished ``MatchResult`` (its score matrix, capacities and locks), so no
pair is scored again: ``alternatives`` re-solves the round once per alternative with that
pair locked (the same assignment as ``solve``), ``ties`` is a few array operations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .model import MatchResult, Person, Reason
from .solver import _assign, solve

#: The rule that settles equally good solutions, as a reason the app and texts word.
TIE_BREAK = Reason("tie_break")


@dataclass(frozen=True)
class Alternative:
    """Another mentor for the adept: the pair's score and what locking it would cost."""

    mentor_id: str
    score: float
    #: the round's total now minus the best total with this pair locked (0 = as good;
    #: negative only when it replaces the adept's own lock, or for a pair below the
    #: round's minimum, which a lock may force)
    loss: float
    #: the pair scores below the round's minimum score (a lock would break it)
    below_minimum: bool


def _result(source: MatchResult | Iterable[Person], solve_kwargs: dict[str, Any]) -> MatchResult:
    if isinstance(source, MatchResult):
        if solve_kwargs:
            raise TypeError("weights and min_score are taken from the result")
        return source
    return solve(source, **solve_kwargs)


def _index(result: MatchResult) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(adept rows, mentor columns, locked flags) of the pairs, and the capacities."""
    if result.capacities is None:
        raise ValueError("resultatet saknar mentorernas kapacitet; lös omgången med solve()")
    a_idx = {aid: i for i, aid in enumerate(result.adept_ids)}
    m_idx = {mid: j for j, mid in enumerate(result.mentor_ids)}
    ai = np.array([a_idx[p.adept_id] for p in result.pairs], dtype=np.intp)
    mi = np.array([m_idx[p.mentor_id] for p in result.pairs], dtype=np.intp)
    locked = np.array([p.locked for p in result.pairs], dtype=bool)
    return ai, mi, locked, np.asarray(result.capacities, dtype=np.intp)


def alternatives(
    result_or_people: MatchResult | Iterable[Person], adept_id: str, k: int = 3, **solve_kwargs: Any
) -> list[Alternative]:
    """The adept's next best mentors (up to ``k``, by pair score, then mentor id), other
    than the one they have, each with the exact loss of the round's total if that pair
    were locked instead (a re-solve with the lock, keeping the round's other locks).

    Only mentors the hard rules allow and with a seat that a lock could take are listed.
    Given people instead of a result, the round is solved first (``solve_kwargs`` go to
    ``solve``).
    """
    result = _result(result_or_people, solve_kwargs)
    if adept_id not in result.adept_ids:
        raise KeyError(f"adept {adept_id} finns inte i omgången")
    i = result.adept_ids.index(adept_id)
    ai, mi, locked, caps = _index(result)
    own = ai == i
    current = int(mi[own][0]) if own.any() else -1
    keep_locked = locked & ~own  # the other locks stay; this adept's own lock is replaced
    caps_left = caps - np.bincount(mi[keep_locked], minlength=len(caps))
    locked_total = float(result.matrix[ai[keep_locked], mi[keep_locked]].sum())
    free = np.ones(len(result.adept_ids), dtype=bool)
    free[ai[keep_locked]] = False
    free[i] = False
    free_rows = np.flatnonzero(free)
    threshold = max(result.min_score, 0.0)

    row = result.matrix[i]
    candidates = np.flatnonzero(~np.isnan(row) & (caps_left > 0))
    candidates = candidates[candidates != current]
    # highest score first, then the canonical order (mentor ids are sorted)
    candidates = candidates[np.lexsort((candidates, -row[candidates]))][: max(k, 0)]
    out: list[Alternative] = []
    for j in candidates.tolist():
        seats = caps_left.copy()
        seats[j] -= 1
        rows, cols = _assign(result.matrix, free_rows, seats, threshold)
        total = locked_total + float(row[j]) + float(result.matrix[rows, cols].sum())
        loss = round(result.total_score - round(total, 2), 2) + 0.0
        out.append(
            Alternative(result.mentor_ids[j], float(row[j]), loss, bool(row[j] < threshold))
        )
    return out


def ties(result: MatchResult) -> dict[str, tuple[str, ...]]:
    """For every pair's adept: the other mentors with exactly the same pair score whom the
    adept could have instead without lowering the round's total, because that mentor has
    a free seat or has an adept who scores the same with both mentors (a swap).

    Equally good changes that need a longer chain of moves are not counted, so this is
    "at least these". Locked pairs have none (a lock is not the engine's choice).
    """
    ai, mi, locked, caps = _index(result)
    out: dict[str, tuple[str, ...]] = {p.adept_id: () for p in result.pairs}
    n_m = len(result.mentor_ids)
    if not len(ai) or n_m < 2:
        return out
    s = result.matrix
    score = s[ai, mi]
    with np.errstate(invalid="ignore"):
        same = s[ai] == score[:, None]  # pairs x mentors; NaN (forbidden) is never equal
    same[np.arange(len(ai)), mi] = False
    free_seat = (caps - np.bincount(mi, minlength=n_m)) > 0
    # swap[j, m]: an unlocked adept of mentor j scores the same with mentor m as with j
    swap = np.zeros((n_m, n_m), dtype=bool)
    movable = np.flatnonzero(~locked)
    if len(movable):
        order = movable[np.argsort(mi[movable], kind="stable")]
        with np.errstate(invalid="ignore"):
            equal = s[ai[order]] == score[order][:, None]
        cols, starts = np.unique(mi[order], return_index=True)
        swap[cols] = np.logical_or.reduceat(equal, starts, axis=0)
    tied = same & (free_seat[None, :] | swap[:, mi].T)
    tied[locked] = False
    ids = np.asarray(result.mentor_ids, dtype=object)
    for k in np.flatnonzero(tied.any(axis=1)).tolist():
        out[result.pairs[k].adept_id] = tuple(ids[tied[k]].tolist())
    return out
