"""Fixtures shared by the access-control tests, and the admin account the account-gate
tests (test_account_gate.py, networks/test_network_invitation_gate.py) try to reach."""

from __future__ import annotations

import pytest

ADMIN_EMAIL = "chef.admin@example.org"


@pytest.fixture
def matrix_app(demo_app):
    """The whole demo, loaded once per run (every account's password is `mentorship-demo`)."""
    return demo_app


@pytest.fixture
def admin(make_user):
    """An admin, Ada Admin, at ADMIN_EMAIL: the account others may not touch."""
    return make_user(ADMIN_EMAIL, roles=("admin",), name="Ada Admin")
