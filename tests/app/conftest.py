"""Fixtures shared by the access-control tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def matrix_app(demo_app):
    """The whole demo, loaded once per run (every account's password is `mentorship-demo`)."""
    return demo_app
