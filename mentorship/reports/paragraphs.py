"""The year's figures written as the secretariat writes them, in the reader's language.

Each paragraph is built from translated messages whose figures are placeholders; a
placeholder becomes a `Fig`: its text (small numbers in words, lists joined with "och") and
the list it counts (a URL, or None where the reader may not open that list). The page draws
the figures as links, the exports as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import has_request_context, url_for
from flask_babel import format_date, format_decimal
from markupsafe import Markup, escape

from mentorship.reports.scope import Scope
from mentorship.reports.words import in_words

_TOKEN = re.compile("\ue000(\\w+)\ue001")


def slot(name: str) -> str:
    """A placeholder for figure `name` inside a translated message."""
    return f"\ue000{name}\ue001"


@dataclass(frozen=True)
class Fig:
    text: str
    url: str | None = None
    count: bool = False  # a number of things in a list (which it should link to)


@dataclass
class Paragraph:
    key: str  # stable within a year: what an edit is stored under
    parts: list[str | Fig]
    quote: str | None = None
    edited: str | None = None  # the coordinator's wording
    edited_at: datetime | None = None

    @property
    def generated(self) -> str:
        return "".join(p.text if isinstance(p, Fig) else p for p in self.parts)

    @property
    def text(self) -> str:
        return self.edited if self.edited is not None else self.generated

    @property
    def figures(self) -> list[Fig]:
        return [p for p in self.parts if isinstance(p, Fig)]

    def html(self) -> Markup:
        if self.edited is not None:
            return escape(self.edited)
        out = Markup()
        for part in self.parts:
            if isinstance(part, Fig) and part.url:
                out += Markup('<a href="%s">%s</a>') % (part.url, part.text)
            else:
                out += escape(part.text if isinstance(part, Fig) else part)
        return out


def paragraph(key: str, messages: list[str], figs: dict[str, Fig],
              quote: str | None = None) -> Paragraph:
    parts: list[str | Fig] = []
    pieces = _TOKEN.split(" ".join(m for m in messages if m))
    for i, piece in enumerate(pieces):
        if i % 2:
            fig = figs[piece]
            if _sentence_starts(parts):  # "Sex deltagare svarade ..."
                fig = Fig(fig.text[:1].upper() + fig.text[1:], fig.url, fig.count)
            parts.append(fig)
        elif piece:
            last = parts[-1] if parts else None
            if isinstance(last, Fig) and last.text.endswith(("?", "!", ".")) \
                    and piece.startswith("."):
                piece = piece[1:]  # "... av direktupphandlingar?" ends the sentence itself
            if piece:
                parts.append(piece)
    return Paragraph(key, parts, quote)


def _sentence_starts(parts: list[str | Fig]) -> bool:
    if not parts:
        return True
    last = parts[-1]
    text = (last.text if isinstance(last, Fig) else last).rstrip(" ")
    return text.endswith((".", "!", "?"))


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def link(scope: Scope, endpoint: str, admin_only: bool = False, **values) -> str | None:
    """The list a figure counts, where the reader may open it (none in a job: its files
    carry no links)."""
    if (admin_only and not scope.admin) or not has_request_context():
        return None
    return url_for(endpoint, **values)


def count(n: int, url: str | None = None, neuter: bool = False) -> Fig:
    return Fig(in_words(n, neuter), url, count=True)


def members_fig(scope: Scope, n: int) -> Fig:
    return count(n, link(scope, "reference.municipalities", admin_only=True))


def day(day: date) -> str:
    return format_date(day, "long")


def decimal(value: float | None) -> str:
    return "" if value is None else format_decimal(value, "0.0")
