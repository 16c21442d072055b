"""Property tests: the engine is optimal (brute force) and never breaks a hard rule."""

from __future__ import annotations

import math
import random
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matching_reference import allowed, best_total, score
from scipy.optimize import linear_sum_assignment

import matching.scoring as scoring_module
import matching.solver as solver_module
from matching import MEMBER_PLACES, LockError, Person, Weights, alternatives, solve, ties
from matching.certified import certified_assignment, encode_benefit
from matching.places import distance_table
from matching.scoring import allowed_matrix, criterion_values, encode, score_matrix

CODES = ["1260", "1278", "1283", "1292"]


@st.composite
def rounds(draw):
    n_a = draw(st.integers(0, 7))
    n_m = draw(st.integers(0, 7))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    goals = ["ledarskap", "ekonomi", "konflikter", "rekrytering"]
    ids_a = [f"a{i}" for i in range(n_a)]
    ids_m = [f"m{i}" for i in range(n_m)]

    def person(pid: str, role: str) -> Person:
        others = ids_m if role == "adept" else ids_a
        excl = frozenset(x for x in others if rnd.random() < 0.15)
        lock = None
        if role == "adept" and ids_m and rnd.random() < 0.15:
            lock = rnd.choice(ids_m)
        wishes: tuple[str, ...] = ()
        if role == "adept" and ids_m and rnd.random() < 0.7:
            wishes = tuple(rnd.sample(ids_m, rnd.randint(1, min(3, len(ids_m)))))
        return Person(
            id=pid,
            role=role,
            municipality=rnd.choice(CODES),
            business_area=rnd.choice(["Skola", "Omsorg", "Teknik"]),
            level=rnd.randint(1, 3),
            years_as_manager=rnd.randint(0, 12),
            goals=frozenset(g for g in goals if rnd.random() < 0.4),
            languages=rnd.choice([frozenset({"sv"}), frozenset({"en"}), frozenset({"sv", "en"})]),
            gender=rnd.choice([None, "woman", "man", "other"]),
            gender_preference=rnd.choice([None, None, "woman", "man"]) if role == "adept" else None,
            meeting_mode=rnd.choice(["in_person", "digital", "either"]),
            capacity=rnd.randint(0, 3) if role == "mentor" else 1,
            exclude=excl,
            lock=lock,
            wishes=wishes,
        )

    people = [person(i, "adept") for i in ids_a] + [person(i, "mentor") for i in ids_m]
    rnd.shuffle(people)
    weights = draw(
        st.sampled_from(
            [
                Weights(),
                Weights(business_area=0, distance=60),
                Weights(goals=7.5, experience=0, gender=33.3, distance=5, wish=0),
                Weights(wish=250.0),
                Weights(wish=7.0),
            ]
        )
    )
    min_score = draw(st.sampled_from([0.0, 0.0, 30.0, 70.0, -10.0]))
    return people, weights, min_score


