"""Text search in SQL: what a user types is matched literally.

Every search of typed text goes through `contains`, every prefix match through
`starts_with`: `%` and `_` (and the escape character
itself) are escaped, so "50%" finds "50%" and "a_b" does not find "axb".
`tests/app/test_search_literal.py` fails on a `.like(`/`.ilike(`/`.contains(` of SQL
columns anywhere else.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_

ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """`%text%` with the pattern characters of the text taken literally."""
    literal = (
        text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    )
    return f"%{literal}%"


def starts_with(column, prefix: str) -> ColumnElement[bool]:
    """The column begins with the prefix, taken literally (markers of erased rows)."""
    return column.like(like_pattern(prefix)[1:], escape=ESCAPE)


def ends_with(column, suffix: str) -> ColumnElement[bool]:
    """The column ends with the suffix, taken literally (the demo's addresses)."""
    return column.like(like_pattern(suffix)[:-1], escape=ESCAPE)


def contains(text: str, *columns) -> ColumnElement[bool]:
    """Any of the columns holds the typed text, case-insensitively and literally."""
    pattern = like_pattern(text.strip().lower())
    return or_(*(func.lower(c).like(pattern, escape=ESCAPE) for c in columns))
