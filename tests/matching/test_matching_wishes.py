"""Adepts' ranked wishes: one more criterion inside the single optimal solve."""

from __future__ import annotations

import re

import pytest

from matching import CRITERIA, DEFAULT_WEIGHTS, InputError, Person, Reason, Weights, solve
from matching.cli import main
from matching.csvio import SWEDISH_COLUMNS, read_people_csv
from matching.texts import describe


def M(i, mun="1292", **kw):
    return Person(id=i, role="mentor", municipality=mun, **kw)


def A(i, mun="1283", **kw):
    return Person(id=i, role="adept", municipality=mun, **kw)


def test_first_second_third_choice_worth_full_two_and_one_third():
    people = [A("a", wishes=("m3", "m1", "m2")), M("m1"), M("m2"), M("m3"), M("m4")]
    weights = Weights(business_area=0, goals=0, experience=0, gender=0, wish=100)
    res = solve(people, weights=weights)
    row = dict(zip(res.mentor_ids, res.matrix[0].tolist(), strict=True))
    assert row == {"m1": 66.67, "m2": 33.33, "m3": 100.0, "m4": 0.0}
    assert [(p.adept_id, p.mentor_id) for p in res.pairs] == [("a", "m3")]
    assert res.pairs[0].contributions["wish"] == 100.0
    assert "wish" in CRITERIA and DEFAULT_WEIGHTS.wish > 0


def test_wishes_shape_the_one_optimal_assignment():
    # without wishes both adepts are equally good with either mentor (tie by id order:
    # a-m1, b-m2); b's first choice m1 turns the whole assignment round
    base = [A("a"), A("b"), M("m1"), M("m2")]
    plain = solve(base)
    assert {(p.adept_id, p.mentor_id) for p in plain.pairs} == {("a", "m1"), ("b", "m2")}
    wished = solve([A("a"), A("b", wishes=("m1",)), M("m1"), M("m2")])
    assert {(p.adept_id, p.mentor_id) for p in wished.pairs} == {("a", "m2"), ("b", "m1")}
    assert wished.total_score == pytest.approx(plain.total_score + DEFAULT_WEIGHTS.wish)


def test_reasons_name_the_rank_in_both_languages():
    people = [
        A("a", wishes=("m1",)),
        A("b", wishes=("x", "m2")),
        A("c", wishes=("x", "y", "m3")),
        A("d", wishes=("x",)),
        A("e"),
    ] + [M(i) for i in ("m1", "m2", "m3", "m4", "m5", "x", "y")]
    weights = Weights(business_area=0, goals=0, experience=0, gender=0, distance=0)
    people[-2:] = [M("x", capacity=0), M("y", capacity=0)]
    res = solve(people, weights=weights)
    codes = {p.adept_id: [r.code for r in p.reasons] for p in res.pairs}
    assert codes == {
        "a": ["wish_first"],
        "b": ["wish_second"],
        "c": ["wish_third"],
        "d": ["wish_not_met"],
        "e": [],  # no wishes: nothing to say
    }
    worded = {describe(Reason(code)) for code in ("wish_first", "wish_second", "wish_third",
                                                   "wish_not_met")}
    assert len(worded) == 4 and not worded & {"wish_first", "wish_second", "wish_third"}
    f = res.figures
    assert (f.adepts_with_wishes, f.wishes_met, f.first_wishes_met) == (4, 3, 1)


def test_zero_weight_removes_wishes_from_score_and_reasons():
    people = [A("a", wishes=("m2",)), M("m1"), M("m2")]
    res = solve(people, weights=Weights(wish=0))
    assert res.matrix[0, 0] == res.matrix[0, 1]
    assert res.pairs[0].mentor_id == "m1"  # the tie-break, not the wish
    assert not any(r.code.startswith("wish") for r in res.pairs[0].reasons)
    assert res.figures.adepts_with_wishes == 1 and res.figures.wishes_met == 0