def _locks_valid(people: list[Person]) -> bool:
    by_id = {p.id: p for p in people}
    used: dict[str, int] = {}
    for p in people:
        if p.lock is not None:
            if not allowed(p, by_id[p.lock]):
                return False
            used[p.lock] = used.get(p.lock, 0) + 1
    return all(n <= by_id[m].capacity for m, n in used.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_optimal_and_rules_kept(case):
    _check_round(*case)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_certified_path_optimal_and_rules_kept(case):
    """The same checks with the large-round path (auction, sparse solve, certificate)."""
    with _force_certified():
        _check_round(*case)


@contextmanager
def _force_certified():
    old, inner = solver_module.CERTIFIED_MIN_CELLS, solver_module._assign_certified

    def certified_only(*args, **kwargs):
        got = inner(*args, **kwargs)
        assert got is not None, "the certified path fell back to the dense solve"
        return got

    solver_module.CERTIFIED_MIN_CELLS = 0
    solver_module._assign_certified = certified_only
    try:
        yield
    finally:
        solver_module.CERTIFIED_MIN_CELLS = old
        solver_module._assign_certified = inner


def _check_round(people, weights, min_score):
    by_id = {p.id: p for p in people}
    if not _locks_valid(people):
        with pytest.raises(LockError):
            solve(people, weights=weights, min_score=min_score)
        return
    result = solve(people, weights=weights, min_score=min_score)

    # the matrix is the documented score of every allowed pair, empty where forbidden
    for i, aid in enumerate(result.adept_ids):
        for j, mid in enumerate(result.mentor_ids):
            a, m = by_id[aid], by_id[mid]
            cell = result.matrix[i, j]
            if allowed(a, m):
                # abs 0.0101: a sum ending in exactly 5 thousandths may round either way
                # depending on the order of the float additions
                assert cell == pytest.approx(round(score(a, m, weights), 2), abs=0.0101)
            else:
                assert math.isnan(cell)

    # hard rules, capacities, locks
    load: dict[str, int] = {}
    seen: set[str] = set()
    for pair in result.pairs:
        a, m = by_id[pair.adept_id], by_id[pair.mentor_id]
        assert a.role == "adept" and m.role == "mentor"
        assert allowed(a, m)
        assert pair.adept_id not in seen
        seen.add(pair.adept_id)
        load[m.id] = load.get(m.id, 0) + 1
        assert pair.locked == (a.lock is not None)
        if a.lock is None:
            assert pair.score >= max(min_score, 0.0)
        assert sum(pair.contributions.values()) == pytest.approx(pair.score, abs=0.03)
    for mid, n in load.items():
        assert n <= by_id[mid].capacity
    for p in people:
        if p.lock is not None:
            assert (p.id, p.lock) in {(x.adept_id, x.mentor_id) for x in result.pairs}
    adepts = {p.id for p in people if p.role == "adept"}
    assert seen | {u.adept_id for u in result.unmatched} == adepts
    assert not seen & {u.adept_id for u in result.unmatched}

    # optimal: equals the brute-force best over the free adepts and remaining capacity
    locked = [x for x in result.pairs if x.locked]
    caps = [by_id[m].capacity - sum(x.mentor_id == m for x in locked) for m in result.mentor_ids]
    free_rows = [
        [None if math.isnan(v) else float(v) for v in result.matrix[i]]
        for i, aid in enumerate(result.adept_ids)
        if by_id[aid].lock is None
    ]
    expected = sum(x.score for x in locked) + best_total(free_rows, caps, max(min_score, 0.0))
    assert result.total_score == pytest.approx(expected, abs=1e-6)
    assert result.total_score == pytest.approx(sum(x.score for x in result.pairs), abs=1e-6)

    # deterministic regardless of input order
    again = solve(list(reversed(people)), weights=weights, min_score=min_score)
    assert [(x.adept_id, x.mentor_id) for x in again.pairs] == [
        (x.adept_id, x.mentor_id) for x in result.pairs
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 7),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
    st.sampled_from([0.0, 1.0, 100.0]),
    st.sampled_from([0.5, 10.0, 1000.0]),
)
def test_certified_assignment_equals_dense(n_rows, n_cols, seed, delta, eps):
    """certified_assignment against a dense solve on tie-heavy matrices, with candidate
    sets small enough (delta 0) that the certificate must add cells and re-solve."""
    rng = np.random.default_rng(seed)
    caps = rng.integers(1, 3, n_cols)
    while caps.sum() < n_rows:
        caps[rng.integers(n_cols)] += 1
    score = rng.choice([0.0, 10.0, 12.5, 40.0, 40.01], size=(n_rows, n_cols))
    keep = rng.random((n_rows, n_cols)) < 0.8
    n_pairs = min(n_rows, int(caps.sum()))
    b, top = encode_benefit(score, keep)
    got = certified_assignment(b, caps, n_pairs, eps=eps, delta=delta)
    assert got is not None
    rows, cols = got
    assert len(set(rows.tolist())) == n_rows
    assert all(np.bincount(cols, minlength=n_cols) <= caps)
    benefit = np.where(keep, np.rint(score * 100) * (n_pairs + 1) + 1, 0.0)
    slots = np.repeat(benefit, caps, axis=1)
    r, c = linear_sum_assignment(slots, maximize=True)
    assert benefit[rows, cols].sum() == slots[r, c].sum()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_score_matrix_equals_criterion_values_bit_for_bit(case):
    """The blocked, table-driven score_matrix gives exactly the arithmetic of
    criterion_values (which also explains single pairs)."""
    people, weights, _ = case
    mun_index = {p.code: i for i, p in enumerate(MEMBER_PLACES)}
    adepts = sorted((p for p in people if p.role == "adept"), key=lambda p: p.id)
    mentors = sorted((p for p in people if p.role == "mentor"), key=lambda p: p.id)
    a, m = encode(adepts, mentors, mun_index)
    dist = distance_table(list(MEMBER_PLACES))
    allowed_m = allowed_matrix(a, m, [])
    old_block = scoring_module._BLOCK_CELLS
    scoring_module._BLOCK_CELLS = 5  # several blocks of rows
    try:
        got = score_matrix(a, m, weights, dist, allowed_m)
    finally:
        scoring_module._BLOCK_CELLS = old_block
    want = np.zeros((len(adepts), len(mentors)))
    ai, mi = np.arange(len(adepts))[:, None], np.arange(len(mentors))[None, :]
    for key, value in criterion_values(a, m, ai, mi, dist):
        if getattr(weights, key):
            want = want + np.multiply(value, float(getattr(weights, key)))
    want = np.round(want, 2) + 0.0
    want[~allowed_m] = np.nan
    assert np.array_equal(got, want, equal_nan=True)


