"""Every decimal field of every form reads a decimal comma and shows its value with one,
in Swedish; the `number` filter writes numbers the same way; English keeps its point."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DecimalField, FloatField


def _all_forms() -> list[type[FlaskForm]]:
    import mentorship.blueprints  # noqa: F401 - every feature's forms are imported

    out, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("mentorship."):
            out.append(cls)
    return out


def _decimal_fields(app) -> list[tuple[type, str]]:
    found = []
    with app.test_request_context():
        for cls in _all_forms():
            form = cls(meta={"csrf": False})
            found += [(cls, f.name) for f in form if isinstance(f, FloatField | DecimalField)]
    return found


def test_the_decimal_fields_are_found(app):
    names = {name for _cls, name in _decimal_fields(app)}
    assert {"min_score", "w_distance", "latitude", "longitude"} <= names


@pytest.mark.parametrize(("typed", "read"), [
    ("2,5", 2.5), ("2.5", 2.5), ("−5,73", -5.73), ("1 234,5", 1234.5), ("30", 30.0)])
def test_every_decimal_field_reads_a_decimal_comma(app, typed, read):
    for cls, name in _decimal_fields(app):
        with app.test_request_context(headers={"Accept-Language": "sv"}):
            form = cls(formdata=MultiDict({name: typed}), meta={"csrf": False})
            field = form[name]
            assert float(field.data) == pytest.approx(read), (cls.__name__, name, typed)
            assert 'inputmode="decimal"' in str(field()) and 'type="text"' in str(field())
            assert str(field._value()) == typed  # what was typed stays as typed


def test_every_decimal_field_shows_its_value_with_a_comma(app):
    for cls, name in _decimal_fields(app):
        with app.test_request_context(headers={"Accept-Language": "sv"}):
            form = cls(meta={"csrf": False})
            form[name].data = 56.134 if isinstance(form[name], FloatField) else Decimal("56.134")
            assert form[name]._value() == "56,134", (cls.__name__, name)
            form[name].data = 30.0
            assert form[name]._value() == "30"


def test_a_word_is_not_a_number(app):
    from mentorship.mentoring.rounds.forms import WeightsForm
    from mentorship.numbers import NOT_A_NUMBER

    with app.test_request_context(headers={"Accept-Language": "sv"}):
        form = WeightsForm(formdata=MultiDict({"w_goals": "tjugo", "min_score": "2,5,1"}),
                           meta={"csrf": False})
        assert not form.validate()
        assert str(NOT_A_NUMBER) in [str(e) for e in form.w_goals.errors]
        assert str(NOT_A_NUMBER) in [str(e) for e in form.min_score.errors]
        assert form.w_goals.data is None and form.min_score.data is None


@pytest.mark.wording
def test_the_refusal_of_a_word_shows_a_decimal_comma(app):
    from mentorship.numbers import NOT_A_NUMBER

    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert str(NOT_A_NUMBER) == "Skriv ett tal, t.ex. 2,5."


def test_english_keeps_the_point(app):
    from mentorship.mentoring.rounds.forms import WeightsForm
    from mentorship.numbers import number

    with app.test_request_context("/?lang=en"):
        from flask_babel import force_locale

        with force_locale("en"):
            form = WeightsForm(formdata=MultiDict({"w_goals": "1,234.5", "min_score": "2,5"}),
                               meta={"csrf": False})
            form.validate()
            assert form.w_goals.data == 1234.5 and form.min_score.errors
            assert number(-5.73) == "-5.73"
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert number(-5.73) in ("−5,73", "-5,73")
        assert number(1234.5) == "1\xa0234,5"
        assert number(30.0) == "30" and number(30.0, places=1) == "30,0"
