"""What a page said, read from its structure instead of its words, so that a test of
behaviour survives a reworded sentence (docs/conventions.md, "Tests"): the kinds of the
flashed messages, the fields a form refused, whether the form was refused at all, and the
rows of a table. A test about the words themselves is marked `wording`."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser


def _html(page) -> str:
    """A response's text, or the text itself."""
    return page if isinstance(page, str) else page.get_data(as_text=True)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.flashes: list[tuple[str, str]] = []
        self.invalid: list[str] = []
        self.summary = False
        self.statuses: list[str] = []
        self._flash: str | None = None
        self._status = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        kind = next((c.removeprefix("flash-") for c in classes if c.startswith("flash-")), None)
        if "flash" in classes and kind:  # a flashed message; a bare "flash" is a page's notice
            self._flash, self._text = kind, []
        elif a.get("role") == "status":
            self._status, self._text = True, []
        if a.get("aria-invalid") == "true" and a.get("name"):
            self.invalid.append(a["name"] or "")
        if "data-error-summary" in a:
            self.summary = True

    def handle_data(self, data: str) -> None:
        if self._flash is not None or self._status:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text).split())
        if tag == "p" and self._flash is not None:
            self.flashes.append((self._flash, text))
            self._flash = None
        elif tag in ("p", "div", "span") and self._status:
            self.statuses.append(text)
            self._status = False


def _read(page) -> _Reader:
    reader = _Reader()
    reader.feed(_html(page))
    return reader


def flashed(page) -> list[str]:
    """The kinds of the flashed messages, in order: "success", "error", "info" ..."""
    return [kind for kind, _text in _read(page).flashes]


def flashes(page) -> list[tuple[str, str]]:
    """The flashed messages with their kinds, for a test that names something in them
    (a person, a number) without copying the sentence around it."""
    return _read(page).flashes


def refused(page) -> set[str]:
    """The names of the fields a form marked invalid (aria-invalid)."""
    return set(_read(page).invalid)


def form_refused(page) -> bool:
    """Whether the page shows a form's error summary (a refusal with or without a field)."""
    return _read(page).summary


def statuses(page) -> list[str]:
    """The texts of the page's live status lines (role="status", not the flashes)."""
    return _read(page).statuses


class _SummaryReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._depth = 0  # inside the error summary's element
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += tag not in ("br", "img", "input", "hr")
            if tag == "li":
                self._item = []
        elif "data-error-summary" in dict(attrs):
            self._depth = 1

    def handle_data(self, data: str) -> None:
        if self._item is not None:
            self._item.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "li" and self._item is not None:
            self.items.append(" ".join("".join(self._item).split()))
            self._item = None
        self._depth -= 1


def summary(page) -> list[str]:
    """The items of a form's error summary, in order ("Label: message" for a field's
    error, the message alone for the form's): for a test that compares two refusals or
    finds a message taken from the code, without copying it."""
    reader = _SummaryReader()
    reader.feed(_html(page))
    return reader.items


def cards(page) -> list[tuple[str, str, str]]:
    """The start page's cards as (link, title, text), in order: for a test of which tasks
    and links the page offers, and the names or numbers in them."""
    found = re.findall(r'<li>\s*<h2><a href="([^"]*)">(.*?)</a></h2>\s*<p>(.*?)</p>',
                       _html(page), re.S)
    return [(html_lib.unescape(href), html_lib.unescape(" ".join(title.split())),
             html_lib.unescape(" ".join(body.split()))) for href, title, body in found]


def confirm_actions(page) -> list[str]:
    """Where the page's confirmation forms post (`confirm_form` in macros/forms.html,
    `<form method="post" class="confirm">`): a confirmation page offers the destructive
    action by its URL, whatever its button says."""
    forms = re.findall(r"<form\b[^>]*>", _html(page))
    return [html_lib.unescape(re.search(r'action="([^"]*)"', f)[1]) for f in forms
            if re.search(r'class="[^"]*\bconfirm\b', f) and 'method="post"' in f
            and 'action="' in f]


def notices(page) -> list[str]:
    """The page's own notices by their `data-notice` key (a notice is not a flash: the page
    shows it whenever its state holds)."""
    return [key for key, _text in notice_texts(page)]


def notice_texts(page) -> list[tuple[str, str]]:
    """The page's own notices as (key, text), for a test that names someone in one."""
    found = re.findall(r'data-notice="([^"]+)"[^>]*>(.*?)</', _html(page), flags=re.S)
    return [(key, " ".join(text.split())) for key, text in found]
