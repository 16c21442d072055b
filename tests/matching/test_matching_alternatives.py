"""Alternatives and ties on hand-made rounds (brute force: test_matching_properties.py)."""

from __future__ import annotations

import pytest

from matching import TIE_BREAK, Person, Weights, alternatives, describe, solve, ties
from matching.model import Reason


def M(i, mun="1292", **kw):
    return Person(id=i, role="mentor", municipality=mun, **kw)


def A(i, mun="1283", **kw):
    return Person(id=i, role="adept", municipality=mun, **kw)


def test_identical_people_tie_by_swap_and_by_free_seat():
    people = [A(f"a{i}") for i in range(3)] + [M(f"m{i}") for i in range(4)]
    result = solve(people)
    got = ties(result)
    assert set(got) == {"a0", "a1", "a2"}
    for pair in result.pairs:
        # the three other mentors: two by a swap, the unused one by its free seat
        assert set(got[pair.adept_id]) == {f"m{i}" for i in range(4)} - {pair.mentor_id}


def test_a_different_score_or_a_lock_is_no_tie():
    people = [
        A("a0", goals=frozenset({"ledarskap"})),
        A("a1"),
        M("m0", goals=frozenset({"ledarskap"})),
        M("m1"),
    ]
    result = solve(people)
    assert ties(result) == {"a0": (), "a1": ()}
    locked = solve([A("a0", lock="m0"), A("a1"), M("m0"), M("m1"), M("m2")])
    got = ties(locked)
    assert got["a0"] == ()
    assert set(got["a1"]) == {"m1", "m2"} - {locked.pairs[1].mentor_id}


def test_alternatives_rank_by_score_and_give_the_exact_loss():
    goals = frozenset({"ledarskap", "ekonomi"})
    people = [
        A("a", goals=goals),
        A("b", goals=goals),
        M("m1", goals=goals),
        M("m2", goals=frozenset({"ledarskap"})),
        M("m3", mun="1283"),  # same municipality as the adepts: never an alternative
        M("m4", capacity=0),  # no seat: no lock can take it
    ]
    weights = Weights(business_area=0, experience=0, gender=0, distance=0, wish=0)
    result = solve(people, weights=weights)
    assert [(p.adept_id, p.mentor_id, p.score) for p in result.pairs] == [
        ("a", "m1", 40.0),
        ("b", "m2", 20.0),
    ]
    alts = alternatives(result, "a")
    # a with m2 (20) leaves b the best mentor m1 (40): the same total of 60
    assert [(x.mentor_id, x.score, x.loss, x.below_minimum) for x in alts] == [
        ("m2", 20.0, 0.0, False)
    ]
    strict = solve(people, weights=weights, min_score=30)
    assert [p.adept_id for p in strict.pairs] == ["a"]
    alts = alternatives(strict, "b")
    # b locked to m1 takes a's mentor: a is left without one (a pair below the minimum)
    assert [(x.mentor_id, x.loss) for x in alts] == [("m1", 0.0), ("m2", -20.0)]
    assert [x.below_minimum for x in alts] == [False, True]
    assert alternatives(people, "b", weights=weights, min_score=30) == alts
    with pytest.raises(KeyError):
        alternatives(result, "nobody")


@pytest.mark.wording
def test_tie_break_rule_is_a_text_in_both_languages():
    assert describe(TIE_BREAK).startswith("vid lika total poäng väljer motorn utan slump")
    assert describe(TIE_BREAK, "en").startswith("when totals are equal the engine chooses")
    assert describe(Reason("tied", {"n": 3})) == "lika bra mentorer till: 3"
