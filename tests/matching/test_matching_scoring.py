"""Each criterion, each weight, each reason, locks."""

from __future__ import annotations

import dataclasses

import pytest

from matching import CRITERIA, DEFAULT_WEIGHTS, LockError, Person, Reason, Weights, describe, solve

BASE_A = Person(
    id="a",
    role="adept",
    municipality="1283",
    business_area="Skola",
    level=2,
    years_as_manager=5,
    goals=frozenset({"ledarskap", "ekonomi", "konflikter", "it"}),
)
BASE_M = Person(
    id="m", role="mentor", municipality="1292", business_area="Skola", level=2, years_as_manager=5
)


def pair(a_changes=None, m_changes=None, weights=DEFAULT_WEIGHTS, min_score=-1000.0):
    a = dataclasses.replace(BASE_A, **(a_changes or {}))
    m = dataclasses.replace(BASE_M, **(m_changes or {}))
    other = Person(id="other", role="mentor", municipality="1292", capacity=0)
    result = solve([a, m, other], weights=weights, min_score=min_score)
    return result.matrix[0, 0], result


CASES = {
    "business_area": ({}, {"business_area": "Omsorg"}, {}, {}),
    "goals": ({}, {"goals": frozenset({"ledarskap", "ekonomi", "konflikter"})}, {}, {}),
    "experience": ({}, {"years_as_manager": 9, "level": 3}, {}, {}),
    "gender": (
        {"gender_preference": "woman"},
        {"gender": "woman"},
        {"gender_preference": "woman"},
        {"gender": "man"},
    ),
    "wish": ({"wishes": ("m",)}, {}, {"wishes": ("other",)}, {}),
}


def test_every_criterion_but_distance_has_a_case():
    # distance only subtracts, it has its own test below
    assert set(CASES) | {"distance"} == set(CRITERIA)


@pytest.mark.parametrize("key", list(CASES))
def test_criterion_raises_score_and_zero_weight_removes_it(key):
    better_a, better_m, worse_a, worse_m = CASES[key]
    better, res = pair(better_a, better_m)
    worse, _ = pair(worse_a, worse_m)
    assert better > worse
    assert res.pairs[0].contributions[key] > 0
    w0 = dataclasses.replace(DEFAULT_WEIGHTS, **{key: 0.0})
    assert pair(better_a, better_m, w0)[0] == pair(worse_a, worse_m, w0)[0]
    assert pair(better_a, better_m, w0)[1].pairs[0].contributions[key] == 0


def test_distance_counts_against_in_person_pairs_only():
    near, res = pair({"meeting_mode": "in_person"}, {"municipality": "1260"})  # Bjuv
    far, _ = pair({"meeting_mode": "in_person"}, {"municipality": "1257"})  # Örkelljunga
    digital, _ = pair(
        {"meeting_mode": "in_person"}, {"municipality": "1257", "meeting_mode": "digital"}
    )
    assert digital > near > far
    assert res.pairs[0].contributions["distance"] < 0
    assert any(r.code == "distance" and r.params["km"] > 0 for r in res.pairs[0].reasons)
    w0 = dataclasses.replace(DEFAULT_WEIGHTS, distance=0.0)
    assert pair({"meeting_mode": "in_person"}, {"municipality": "1257"}, w0)[0] == pytest.approx(
        pair({}, {"municipality": "1257"}, w0)[0]
    )
    assert pair({"meeting_mode": "either"}, {"municipality": "1257"})[0] == digital


def test_two_who_both_can_meet_either_way_are_told_so_not_digital_meetings():
    _, both = pair({"meeting_mode": "either"}, {"meeting_mode": "either"})
    _, one_digital = pair({"meeting_mode": "either"}, {"meeting_mode": "digital"})
    assert Reason("either_meetings") in both.pairs[0].reasons
    assert Reason("digital_meetings") not in both.pairs[0].reasons
    assert Reason("digital_meetings") in one_digital.pairs[0].reasons
    assert Reason("either_meetings") not in one_digital.pairs[0].reasons


def _reasons_of_a_pair_across_business_areas():
    _, res = pair(
        {"meeting_mode": "in_person"},
        {
            "business_area": "Omsorg",
            "goals": frozenset({"ledarskap", "ekonomi", "it"}),
            "municipality": "1260",
        },
    )
    return res


