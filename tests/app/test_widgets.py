"""The one-pass choice and select rendering writes the elements WTForms writes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup
from wtforms import Form, RadioField, SelectField
from wtforms.validators import DataRequired

from mentorship.people.forms import CheckboxesField
from mentorship.widgets import choice_items, select

CHOICES = [("", "Välj"), ("a", "Å & <ä>"), ("b\"q", "Ö 'x'"), ("3", "3")]


class Elements(HTMLParser):
    """Start tags with their attributes (as sets, order-free) and the text between."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[tuple] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, frozenset(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.items.append(("text", data.strip()))


class F(Form):
    many = CheckboxesField("Mål", choices=CHOICES[1:])
    one = RadioField("Roll", choices=CHOICES[1:])
    pick = SelectField("Kommun", choices=CHOICES, validators=[DataRequired()])
    number = SelectField("Nivå", coerce=int, choices=[(1, "ett"), (2, "två")])


def wtforms_items(field, invalid: bool) -> str:
    extra = {"aria-invalid": "true"} if invalid else {}
    return "".join(f"<li>{o(required=False, **extra)} {o.label}</li>" for o in field)


@pytest.mark.parametrize("data", [None, {"many": ["a", 'b"q'], "one": "a"}, {"one": "3"}])
@pytest.mark.parametrize("invalid", [False, True])
def test_choice_items_match_wtforms(data, invalid):
    from werkzeug.datastructures import MultiDict

    form = F(MultiDict(data) if data else None)
    for field in (form.many, form.one):
        ours = choice_items(field, invalid=invalid)
        assert isinstance(ours, Markup)
        assert Elements(ours).items == Elements(wtforms_items(field, invalid)).items


@pytest.mark.parametrize("data", [None, {"pick": 'b"q', "number": "2"}, {"pick": ""}])
def test_select_matches_wtforms(data):
    from werkzeug.datastructures import MultiDict

    form = F(MultiDict(data) if data else None)
    attrs = {"aria-describedby": "pick-hint", "aria-invalid": "true"}
    for field in (form.pick, form.number):
        ours = select(field, **attrs)
        assert Elements(ours).items == Elements(field(**attrs)).items
    assert "required" in dict(Elements(select(form.pick)).items[0][1])
