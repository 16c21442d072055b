"""How the secretariat writes figures: small numbers in words ("samtliga åtta"), lists of
municipalities in Swedish order joined with "och", in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from flask import has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _

from matching.collation import swedish_key

# Swedish style writes one to twelve in words and larger numbers in digits.
_SV = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
       "elva", "tolv")
_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
       "ten", "eleven", "twelve")


def language() -> str:
    locale = get_locale() if has_request_context() else None
    return locale.language if locale is not None else "sv"


def in_words(n: int, neuter: bool = False) -> str:
    """4 -> "fyra", 48 -> "48"; `neuter` for Swedish ett-words ("ett nätverk")."""
    if not 0 <= n < len(_SV):
        return str(n)
    if language() == "en":
        return _EN[n]
    return "ett" if n == 1 and neuter else _SV[n]


def join_and(items: Iterable[str]) -> str:
    """["Bjuv", "Höganäs", "Klippan"] -> "Bjuv, Höganäs och Klippan"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return _("%(list)s och %(last)s", list=", ".join(items[:-1]), last=items[-1])


def in_swedish_order(names: Iterable[str]) -> list[str]:
    """Distinct names, a to ö."""
    return sorted(set(names), key=swedish_key)