def test_reasons_are_codes_worded_in_swedish_or_english():
    res = _reasons_of_a_pair_across_business_areas()
    reasons = res.pairs[0].reasons
    assert Reason("different_business_areas") in reasons
    goals = {"covered": ["ekonomi", "it", "ledarskap"], "missing": ["konflikter"], "wanted": 4}
    assert Reason("goals_covered", goals) in reasons
    km = next(r for r in reasons if r.code == "distance").params["km"]
    assert isinstance(km, int)
    swedish = [describe(r) for r in reasons]
    english = [describe(r, "en") for r in reasons]
    # every code is worded (not shown as itself), the goals with their names, in each
    # language; only the distance reads the same in both
    assert not {r.code for r in reasons} & set(swedish + english)
    goals = reasons.index(next(r for r in reasons if r.code == "goals_covered"))
    assert "konflikter" in swedish[goals] and "konflikter" in english[goals]
    assert [r.code for r, sv, en in zip(reasons, swedish, english, strict=True) if sv == en] == [
        "distance"]
    assert f"{km} km" in swedish and f"{km} km" in english
    assert all(Reason.from_dict(r.to_dict()) == r for r in reasons)
    assert set(res.pairs[0].contributions) == set(CRITERIA)


def test_weights_dict_round_trip_and_unknown_key():
    w = Weights.from_dict({"goals": 10, "distance": 0})
    assert w.goals == 10 and w.distance == 0 and w.business_area == DEFAULT_WEIGHTS.business_area
    assert Weights.from_dict(w.to_dict()) == w
    with pytest.raises(ValueError, match="okänd vikt"):
        Weights.from_dict({"age": 1})


def M(i, mun="1292", **kw):
    return Person(id=i, role="mentor", municipality=mun, **kw)


def A(i, mun="1283", **kw):
    return Person(id=i, role="adept", municipality=mun, **kw)


def test_unmatched_no_candidate():
    res = solve([A("a", "1292"), M("m", "1292"), A("b", languages=frozenset({"en"}))])
    assert {u.adept_id: u.code for u in res.unmatched} == {"a": "no_candidate", "b": "no_candidate"}
    assert res.unmatched[0].reason == Reason("no_candidate")
    # excluded and full mentors count as no candidate too
    res = solve([A("a", exclude=frozenset({"m"})), M("m")])
    assert res.unmatched[0].code == "no_candidate"
    res = solve([A("a"), M("m", capacity=0)])
    assert res.unmatched[0].code == "no_candidate"


def test_unmatched_below_minimum():
    res = solve([A("a"), M("m")], min_score=95)
    assert res.unmatched[0].code == "below_minimum"
    u = res.unmatched[0]
    assert set(u.params) == {"best", "required"} and u.params["required"] == 95.0
    assert u.params["best"] < 95.0
    assert "95" in describe(u.reason) and "95" in describe(u.reason, "en")  # the minimum, shown
    assert not res.pairs


def test_unmatched_capacity_taken():
    res = solve([A("a", goals=frozenset({"x"})), A("b"), M("m", goals=frozenset({"x"}))])
    assert [(p.adept_id, p.mentor_id) for p in res.pairs] == [("a", "m")]
    assert res.unmatched[0].code == "capacity_taken"


def test_pair_at_exactly_the_minimum_is_made():
    res = solve(
        [A("a", business_area="x"), M("m", business_area="x")],
        weights=Weights(experience=0, distance=0),
    )
    assert res.pairs and res.pairs[0].score == 0.0


def test_locks_are_kept_even_when_not_best():
    people = [
        A("a", goals=frozenset({"x"})),
        A("b", lock="m2"),
        M("m1", goals=frozenset({"x"})),
        M("m2", mun="1260", goals=frozenset({"x"})),
    ]
    res = solve(people)
    assert ("b", "m2") in {(p.adept_id, p.mentor_id) for p in res.pairs}
    assert next(p for p in res.pairs if p.adept_id == "b").locked
    assert Reason("locked") in next(p for p in res.pairs if p.adept_id == "b").reasons


@pytest.mark.parametrize(
    "people, words",
    [
        ([A("a", mun="1292", lock="m"), M("m")], ["a", "m", "samma kommun"]),
        ([A("a", lock="m", languages=frozenset({"en"})), M("m")], ["inget gemensamt språk"]),
        ([A("a", lock="m", exclude=frozenset({"m"})), M("m")], ["undantagit"]),
        ([A("a", lock="m"), A("b", lock="m"), M("m")], ["m", "plats för 1", "a, b"]),
        ([A("a", lock="zz"), M("m")], ["zz", "inte finns"]),
        ([A("a", lock="b"), A("b")], ["inte är mentor"]),
    ],
)
def test_bad_lock_is_an_error_naming_it(people, words):
    with pytest.raises(LockError) as info:
        solve(people)
    for word in words:
        assert word in str(info.value)
    assert isinstance(info.value, ValueError) and info.value.problems


