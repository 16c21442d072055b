"""Swedish alphabetical order without ICU: a–z, then å, ä, ö (æ sorts as ä, ø as ö, ü as
y, other accents as their base letter, w apart from v). Used by the app's SQLite
collation and wherever names or municipalities are sorted in Python."""

from __future__ import annotations

import unicodedata

_LAST = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}  # just after "z" in ASCII


def _base(ch: str) -> str:
    if ch in _LAST:
        return _LAST[ch]
    if ch == "ü":
        return "y"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed[0].isascii() else ch


def swedish_key(text: str | None) -> tuple[str, str, str]:
    """Sort key: letters first (Swedish order), then case and accents break ties."""
    folded = unicodedata.normalize("NFC", (text or "")).casefold()
    primary = "".join(_base(ch) for ch in folded)
    return primary, folded, text or ""


def swedish_compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 as a SQLite collation function wants."""
    ka, kb = swedish_key(a), swedish_key(b)
    return (ka > kb) - (ka < kb)
