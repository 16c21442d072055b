"""Labels of codes: the one way a programme names its stored codes in the interface.

Each programme defines its sets in one module (`mentoring/labels.py`, `trainees/labels.py`,
`networks/labels.py`), each set a function that builds the mapping with `gettext` (`_`),
decorated with `@labels`:

    @labels
    def status_labels() -> dict[str, str]:
        return {ACTIVE: _("Aktiv"), CLOSED: _("Avslutad")}

Calling the set (`status_labels()`) builds the mapping in the language of the request (or
of an e-mail's recipient, see `mentorship.i18n.in_language_of`): labels built per request
use `gettext`, not `_l`, since a lazy string is translated again at every use. A view
passes the mapping to its template; `label(code)` is one label (the code itself when it is
unknown), `choices()` the (code, label) pairs of a choice field, and `lazy(code)` the one
label a form class built at import time needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import Any, Generic, TypeVar

from flask_babel.speaklater import LazyString

K = TypeVar("K", bound=Hashable)


class Labels(Generic[K]):
    """A set of labels; call it for the mapping code -> label in the current language."""

    def __init__(self, build: Callable[[], Mapping[K, str]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)

    def __call__(self) -> dict[K, str]:
        return dict(self._build())

    def label(self, code: K) -> str:
        """The code's label, or the code itself (a value stored by an older version)."""
        return self().get(code, "" if code is None else str(code))

    def choices(self, blank: str | None = None, without: Collection[K] = ()
                ) -> list[tuple[Any, str]]:
        """(code, label) in the set's order for a choice field; `blank` first, as the
        empty choice ("Alla", "Vill inte ange"), and without the codes in `without`."""
        pairs: list[tuple[Any, str]] = [(k, v) for k, v in self().items() if k not in without]
        return [("", blank), *pairs] if blank is not None else pairs

    def lazy(self, code: K) -> LazyString:
        """The label as a lazy string, for a form class built once (translated at use)."""
        return LazyString(self.label, code)

    def __repr__(self) -> str:
        return f"<Labels {getattr(self, '__name__', '?')}>"


def labels(build: Callable[[], Mapping[K, str]]) -> Labels[K]:
    """Decorator: the function that builds a set of labels becomes a `Labels`."""
    return Labels(build)
