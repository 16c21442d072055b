"""One optimal solve: locks first, then an optimal assignment over the free places.

Formulation (why a plain rectangular assignment is enough)
----------------------------------------------------------
Let ``s[i, j]`` be the rounded score of adept i with mentor j, ``t = max(min_score, 0)``
and K the *kept* cells: allowed by the hard rules and ``s >= t``. (A pair below 0 never
raises the total, so a negative minimum behaves like 0.) We want a matching inside K,
within the mentors' remaining capacities, of maximal total score.

Repeat mentor j's column ``cap[j]`` times and set ``w = s + eps`` on kept cells and
``w = 0`` everywhere else. All weights are >= 0, so:

* every feasible matching M extends to a full rectangular assignment (``min(rows, cols)``
  cells) by adding cells of weight >= 0, hence ``max_assignment(w) >= w(M)``;
* from any full assignment, dropping the non-kept cells (weight 0) leaves a feasible
  matching of the same weight.

So the optimal assignment of ``w``, with the zero cells dropped, is an optimal matching.
No "no mentor" columns are needed, the matrix keeps the shape of the bare problem.
``eps`` is a tie-break: scores are multiples of 0.01, so any two totals differ by 0 or
by >= 0.01 > eps * (number of pairs); among equally good matchings the one with most
pairs wins (an allowed pair scoring exactly the minimum is made, not dropped).

Before the solve the cost matrix is shifted by row and/or column constants. When every
row (or every column) is assigned, such shifts change every full assignment's cost by
the same amount, so the optimum is unchanged; they only make scipy's shortest
augmenting path search much faster on the strongly structured matrices real rounds give.

Large problems (``CERTIFIED_MIN_CELLS`` cells or more) are solved by ``certified.py``
instead: the same objective in exact integers (``100 * score * (N + 1) + 1`` per kept
cell, N the largest possible number of pairs: the same order of solutions as
``score + eps``), an auction for prices, a sparse solve and an LP-duality certificate on
the whole matrix (see its docstring for why the result is optimal). If the certificate
does not settle, the dense solve below is used.

Ties are broken by a canonical order (people sorted by id) and deterministic algorithms
(no randomness, no time limits), so the same input in any order gives the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from .certified import certified_assignment, encode_benefit, fits
from .explain import build_result, lock_rule_broken
from .model import DEFAULT_WEIGHTS, LockError, MatchResult, Person, Place, Problem, Weights
from .places import MEMBER_PLACES, distance_table, place_lookup
from .scoring import allowed_matrix, encode, score_matrix
from .validate import check_people

# problems of at least this many cells (adepts x mentor slots) go through certified.py;
# smaller ones are solved densely (fast enough, and the tests set this to 0 to force it)
CERTIFIED_MIN_CELLS = 250_000


def solve(
    people: Iterable[Person],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    min_score: float = 0.0,
    places: Iterable[Place] = MEMBER_PLACES,
) -> MatchResult:
    """Optimal mentor-adept pairs for a round, with explanations. See matching/README.md."""
    people = list(people)
    place_list = _unique_places(places)
    lookup = place_lookup(place_list)
    check_people(people, lookup)
    mun_index = {p.code: i for i, p in enumerate(place_list)}
    people = [_with_code(p, lookup) for p in people]

    adepts = sorted((p for p in people if p.role == "adept"), key=lambda p: p.id)
    mentors = sorted((p for p in people if p.role == "mentor"), key=lambda p: p.id)
    a_idx = {p.id: i for i, p in enumerate(adepts)}
    m_idx = {p.id: j for j, p in enumerate(mentors)}
    a, m = encode(adepts, mentors, mun_index)
    dist = distance_table(place_list)

    exclusions: set[tuple[int, int]] = set()
    for p in people:
        for other in p.exclude:
            if p.role == "adept" and other in m_idx:
                exclusions.add((a_idx[p.id], m_idx[other]))
            elif p.role == "mentor" and other in a_idx:
                exclusions.add((a_idx[other], m_idx[p.id]))
    allowed = allowed_matrix(a, m, sorted(exclusions))
    scores = score_matrix(a, m, weights, dist, allowed)

    locked = _apply_locks(adepts, mentors, m_idx, allowed)
    caps = np.array([p.capacity for p in mentors], dtype=np.intp)
    for _, j in locked:
        caps[j] -= 1

    free = np.array([i for i, p in enumerate(adepts) if p.lock is None], dtype=np.intp)
    threshold = max(float(min_score), 0.0)
    rows, cols = _assign(scores, free, caps, threshold)
    return build_result(
        a,
        m,
        scores,
        allowed,
        locked,
        list(zip(rows.tolist(), cols.tolist(), strict=True)),
        caps,
        weights,
        float(min_score),
        threshold,
        dist,
        len(place_list),
    )


def _assign(
    scores: np.ndarray, free: np.ndarray, caps: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Optimal (adept, mentor) index pairs among the free adepts and remaining capacity."""
    sub = scores if len(free) == scores.shape[0] else scores[free]
    with np.errstate(invalid="ignore"):
        keep = sub >= threshold  # NaN (forbidden) compares False
    keep &= (caps > 0)[None, :]
    row_ok = np.flatnonzero(keep.any(axis=1))
    col_ok = np.flatnonzero(keep.any(axis=0))
    if len(row_ok) == 0:
        return np.empty(0, np.intp), np.empty(0, np.intp)
    if len(row_ok) < keep.shape[0] or len(col_ok) < keep.shape[1]:
        keep = keep[np.ix_(row_ok, col_ok)]
        sub = sub[np.ix_(row_ok, col_ok)]
    slot_caps = caps[col_ok]
    n_pairs_max = min(len(row_ok), int(slot_caps.sum()))
    if len(row_ok) * int(slot_caps.sum()) >= CERTIFIED_MIN_CELLS:
        got = _assign_certified(sub, keep, slot_caps, n_pairs_max)
        if got is not None:
            r, c = got
            good = keep[r, c]
            return free[row_ok[r[good]]], col_ok[c[good]]
    eps = 0.001 / (n_pairs_max + 1)
    cost = np.negative(sub)  # minimise -(score + eps)
    cost -= eps
    np.copyto(cost, 0.0, where=~keep)
    del sub
    if (slot_caps != 1).any():
        cost = np.repeat(cost, slot_caps, axis=1)
    _condition(cost)
    linear_sum_assignment = scipy_assignment()
    if cost.shape[0] == cost.shape[1]:
        # measured: mentor slots as rows is faster on real rounds (same optimum)
        c, r = linear_sum_assignment(np.ascontiguousarray(cost.T))
    else:
        r, c = linear_sum_assignment(cost)
    del cost
    slot_col = np.repeat(np.arange(len(col_ok)), slot_caps)
    c = slot_col[c]
    good = keep[r, c]
    return free[row_ok[r[good]]], col_ok[c[good]]


