"""A count with a noun goes through ngettext ("1 nytt konto", "2 nya konton"; "1 HR-kontakt").

Every Swedish message of the app (the catalogue holds them all: test_i18n keeps it in step
with the templates and the code) is read; a count placeholder directly followed by a word
that changes with the number ("%(n)s personer", "%(n)s nya") must be an ngettext message.
Words that read right after 1 and after many (an invariant noun, a verb, "av") are listed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
# Placeholder names the app uses for counts.
COUNTS = {"n", "num", "count", "a", "m", "s", "c", "p", "w", "added", "removed", "kept",
          "same", "new", "enrolled", "updated", "groups", "yes", "needed", "done", "covered",
          "wanted", "places", "taken", "total", "sent", "queued", "signed", "rows"}
# Read right after 1 and many: invariant nouns, verbs, prepositions.
AGREES = {"av", "och", "i", "till", "mot", "kvar", "par", "svar", "år", "mål", "fel", "poäng",
          "tecken", "km", "MB", "min", "mottagare", "nätverk", "vill", "behövs", "närvarade",
          "närvarande", "som"}
# The placeholder is a name or a number that is not a count.
NOT_COUNTS = ("Avsluta paret %(a)s och %(m)s?", "Traineegrupp %(n)s", "kommunen %(m)s är inte",
              "%(email)s hör till %(m)s")
COUNTED = re.compile(r"%\((\w+)\)s\s+([A-Za-zÅÄÖåäö-]+)")


def _messages():
    with (ROOT / "mentorship/translations/en/LC_MESSAGES/messages.po").open("rb") as f:
        return [m for m in read_po(f) if m.id]


def test_every_count_with_a_noun_is_a_plural_message():
    wrong = []
    for message in _messages():
        if isinstance(message.id, tuple) or message.id.startswith(NOT_COUNTS):
            continue
        for name, word in COUNTED.findall(message.id):
            if name in COUNTS and word not in AGREES:
                wrong.append(f"{message.id!r}: %({name})s {word}")
    assert not wrong, "use ngettext:\n" + "\n".join(wrong)


# English: a word after a count that reads right after 1 and many.
EN_AGREES = {"of", "in", "vs", "more", "and", "kept", "needed", "attended", "present", "who"}
# The count is a fixed setting of at least 5 (the evaluation's small-group rule, the
# password's least length): never 1.
FIXED = ("%(n)s svar", "%(n)s tecken")


def test_every_count_with_a_noun_is_a_plural_message_in_english_too():
    """Swedish "par" and "svar" stay the same after 1; English "pairs" does not."""
    wrong = []
    for message in _messages():
        if isinstance(message.id, tuple) or message.id.startswith(NOT_COUNTS):
            continue
        if any(fixed in message.id for fixed in FIXED):
            continue
        for name, word in COUNTED.findall(message.string or ""):
            if name in COUNTS and word not in EN_AGREES:
                wrong.append(f"{message.id!r} -> {message.string!r}: %({name})s {word}")
    assert not wrong, "use ngettext:\n" + "\n".join(wrong)


def test_the_scan_finds_a_count_with_a_noun():
    """The scan itself: it sees what the issue saw."""
    seen = [(n, w) for n, w in COUNTED.findall("Importen är klar: %(new)s nya konton, "
                                                 "%(n)s HR-kontakter.")
            if n in COUNTS and w not in AGREES]
    assert seen == [("new", "nya"), ("n", "HR-kontakter")]


@pytest.mark.wording
def test_plural_messages_say_one_in_the_singular(app):
    from flask_babel import ngettext

    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert ngettext("%(num)s nytt konto", "%(num)s nya konton", 1) == "1 nytt konto"
        assert ngettext("%(num)s nytt konto", "%(num)s nya konton", 3) == "3 nya konton"
        assert ngettext("Påminnelsen är skickad till %(num)s HR-kontakt.",
                        "Påminnelsen är skickad till %(num)s HR-kontakter.", 1) == (
            "Påminnelsen är skickad till 1 HR-kontakt.")
    with app.test_request_context("/?lang=en"):
        from flask_babel import force_locale

        with force_locale("en"):
            assert ngettext("%(num)s nytt konto", "%(num)s nya konton", 1) == "1 new account"
            assert ngettext("%(num)s nytt konto", "%(num)s nya konton", 2) == "2 new accounts"
