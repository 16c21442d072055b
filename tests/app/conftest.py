"""Fixtures shared by the access-control tests."""

from __future__ import annotations

import pytest

from mentorship.extensions import db


@pytest.fixture
def matrix_app(app):
    from mentorship.demo import run_demo

    app.config["DEMO_PASSWORD"] = "mentorship-demo"
    with app.test_request_context():
        run_demo("mentorship-demo")
        db.session.commit()
    return app
