"""The Swedish alphabet and Swedish numbers: lists sorted by name or municipality put Å, Ä,
Ö last in that order (in the database query, on SQLite and PostgreSQL alike), and numbers
and times are formatted by Flask-Babel in the reader's language."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path


def _positions(html: str, words: list[str]) -> list[int]:
    return [html.index(w) for w in words]


def test_municipalities_are_in_swedish_order(client, login_as):
    login_as("admin")
    html = client.get("/register/kommuner").get_data(as_text=True)
    order = ["Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
             "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga"]
    positions = _positions(html, [f">{m}<" for m in order])
    assert positions == sorted(positions)


def test_people_are_listed_in_swedish_order(client, login_as, make_user):
    names = ["Östen Öberg", "Ärla Ek", "Åsa Ås", "Zara Zetterlund", "Anna Andersson"]
    for n, name in enumerate(names):
        make_user(f"p{n}@example.org", name=name)
    login_as("admin")
    html = client.get("/personer/").get_data(as_text=True)
    positions = _positions(html, ["Anna Andersson", "Zara Zetterlund", "Åsa Ås", "Ärla Ek",
                                  "Östen Öberg"])
    assert positions == sorted(positions)


def test_database_collation_orders_a_query(app):
    from sqlalchemy import literal_column, select, union_all

    from mentorship.db import swedish
    from mentorship.extensions import db

    words = ["Örkelljunga", "Ängelholm", "Åstorp", "Zenit", "ängel", "Bjuv"]
    with app.app_context():
        rows = union_all(*(select(literal_column(f"'{w}'").label("w")) for w in words))
        sub = rows.subquery()
        got = list(db.session.scalars(select(sub.c.w).order_by(swedish(sub.c.w))))
    assert got[:2] == ["Bjuv", "Zenit"]
    assert got[2] == "Åstorp" and set(got[3:5]) == {"Ängelholm", "ängel"}
    assert got[5] == "Örkelljunga"


def test_times_and_changes_in_the_readers_format(app):
    from mentorship.templating import format_change, format_when

    at = datetime(2026, 2, 10, 8, 30, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert format_when(at) == "10 februari 2026 09:30"
        assert re.fullmatch(r"[−-]20", format_change(-20.0))
        assert format_change(1.5) == "+1,5"
    with app.test_request_context("/?lang=en"):
        from flask_babel import force_locale

        with force_locale("en"):
            assert format_when(at).startswith("February 10, 2026") and ":30" in format_when(at)
            assert "CET" not in format_when(at) and ":00 " not in format_when(at)
            assert format_change(-20.25) == "-20.25"


def test_no_list_is_sorted_by_english_letters():
    """Names shown to people sort with `matching.collation.swedish_key` (Å, Ä, Ö after Z):
    a sort keyed on `casefold` or `lower` puts Ä before Å. Every sort in the app is read."""
    root = Path(__file__).resolve().parents[2] / "mentorship"
    wrong = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            key = next((k.value for k in node.keywords if k.arg == "key"), None)
            if name in ("sorted", "sort", "min", "max") and key is not None and any(
                    word in ast.unparse(key) for word in ("casefold", "lower")):
                wrong.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    assert wrong == []
