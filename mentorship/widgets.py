"""Choice lists and selects rendered in one pass.

WTForms renders every option through its own field object, `html_params` and
`Markup.format`: about 0.2 ms an option, so the profile form (90 checkboxes) spent 20 ms
and the proposal page (two selects of 270 people) 40 ms in option markup alone
(benchmarks/load). These helpers write the same elements, with the same ids, names and
values, straight from `iter_choices()`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from wtforms.widgets import Select, html_params


def _value(value: Any) -> str:
    return str(value) if value is not None else ""


def choice_items(field, invalid: bool = False) -> Markup:
    """The `<li>` items of a checkbox list or a radio group (ids `<field id>-<n>`)."""
    kind = "radio" if field.type == "RadioField" else "checkbox"
    name = escape(field.name)
    extra = ' aria-invalid="true"' if invalid else ""
    items = []
    for i, (value, label, selected, _kw) in enumerate(field.iter_choices()):
        oid = escape(f"{field.id}-{i}")
        checked = " checked" if selected else ""
        items.append(
            f'<li><input{checked} id="{oid}" name="{name}" type="{kind}" '
            f'value="{escape(_value(value))}"{extra}> '
            f'<label for="{oid}">{escape(label or value)}</label></li>'
        )
    return Markup("\n".join(items))


def select(field, **kwargs: Any) -> Markup:
    """A `<select>` as WTForms' Select widget writes it, options included."""
    widget = getattr(field, "widget", None)
    if not isinstance(widget, Select) or widget.multiple or field.has_groups():
        return field(**kwargs)
    attrs = {**(field.render_kw or {}), **kwargs}
    attrs.setdefault("id", field.id)
    flags = getattr(field, "flags", None)
    for flag in ("required", "disabled"):
        if flag not in attrs and getattr(flags, flag, False):
            attrs[flag] = True
    if getattr(field, "errors", None):  # also a select written outside the field macro
        attrs.setdefault("aria-invalid", "true")
    parts = [f"<select {html_params(name=field.name, **attrs)}>"]
    for value, label, selected, render_kw in field.iter_choices():
        shown = escape(label or value)
        if render_kw:
            params = html_params(value=_value(value), selected=selected, **render_kw)
            parts.append(f"<option {params}>{shown}</option>")
        else:
            parts.append(
                f'<option{" selected" if selected else ""} value="{escape(_value(value))}">'
                f"{shown}</option>"
            )
    parts.append("</select>")
    return Markup("".join(parts))