def scipy_assignment() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """scipy's dense solver, imported on first use: large rounds go through certified.py
    and need only scipy.sparse, so the command line does not pay for scipy.optimize."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment


def _assign_certified(
    sub: np.ndarray, keep: np.ndarray, caps: np.ndarray, n_pairs_max: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """(row, column) pairs of an optimal assignment via ``certified.py``, or None.

    The smaller side bids: adepts when the slots suffice for all of them, else the
    mentor slots (one row per slot, the adepts as columns of capacity 1).
    """
    n_rows = sub.shape[0]
    if n_rows <= int(caps.sum()):
        b, top = encode_benefit(sub, keep)
        if not fits(top, n_pairs_max, max(b.shape)):
            return None
        return certified_assignment(b, caps, n_pairs_max)
    slot_mentor = np.repeat(np.arange(len(caps)), caps)
    b, top = encode_benefit(sub, keep, slot_mentor)
    if not fits(top, n_pairs_max, max(b.shape)):
        return None
    got = certified_assignment(b, np.ones(n_rows, np.intp), n_pairs_max)
    if got is None:
        return None
    slots, adepts = got
    return adepts, slot_mentor[slots]


def _condition(cost: np.ndarray) -> None:
    """Shift rows/columns by constants (in place) where that cannot change the optimum."""
    n_rows, n_cols = cost.shape
    if n_rows >= n_cols:  # every column is assigned: column shifts are free
        cost -= cost.mean(axis=0)[None, :]
    if n_rows <= n_cols:  # every row is assigned: row shifts are free
        cost -= cost.mean(axis=1)[:, None]
    if n_rows >= n_cols:
        cost -= cost.min(axis=0)[None, :]
    if n_rows <= n_cols:
        cost -= cost.min(axis=1)[:, None]


def _apply_locks(
    adepts: Sequence[Person],
    mentors: Sequence[Person],
    m_idx: dict[str, int],
    allowed: np.ndarray,
) -> list[tuple[int, int]]:
    problems: list[Problem] = []
    locked: list[tuple[int, int]] = []
    for i, p in enumerate(adepts):
        if p.lock is None:
            continue
        j = m_idx[p.lock]
        if not allowed[i, j]:
            rule = lock_rule_broken(p, mentors[j])
            problems.append(
                Problem(
                    None, f"låsningen av adept {p.id} till mentor {p.lock} bryter regeln: {rule}"
                )
            )
        locked.append((i, j))
    per_mentor: dict[int, list[str]] = {}
    for i, j in locked:
        per_mentor.setdefault(j, []).append(adepts[i].id)
    for j, ids in sorted(per_mentor.items()):
        if len(ids) > mentors[j].capacity:
            problems.append(
                Problem(
                    None,
                    (
                        f"mentor {mentors[j].id} har plats för {mentors[j].capacity} "
                        f"adept(er) men är låst till {len(ids)}: {', '.join(ids)}"
                    ),
                )
            )
    if problems:
        raise LockError("\n".join(str(p) for p in problems), problems)
    return locked


def _unique_places(places: Iterable[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for p in places:
        seen.setdefault(p.code, p)
    return list(seen.values())


def _with_code(p: Person, lookup: dict[str, Place]) -> Person:
    from dataclasses import replace

    from .places import resolve_municipality

    place = resolve_municipality(p.municipality, lookup)
    assert place is not None
    return p if place.code == p.municipality else replace(p, municipality=place.code)
