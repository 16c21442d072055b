"""The empty states: a new installation with no rounds, cohorts or people yet, every
page as every role through axe, in Swedish."""

import pytest

from tests.e2e.a11y import page_lang
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_accessibility_walk import walk

LIVE_SERVER_DATA = "empty"
AXE_ON_EVERY_PAGE = True  # axe comes with each document (see conftest.context)


@pytest.mark.parametrize(
    "email", ["admin@example.org", "hr.bjuv@example.org", "deltagare.bjuv@example.org"]
)
def test_empty_pages_pass_axe(email, live_server, page):
    login(page, live_server.url, email, then=None)  # the walk opens the start page
    count = 0
    for _key, url in walk(page, live_server, "/"):
        count += 1
        assert page_lang(page) == "sv", url
        axe_check(page, f"{email} (empty): {url}")
    assert count >= 3
