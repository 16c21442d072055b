"""A mail is written in its recipient's language, found by the parameter's name: an actor
put first (services take the actor first) is never taken for the recipient."""

from __future__ import annotations

import pytest
from flask_babel import get_locale

from mentorship.mail.services import to_recipient


class _Person:
    def __init__(self, language: str) -> None:
        self.language = language
        self.email = f"{language}@example.org"


def test_the_recipient_is_found_by_name_whatever_the_order(app):
    @to_recipient("user")
    def written(actor, user, note=""):
        return str(get_locale())

    with app.test_request_context():
        swede, english = _Person("sv"), _Person("en")
        assert written(swede, english) == "en"
        assert written(english, swede) == "sv"
        assert written(actor=swede, user=english) == "en"


def test_a_name_the_function_lacks_is_refused_when_it_is_decorated():
    with pytest.raises(TypeError):
        @to_recipient("recipient")
        def written(actor, user):
            return None