@pytest.mark.parametrize(
    ("person", "words"),
    [
        (M("m2", wishes=("m1",)), "m2: bara adepter kan ha önskemål"),
        (A("a2", wishes=("m1", "m3", "m4", "m5")), "a2: högst 3 önskemål, inte 4"),
        (A("a2", wishes=("nobody",)), "a2: önskemålet nobody finns inte"),
        (A("a2", wishes=("a1",)), "a2: önskemålet a1 är inte mentor"),
        (A("a2", wishes=("m1", "m1")), "a2: önskemålet m1 står flera gånger"),
    ],
)
def test_bad_wishes_are_input_errors_naming_them(person, words):
    people = [A("a1"), M("m1"), M("m3"), M("m4"), M("m5"), person]
    with pytest.raises(InputError) as info:
        solve(people)
    assert words in str(info.value)


HEADER = "id;roll;kommun;kapacitet;önskemål"


def test_csv_wishes_column_in_swedish_or_engine_names_with_row_numbers():
    assert SWEDISH_COLUMNS["wishes"] == "önskemål"
    rows = ["m1;mentor;Bjuv;1;", "m2;mentor;Båstad;1;", "a1;adept;Helsingborg;; m2 | m1 "]
    for header in (HEADER, HEADER.replace("önskemål", "wishes")):
        people = read_people_csv("\n".join([header, *rows]) + "\n")
        assert next(p for p in people if p.id == "a1").wishes == ("m2", "m1")
    with pytest.raises(InputError) as info:
        read_people_csv("\n".join([HEADER, *BAD_WISHES]) + "\n")
    got = [(p.row, p.column) for p in info.value.problems]
    # a mentor's wish (row 2), an unknown one (3); too many, two repeats, an adept (4)
    assert got == [(2, "önskemål"), (3, "önskemål")] + [(4, "önskemål")] * 4
    messages = [p.message for p in info.value.problems]
    assert "m9" in messages[1] and "a1" in " ".join(messages[2:]) and "4" in " ".join(
        messages[2:])


BAD_WISHES = ["m1;mentor;Bjuv;1;a1", "a1;adept;Båstad;;m1|m9", "a2;adept;Båstad;;m1|m1|a1|m1"]


@pytest.mark.wording
def test_the_wishes_read_as_written(tmp_path, capsys):
    """The words of the wish reasons, the wish problems and the command line's wish line."""
    assert describe(Reason("wish_first")) == "adeptens förstahandsval"
    assert describe(Reason("wish_second")) == "adeptens andrahandsval"
    assert describe(Reason("wish_third")) == "adeptens tredjehandsval"
    assert describe(Reason("wish_first"), "en") == "the mentee's first choice"
    assert describe(Reason("wish_not_met", {"wishes": 1}), "en") == "not among the mentee's wishes"
    with pytest.raises(InputError) as info:
        read_people_csv("\n".join([HEADER, *BAD_WISHES]) + "\n")
    got = [(p.row, p.message) for p in info.value.problems]
    assert (2, "bara adepter kan ha önskemål") in got
    assert (3, "önskemålet m9 finns inte") in got
    assert (4, "högst 3 önskemål, inte 4") in got
    assert (4, "önskemålet a1 är inte mentor") in got
    assert (4, "önskemålet m1 står flera gånger") in got
    people = _wishing_round(tmp_path)
    assert main(["solve", str(people)]) == 0
    assert ("önskemål: 2 av 2 adepter med önskemål fick ett av dem, 1 sitt förstahandsval"
            in capsys.readouterr().err)
    assert main(["solve", str(people), "--lang", "en"]) == 0
    assert ("wishes: 2 of 2 mentees with wishes got one of them, 1 their first choice"
            in capsys.readouterr().err)


def _wishing_round(tmp_path):
    people = tmp_path / "p.csv"
    rows = [
        "m1;mentor;Bjuv;1;",
        "m2;mentor;Båstad;1;",
        "a1;adept;Helsingborg;;m1|m2",
        "a2;adept;Helsingborg;;m1",
        "a3;adept;Helsingborg;;",
    ]
    people.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return people


def test_cli_prints_how_many_got_a_wish_and_their_first(tmp_path, capsys):
    people = _wishing_round(tmp_path)
    assert main(["solve", str(people)]) == 0
    swedish = capsys.readouterr().err.splitlines()[-1]
    assert main(["solve", str(people), "--lang", "en"]) == 0
    english = capsys.readouterr().err.splitlines()[-1]
    # its own last line: 2 of the 2 adepts with wishes got one, 1 their first choice
    assert re.findall(r"\d+", swedish) == re.findall(r"\d+", english) == ["2", "2", "1"]
    assert swedish != english
