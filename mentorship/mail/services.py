"""Queue e-mail in the outbox. Nothing here talks to an SMTP server: the mail worker
(`flask mail worker`, `flask mail deliver`, see `mentorship.mail.delivery`) does that."""

from __future__ import annotations

import functools
import html as html_lib
import inspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, get_locale
from sqlalchemy import insert

from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.models import OutboxMessage

URL = re.compile(r"https?://[^\s<>\"']+")


def mail_domain() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def clean_subject(subject: str) -> str:
    """One line, single spaces: a subject built from parts never shows doubled spaces."""
    return " ".join(str(subject).split())[:200]


def text_to_html(body: str, language: str) -> str:
    """The plain text as HTML that says the same: paragraphs, line breaks and links."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip()):
        parts, last = [], 0
        for match in URL.finditer(block):
            parts.append(html_lib.escape(block[last : match.start()]))
            url = html_lib.escape(match.group(0))
            parts.append(f'<a href="{url}">{url}</a>')
            last = match.end()
        parts.append(html_lib.escape(block[last:]))
        paragraphs.append("<p>" + "".join(parts).replace("\n", "<br>\n") + "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lib.escape(language)}">'
        '<head><meta charset="utf-8"></head>\n<body>\n'
        + "\n".join(paragraphs)
        + "\n</body></html>\n"
    )


def _current_language() -> str:
    locale = get_locale()
    return str(locale.language) if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def message_values(
    recipient: str, subject: str, body: str, html: str | None = None, language: str | None = None
) -> dict[str, Any]:
    language = language or _current_language()
    return {
        "recipient": recipient,
        "subject": clean_subject(subject),
        "body": body,
        "html": html or text_to_html(body, language),
        "language": language,
        "message_id": make_msgid(domain=mail_domain()),
        "created_at": utcnow(),
        "attempts": 0,
    }


def queue_mail(
    recipient: str,
    subject: str,
    body: str,
    *,
    html: str | None = None,
    language: str | None = None,
) -> OutboxMessage:
    """Put one message in the outbox (flushes; the caller's commit makes it deliverable).

    `language` defaults to the language the text was rendered in (see `in_language_of`).
    """
    message = OutboxMessage(**message_values(recipient, subject, body, html, language))
    db.session.add(message)
    db.session.flush()
    return message


def queue_mails(messages: list[dict[str, Any]]) -> int:
    """Many messages in one statement (publishing a round). Each dict holds the
    arguments of `message_values`."""
    if messages:
        db.session.execute(insert(OutboxMessage), [message_values(**m) for m in messages])
    return len(messages)


def user_language(user: Any) -> str:
    languages = current_app.config["LANGUAGES"]
    language = getattr(user, "language", None)
    if isinstance(language, str) and language in languages:
        return language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@contextmanager
def in_language_of(user: Any) -> Iterator[str]:
    """Render an e-mail's text in the recipient's interface language."""
    language = user_language(user)
    with force_locale(language):
        yield language


def to_recipient(parameter: str) -> Callable:
    """Decorator: the mail a function queues is written in the language of the user passed
    as its argument named `parameter` (by name, so a reordered signature cannot hand it the
    actor instead of the recipient)."""

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn)
        if parameter not in signature.parameters:
            raise TypeError(f"{fn.__qualname__} has no parameter {parameter!r}")

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = signature.bind_partial(*args, **kwargs).arguments.get(parameter)
            with in_language_of(user):
                return fn(*args, **kwargs)

        return wrapper

    return decorate


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))
