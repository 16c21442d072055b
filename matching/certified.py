"""Exact assignment for large rounds: auction prices, a sparse solve, a dual certificate.

scipy's dense ``linear_sum_assignment`` is slow on real rounds (every adept prefers the
same well-stocked mentors: long shortest-path searches through many ties). Here the same
optimum is found in three steps, each one vectorised:

1. **Prices.** A Jacobi auction (all unassigned bidders bid at once; a mentor keeps its
   ``cap`` highest bids) with a fixed ``eps`` gives prices under which every bidder's
   auction mentor is within ``eps`` of its best. These are only a heuristic: nothing
   below relies on their quality for correctness, only for speed.
2. **Sparse solve.** The candidate edges are the cells whose reduced cost under those
   prices is within ``delta`` of the row's best, plus each bidder's auction mentor (so a
   full matching exists). ``min_weight_full_bipartite_matching`` finds an optimal
   matching *within the candidates* (mentor slots as columns).
3. **Certificate.** Bellman-Ford on the candidate edges (vectorised, one pass over all
   edges per iteration) gives column potentials ``v`` that make the sparse optimum tight
   (``c[i, slot(i)] - v[slot(i)] = u[i] <= c[i, j] - v[j]`` on every candidate edge, and
   every slot's potential at most that of any free slot). These are the LP dual of the
   assignment problem with free slots (a free slot behaves like a slot held by a dummy
   row of cost 0). Then the dual constraint ``c[i, j] - v[j] >= u[i]`` is checked on the
   **whole** matrix. If it holds, (u, v) is dual feasible with the same objective as the
   matching, so by LP duality the matching is optimal for the full problem. Violating
   cells are added to the candidates and steps 2-3 repeat; if that does not settle
   quickly the caller falls back to the dense solve.

Costs are integers (``-(100 * score * (N + 1) + 1)`` on kept cells, 0 elsewhere, N the
largest possible number of pairs) held exactly in int64/float64, so the certificate is
exact arithmetic, not a tolerance: maximising these is maximising the total score, and
among equal totals the number of pairs (see ``solver.py``).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

_CHUNK = 256  # rows per block when scanning the whole matrix
_MAX_EXACT = 2.0**52


def encode_benefit(
    score: np.ndarray, keep: np.ndarray, slot_mentor: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """float32 benefit ``S + 0.5`` on kept cells (S = 100 * score, an integer), else 0.

    With ``slot_mentor`` the result is transposed: one row per mentor slot, adepts as
    columns. Built in blocks (no full-size float64 temporaries). Returns (b, max S).
    """
    if slot_mentor is None:
        b = np.zeros(score.shape, np.float32)
        n = score.shape[0]
    else:
        b = np.zeros((len(slot_mentor), score.shape[0]), np.float32)
        n = len(slot_mentor)
    top = 0.0
    for s0 in range(0, n, _CHUNK):
        rows = slice(s0, min(n, s0 + _CHUNK))
        if slot_mentor is None:
            blk, k = score[rows], keep[rows]
        else:
            blk, k = score[:, slot_mentor[rows]].T, keep[:, slot_mentor[rows]].T
        blk = np.rint(np.where(k, blk, 0.0) * 100.0)
        top = max(top, float(blk.max(initial=0.0)))
        blk += 0.5
        np.copyto(b[rows], blk, where=k, casting="unsafe")
    return b, top


def fits(max_s: float, n_pairs: int, n_rows: int) -> bool:
    """Whether the integer costs, and sums of them, are exact in float32/float64."""
    scale = n_pairs + 1
    return max_s + 0.5 < 2.0**23 and (max_s * scale + 1) * (n_rows + 1) * 4 < _MAX_EXACT


def _costs(b: np.ndarray, rows: slice, scale: int) -> np.ndarray:
    """Exact int64 costs of a block of rows, decoded from the benefit matrix."""
    blk = b[rows].astype(np.float64)
    kept = blk > 0
    blk -= 0.5
    blk *= -scale
    blk -= 1.0
    blk[~kept] = 0.0
    return blk.astype(np.int64)


def auction(
    b: np.ndarray, caps: np.ndarray, eps: float, max_rounds: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Jacobi auction, maximising ``b``: (mentor price per column, column per row) or None.

    Column j has ``caps[j]`` identical slots; a bidder's bid is set against the best
    *other* column (slots of one column are interchangeable), and a column keeps its
    ``caps[j]`` highest bids. Every row ends up assigned (``caps.sum() >= rows``).
    """
    n, m = b.shape
    starts = np.concatenate(([0], np.cumsum(caps)[:-1]))
    n_slots = int(caps.sum())
    slot_col = np.repeat(np.arange(m), caps)
    slot_owner = np.full(n_slots, -1, np.intp)
    slot_bid = np.zeros(n_slots, np.float64)
    last = starts + caps - 1  # slots are kept sorted by bid, highest first
    col_of = np.full(n, -1, np.intp)
    un = np.arange(n)
    buf = np.empty((min(_CHUNK * 2, n), m), np.float32)
    eps32 = np.float32(eps)
    for _ in range(max_rounds):
        if un.size == 0:
            return slot_bid[last], col_of
        price = slot_bid[last].astype(np.float32)
        j1 = np.empty(un.size, np.intp)
        inc = np.empty(un.size, np.float64)
        for s0 in range(0, un.size, len(buf)):
            rows = un[s0 : s0 + len(buf)]
            k = len(rows)
            v = buf[:k]
            np.subtract(b[rows], price, out=v)  # (np.take with out= is much slower)
            a1 = np.argmax(v, axis=1)
            r = np.arange(k)
            w1 = v[r, a1]
            if m > 1:
                v[r, a1] = -np.inf
                w2 = v.max(axis=1)
            else:
                w2 = w1
            j1[s0 : s0 + k] = a1
            inc[s0 : s0 + k] = w1.astype(np.float64) - w2
        bid = price[j1] + inc + eps32
        # existing holders of the columns bid on, then the new bids
        hit = np.unique(j1)
        sizes = caps[hit]
        held = np.repeat(starts[hit] - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
        e_col = np.concatenate((slot_col[held], j1))
        e_bid = np.concatenate((slot_bid[held], bid))
        e_own = np.concatenate((slot_owner[held], un))
        e_new = np.concatenate((np.zeros(len(held), np.int8), np.ones(len(un), np.int8)))
        order = np.lexsort((e_own, e_new, -e_bid, e_col))
        e_col, e_bid, e_own = e_col[order], e_bid[order], e_own[order]
        new_group = np.empty(len(e_col), bool)
        new_group[0] = True
        np.not_equal(e_col[1:], e_col[:-1], out=new_group[1:])
        first = np.flatnonzero(new_group)
        rank = np.arange(len(e_col)) - np.repeat(first, np.diff(first, append=len(e_col)))
        kept = rank < caps[e_col]
        dest = starts[e_col[kept]] + rank[kept]
        slot_owner[dest] = e_own[kept]
        slot_bid[dest] = e_bid[kept]
        winners = e_own[kept]
        winners = winners[winners >= 0]
        col_of[winners] = e_col[kept][e_own[kept] >= 0]
        out = e_own[~kept]
        un = out[out >= 0]
        col_of[un] = -1
    return None


def certified_assignment(
    b: np.ndarray,
    caps: np.ndarray,
    n_pairs: int,
    *,
    eps: float | None = None,
    delta: float | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Optimal (row, column) pairs maximising the encoded benefit, or None (use dense).

    ``b`` is from ``encode_benefit`` (rows = bidders, all assigned; ``caps.sum() >= rows``).
    """
    n, m = b.shape
    scale = n_pairs + 1
    top = float(b.max(initial=0.0))
    # measured on generated rounds (benchmarks/): eps 0.4 % and delta 3 % of the best
    # benefit (0.4 and 3 points with the default weights) balance auction rounds
    # against candidate edges; any values give the same, exact, result
    eps = max(top, 1.0) * 0.004 if eps is None else eps
    delta = eps * 7.5 if delta is None else delta
    # a deterministic bound (never a time limit, so the same input always takes the same
    # path): prices climb at least eps per round on a contested column
    got = auction(b, caps, eps, max_rounds=10 * n + int(4 * top / eps) + 100)
    if got is None:
        return None
    price_s, col_of = got
    price = np.rint(price_s * scale).astype(np.int64)  # reduced cost: c + price

    # candidate edges, at mentor level
    e_i, e_j = [], []
    for s0 in range(0, n, _CHUNK):
        rows = slice(s0, min(n, s0 + _CHUNK))
        red = _costs(b, rows, scale)
        red += price
        red -= red.min(axis=1)[:, None]
        mask = red <= delta * scale
        mask[np.arange(red.shape[0]), col_of[rows]] = True
        ii, jj = np.nonzero(mask)
        e_i.append(ii + s0)
        e_j.append(jj)
    ei, ej = np.concatenate(e_i), np.concatenate(e_j)

    starts = np.concatenate(([0], np.cumsum(caps)[:-1]))
    n_slots = int(caps.sum())
    slot_col = np.repeat(np.arange(m), caps)
    v = -np.repeat(price, caps)  # slot potentials (cost - v is the reduced cost)
    for _ in range(4):
        # expand mentor edges to slot edges
        ec = _cell_costs(b, ei, ej, scale)
        si = np.repeat(ei, caps[ej])
        sc = np.repeat(ec, caps[ej])
        sj = np.repeat(starts[ej] - np.cumsum(caps[ej]) + caps[ej], caps[ej]) + np.arange(len(si))
        # every row is matched once, so one constant shift (to make weights > 0, as the
        # sparse solver requires) changes every full matching's cost by the same amount
        w = sc.astype(np.float64)
        w -= w.min() - 1.0
        graph = sp.csr_array((w, (si, sj)), shape=(n, n_slots))
        try:
            ri, ci = min_weight_full_bipartite_matching(graph)
        except ValueError:  # pragma: no cover - the auction edges form a full matching
            return None
        slot_of = np.empty(n, np.intp)
        slot_of[ri] = ci
        potentials = _potentials(si, sj, sc, slot_of, v, n_slots)
        if potentials is None:  # pragma: no cover - cannot happen for an optimal sparse matching
            return None
        v = potentials
        match_cost = _cell_costs(b, np.arange(n), slot_col[slot_of], scale)
        u = match_cost - v[slot_of]
        vmax = np.maximum.reduceat(v, starts)  # the binding slot of each mentor
        add_i, add_j = [], []
        for s0 in range(0, n, _CHUNK):
            rows = slice(s0, min(n, s0 + _CHUNK))
            red = _costs(b, rows, scale)
            red -= vmax
            red -= u[rows][:, None]
            ii, jj = np.nonzero(red < 0)
            add_i.append(ii + s0)
            add_j.append(jj)
        add_i_a, add_j_a = np.concatenate(add_i), np.concatenate(add_j)
        if len(add_i_a) == 0:
            return np.arange(n), slot_col[slot_of]
        ei, ej = np.concatenate((ei, add_i_a)), np.concatenate((ej, add_j_a))
    return None


def _cell_costs(b: np.ndarray, ii: np.ndarray, jj: np.ndarray, scale: int) -> np.ndarray:
    vals = b[ii, jj].astype(np.float64)
    out = np.where(vals > 0, -((vals - 0.5) * scale + 1.0), 0.0)
    return out.astype(np.int64)


def _potentials(
    si: np.ndarray,
    sj: np.ndarray,
    sc: np.ndarray,
    slot_of: np.ndarray,
    v0: np.ndarray,
    n_slots: int,
) -> np.ndarray | None:
    """Largest slot potentials <= v0 satisfying the dual constraints on the edges given.

    Constraint per edge (i, j): ``v[j] <= v[slot_of[i]] + c[i, j] - c[i, slot_of[i]]``;
    per free slot f: ``v[j] <= v[f]`` for every slot j. Bellman-Ford from v0; it settles
    (within n_slots + 1 passes) exactly when the matching is optimal on these edges.
    """
    is_match = sj == slot_of[si]
    match_cost = np.zeros(len(slot_of), np.int64)
    match_cost[si[is_match]] = sc[is_match]
    order = np.argsort(sj, kind="stable")
    tgt = sj[order]
    src = slot_of[si[order]]
    w = (sc - match_cost[si])[order]
    heads = np.flatnonzero(np.concatenate(([True], tgt[1:] != tgt[:-1])))
    cols = tgt[heads]
    free = np.ones(n_slots, bool)
    free[slot_of] = False
    any_free = bool(free.any())
    v = v0.astype(np.int64, copy=True)
    for _ in range(n_slots + 2):
        best = np.minimum.reduceat(v[src] + w, heads)
        nv = v.copy()
        nv[cols] = np.minimum(nv[cols], best)
        if any_free:
            np.minimum(nv, nv[free].min(), out=nv)
        if np.array_equal(nv, v):
            return v
        v = nv
    return None
