"""The attendance form of both programmes: a checkbox per person of the event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Optional

from mentorship.people.forms import CheckboxesField

_NAMED: dict[str, type[AttendanceForm]] = {}


def _people_field(label: Any) -> CheckboxesField:
    return CheckboxesField(label, coerce=int, validators=[Optional()])


class AttendanceForm(FlaskForm):
    """Who attended: the choices are the event's people (id, name), the ticked ones are
    present. Rendered by `templates/events/_attendance.html`; the checkbox field is
    `people` (named `present`, or what `named` gives a page that posts another name)."""

    field_name: ClassVar[str] = "present"
    present = _people_field(_l("Närvarande"))

    @classmethod
    def named(cls, name: str, label: Any) -> type[AttendanceForm]:
        """The same form with its checkboxes posted as `name` and labelled `label` (a lazy
        string; one label per name)."""
        if name not in _NAMED:
            _NAMED[name] = type(
                f"AttendanceForm_{name}", (cls,),
                {"field_name": name, "present": None, name: _people_field(label)},
            )
        return _NAMED[name]

    @property
    def people(self) -> Any:
        return self[self.field_name]

    def set_people(self, people: Iterable[tuple[int, str]], present: Iterable[int]) -> None:
        """The event's people as the choices; on a GET, those `present` are ticked."""
        self.people.choices = list(people)
        if not self.is_submitted():
            self.people.data = sorted(present)

    @property
    def present_ids(self) -> set[int]:
        return set(self.people.data or [])