def _best_with_lock(result, by_id, adept_id, mentor_id):
    """Brute-force best total with the adept locked to the mentor (other locks kept)."""
    i, j = result.adept_ids.index(adept_id), result.mentor_ids.index(mentor_id)
    locked = [
        (x.adept_id, x.mentor_id) for x in result.pairs if x.locked and x.adept_id != adept_id
    ]
    locked.append((adept_id, mentor_id))
    caps = [by_id[m].capacity - sum(lm == m for _, lm in locked) for m in result.mentor_ids]
    if min(caps) < 0:
        return None
    fixed = {a for a, _ in locked}
    rows = [
        [None if math.isnan(v) else float(v) for v in result.matrix[r]]
        for r, aid in enumerate(result.adept_ids)
        if aid not in fixed
    ]
    score = sum(
        float(result.matrix[result.adept_ids.index(a), result.mentor_ids.index(m)])
        for a, m in locked
    )
    assert not math.isnan(result.matrix[i, j])
    return score + best_total(rows, caps, max(result.min_score, 0.0))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_alternatives_and_ties_against_brute_force(case):
    people, weights, min_score = case
    if not _locks_valid(people):
        return
    by_id = {p.id: p for p in people}
    result = solve(people, weights=weights, min_score=min_score)
    current = {x.adept_id: x.mentor_id for x in result.pairs}
    for i, aid in enumerate(result.adept_ids):
        alts = alternatives(result, aid, k=len(result.mentor_ids))
        # every allowed mentor with a seat a lock could take, best score first
        expected = set()
        for j, mid in enumerate(result.mentor_ids):
            if math.isnan(result.matrix[i, j]) or mid == current.get(aid):
                continue
            if _best_with_lock(result, by_id, aid, mid) is not None:
                expected.add(mid)
        assert {a.mentor_id for a in alts} == expected
        assert [a.score for a in alts] == sorted((a.score for a in alts), reverse=True)
        for alt in alts:
            best = _best_with_lock(result, by_id, aid, alt.mentor_id)
            assert alt.loss == pytest.approx(result.total_score - best, abs=1e-6)
            assert alt.below_minimum == (alt.score < max(min_score, 0.0))
            if not alt.below_minimum and by_id[aid].lock is None:
                assert alt.loss >= 0  # (replacing an admin's lock may gain)
        assert alternatives(result, aid, k=1) == alts[:1]
    for aid, mentors in ties(result).items():
        pair = next(x for x in result.pairs if x.adept_id == aid)
        assert pair.mentor_id not in mentors
        for mid in mentors:
            j = result.mentor_ids.index(mid)
            assert result.matrix[result.adept_ids.index(aid), j] == pair.score
            best = _best_with_lock(result, by_id, aid, mid)
            assert best == pytest.approx(result.total_score, abs=1e-6)
