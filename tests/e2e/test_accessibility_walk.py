"""Every page as every role, filled with the demo data: axe (WCAG 2.0/2.1 A and AA), the
Swedish `lang`, no sideways scrolling at 320 px, every control reachable by keyboard with
a visible focus. Error states and empty states have their own tests below and in
test_accessibility_states.py."""

from collections import deque

import pytest

from tests.e2e.a11y import (
    check_all_focus,
    check_keyboard,
    overflows,
    route_key,
    same_site_links,
)
from tests.e2e.conftest import axe_check, login

ROLES = {
    "admin": "admin@example.org",
    "hr": "hr.bjuv@example.org",
    "participant": None,  # a demo participant found through the people list
}
PER_ENDPOINT = 1
MAX_PAGES = 90


def a_participant_email(app) -> str:
    from sqlalchemy import select

    from mentorship.auth.models import User, UserRole
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalars(
            select(User.email)
            .join(UserRole)
            .where(UserRole.role == "participant", User.email.like("%.bjuv@example.org"))
            .order_by(User.id)
        ).first()


def walk(page, live_server, start: str):
    base = live_server.url
    queue = deque([base + start])
    seen_urls: set[str] = set()
    per_endpoint: dict[str, int] = {}
    visited = []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        key = route_key(live_server.app, url)
        if per_endpoint.get(key, 0) >= PER_ENDPOINT:
            continue
        per_endpoint[key] = per_endpoint.get(key, 0) + 1
        response = page.goto(url)
        assert response.status < 500, f"{url} answered {response.status}"
        if response.status >= 400:
            continue
        visited.append((key, url))
        yield key, url
        queue.extend(u for u in same_site_links(page, base) if u not in seen_urls)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_passes_axe_for(role, live_server, page):
    email = ROLES[role] or a_participant_email(live_server.app)
    login(page, live_server.url, email)
    problems = []
    count = 0
    for _key, url in walk(page, live_server, "/"):
        count += 1
        assert page.locator("html").get_attribute("lang") == "sv", url
        axe_check(page, f"{role}: {url}")
        if role == "admin":  # the admin reaches every kind of page the others do
            problems += [f"{url}: {p}" for p in check_keyboard(page)]
            problems += [f"{url}: {p}" for p in check_all_focus(page)]
    assert count >= 3, "the walk found almost no pages"
    assert not problems, "\n".join(problems)
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("role", ["admin", "participant"])
def test_no_page_scrolls_sideways_at_320_px(role, live_server, page):
    page.set_viewport_size({"width": 320, "height": 900})
    email = ROLES[role] or a_participant_email(live_server.app)
    login(page, live_server.url, email)
    wide = [url for _, url in walk(page, live_server, "/") if overflows(page)]
    assert not wide, "these pages scroll sideways at 320 px:\n" + "\n".join(wide)