def test_figures():
    people = [
        A("a", business_area="x"),
        A("b", mun="1260", business_area="y"),
        M("m", business_area="y", capacity=2),
        M("n", mun="1283", capacity=3),
    ]
    res = solve(people)
    f = res.figures
    assert (f.pairs, f.adepts, f.mentors, f.unmatched) == (2, 2, 2, 0)
    assert f.capacity_total == 5 and f.capacity_used == 2
    assert f.municipalities_total == 3
    assert 0 <= f.share_across_business_areas <= 1
    assert f.mean_score == pytest.approx(res.total_score / 2, abs=0.01)


def test_same_input_any_order_same_pairs_with_ties():
    people = [A(f"a{i}") for i in range(6)] + [M(f"m{i}") for i in range(4)]
    first = solve(people)
    for k in range(5):
        again = solve(people[k:] + people[:k])
        assert [(p.adept_id, p.mentor_id) for p in again.pairs] == [
            (p.adept_id, p.mentor_id) for p in first.pairs
        ]


def test_places_can_be_replaced():
    from matching import Place

    places = [Place("9001", "Nyby", 56.0, 13.0), Place("9002", "Gammelby", 56.1, 13.0)]
    res = solve([A("a", mun="9001"), M("m", mun="Gammelby")], places=places)
    assert len(res.pairs) == 1


def test_goals_reason_names_covered_and_missing_goals_in_swedish_order():
    _, res = pair(
        {"goals": frozenset({"Öppenhet", "ärlighet", "Ledarskap", "ledarskap", "åtgärder"})},
        {"goals": frozenset({"LEDARSKAP", "öppenhet"})},
    )
    reason = next(r for r in res.pairs[0].reasons if r.code == "goals_covered")
    assert reason.params == {
        "covered": ["Ledarskap", "Öppenhet"],
        "missing": ["åtgärder", "ärlighet"],
        "wanted": 4,
    }
    # the text names them in that order too
    worded = describe(reason)
    assert worded.index("Ledarskap") < worded.index("Öppenhet") < worded.index("åtgärder") < (
        worded.index("ärlighet"))


@pytest.mark.wording
def test_the_reasons_read_as_written():
    """The words of the engine's reasons (matching.texts), in Swedish and English."""
    assert describe(Reason("either_meetings")).startswith("ses fysiskt eller digitalt")
    assert describe(Reason("either_meetings"), "en").startswith("meet in person or digitally")
    reasons = _reasons_of_a_pair_across_business_areas().pairs[0].reasons
    swedish = [describe(r) for r in reasons]
    assert "olika verksamhetsområden" in swedish
    assert "3 av 4 mål täcks: ekonomi, it, ledarskap (saknas: konflikter)" in swedish
    english = [describe(r, "en") for r in reasons]
    assert "different business areas" in english
    assert "3 of 4 goals covered: ekonomi, it, ledarskap (missing: konflikter)" in english
    assert describe(Reason("no_candidate")) == (
        "ingen mentor i annan kommun med gemensamt språk och ledig plats")
    below = Reason("below_minimum", {"best": 80.0, "required": 95.0})
    assert describe(below).startswith("bästa möjliga matchning under miniminivån")
    assert describe(below).endswith("minst 95 krävs)")
    assert describe(below, "en").startswith("best possible match below the minimum")


@pytest.mark.wording
def test_the_goals_reason_reads_as_written():
    ordered = Reason("goals_covered", {"covered": ["Ledarskap", "Öppenhet"],
                                       "missing": ["åtgärder", "ärlighet"], "wanted": 4})
    assert describe(ordered) == "2 av 4 mål täcks: Ledarskap, Öppenhet (saknas: åtgärder, ärlighet)"
    none = Reason("goals_covered", {"covered": [], "missing": ["x"], "wanted": 1})
    assert describe(none) == "0 av 1 mål täcks (saknas: x)"
    every = Reason("goals_covered", {"covered": ["x"], "missing": [], "wanted": 1})
    assert describe(every, "en") == "1 of 1 goal covered: x"
    # a reason stored by an older engine gives a count
    assert describe(Reason("goals_covered", {"covered": 3, "wanted": 4})) == "3 av 4 mål täcks"
