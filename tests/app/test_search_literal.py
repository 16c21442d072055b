"""Issue 23.5: `%` and `_` in a search are literal, through one helper everywhere.

The walk over the source fails when a LIKE pattern is built or a LIKE-like operator is
used anywhere but `mentorship/search.py`, so a new search cannot slip past the helper.
"""

from __future__ import annotations

import ast
import pathlib

import mentorship

PACKAGE = pathlib.Path(mentorship.__file__).parent
LIKE_ALWAYS = {"like", "ilike", "notlike", "notilike", "not_like", "not_ilike"}
LIKE_ON_COLUMNS = {"contains", "startswith", "endswith", "icontains", "istartswith",
                   "iendswith", "regexp_match"}


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _is_sql(node: ast.AST) -> bool:
    """Model.column..., func.lower(...), or a column() expression."""
    root = _root(node)
    return isinstance(root, ast.Name) and (root.id[:1].isupper() or root.id in ("func",
                                                                                 "column"))


def _like_sites(tree: ast.AST) -> list[int]:
    sites = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            name = n.func.attr
            if name in LIKE_ALWAYS or (name in LIKE_ON_COLUMNS and _is_sql(n.func.value)):
                sites.append(n.lineno)
        if isinstance(n, ast.JoinedStr):  # f"%{text}%": a pattern built by hand
            texts = [p.value if isinstance(p, ast.Constant) else None for p in n.values]
            for i, part in enumerate(n.values):
                if not isinstance(part, ast.FormattedValue):
                    continue
                before = texts[i - 1] if i else None
                after = texts[i + 1] if i + 1 < len(texts) else None
                if str(before or "").endswith("%") or str(after or "").startswith("%"):
                    sites.append(n.lineno)
    return sites


def test_every_like_pattern_is_built_by_the_helper():
    outside = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "search.py":
            continue
        outside += [f"{rel}:{line}" for line in _like_sites(ast.parse(path.read_text("utf-8")))]
    assert not outside, f"search through mentorship.search.contains: {outside}"


def test_the_walk_sees_hand_built_patterns():
    for code in ('User.name.like(f"%{q}%")', "func.lower(User.name).contains(q)",
                 'x.where(User.email.ilike(q))', 'f"%{q}%"'):
        assert _like_sites(ast.parse(code)), code
    for code in ('"abc".startswith("a")', "path.endswith('.csv')", 'f"{n} %"'):
        assert not _like_sites(ast.parse(code)), code


def test_the_pattern_characters_are_literal(app):
    from mentorship.search import like_pattern

    assert like_pattern("50%") == "%50\\%%"
    assert like_pattern("a_b") == "%a\\_b%"
    assert like_pattern("c:\\") == "%c:\\\\%"


def test_people_search_takes_percent_and_underscore_literally(client, make_user, login_as):
    percent, underscore, plain = "Anna 100% Andersson", "Bo a_b Berg", "Cecilia axb Carlsson"
    make_user("procent@example.org", name=percent)
    make_user("understreck@example.org", name=underscore)
    make_user("vanlig@example.org", name=plain)
    login_as("admin")

    def found(q: str) -> set[str]:
        html = client.get("/personer/", query_string={"q": q}).get_data(as_text=True)
        return {n for n in (percent, underscore, plain) if n in html}

    assert found("%") == {percent}
    assert found("a_b") == {underscore}
    assert found("_") == {underscore}
    assert found("Carlsson") == {plain}
