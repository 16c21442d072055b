"""Numbers in the reader's language, in one place: the `number` filter every page uses
("−5,73", "30", "1 234,5" in Swedish), and decimal form fields that show their value the
same way and read what a Swede types ("2,5", "−5,73", "1 234,5") as well as "2.5".

`decimal_comma_fields()` installs the reading and writing on WTForms' FloatField and
DecimalField once, as `forms.bound_numbers_and_dates` does for the bounds, so no form can
forget it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import has_request_context
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, FloatField
from wtforms.widgets import TextInput

DISPLAY = "#,##0.##"  # grouping, at most two decimals, no trailing zeros
FIELD = "0.######"  # in a field: no grouping, what was stored


def number(value: Any, places: int | None = None, signed: bool = False) -> str:
    """A number as the reader writes it; `places` fixes the decimals ("30,0"), `signed`
    writes the sign of a change ("+1,5", "−5,73")."""
    if value is None or value == "":
        return ""
    fmt = DISPLAY if places is None else "#,##0" + ("." + "0" * places if places else "")
    if signed:
        fmt = f"+{fmt};-{fmt}"
    return format_decimal(value, format=fmt)


def _swedish() -> bool:
    return not has_request_context() or str(get_locale() or "sv").startswith("sv")


GROUPED_EN = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(text: str) -> Decimal:
    """What a person typed, in their language; ValueError when it is no number."""
    value = re.sub(r"[\s\u00a0\u202f]", "", text or "").replace("\u2212", "-")
    if _swedish():
        value = value.replace(",", ".")  # "2,5"; a point is read as the decimal mark too
    elif "," in value:
        if not GROUPED_EN.fullmatch(value):
            raise ValueError(value)
        value = value.replace(",", "")
    if value.count(".") > 1:
        raise ValueError(value)
    try:
        parsed = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not parsed.is_finite():
        raise ValueError(value)
    return parsed


NOT_A_NUMBER = _l("Skriv ett tal, t.ex. 2,5.")


def _process_formdata(self, valuelist) -> None:
    if not valuelist or not str(valuelist[0]).strip():
        self.data = None
        return
    try:
        parsed = parse_number(str(valuelist[0]))
    except ValueError:
        self.data = None
        raise ValueError(NOT_A_NUMBER) from None
    self.data = float(parsed) if isinstance(self, FloatField) else parsed


def _value(self) -> str:
    if self.raw_data:  # what the person typed stays as typed
        return str(self.raw_data[0])
    if self.data is None:
        return ""
    return format_decimal(self.data, format=FIELD)


class DecimalInput(TextInput):
    """A text field with the decimal keyboard: a browser's number field would refuse (and
    empty) "2,5", and shows its value in the browser's language, not the page's."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("inputmode", "decimal")
        return super().__call__(field, **kwargs)


def decimal_comma_fields() -> None:
    if getattr(FloatField, "_decimal_comma", False):
        return
    for cls in (FloatField, DecimalField):
        cls.widget = DecimalInput()
        cls.process_formdata = _process_formdata
        cls._value = _value
        cls._decimal_comma = True
