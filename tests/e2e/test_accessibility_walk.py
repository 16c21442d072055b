"""Every page as every role, filled with the demo data: axe (WCAG 2.0/2.1 A and AA), the
Swedish `lang`, no sideways scrolling at 320 px, every control reachable by keyboard with
a visible focus. One walk per role does all the checks on each page it reaches.

Then the error state of every form the admin's walk found: after a failed submit the title
starts with "Fel:", the error summary has focus and links to each field, each invalid
field has aria-invalid and a described-by message, and axe finds nothing. The empty
states have their own test in test_accessibility_empty.py."""

from collections import deque

import pytest

from tests.e2e.a11y import (
    CHECK_SUMMARY,
    EMPTY_FIELDS_SCRIPT,
    TEXT_INPUTS,
    check_all_focus,
    check_keyboard,
    has_text_inputs,
    overflows,
    page_lang,
    route_key,
    same_site_links,
)
from tests.e2e.conftest import axe_check, axe_violations, follow, login, login_with_form

ROLES = {
    "admin": "admin@example.org",
    "hr": "hr.bjuv@example.org",
    "participant": None,  # a demo participant found through the people list
}
PER_ENDPOINT = 1
MAX_PAGES = 90
AXE_ON_EVERY_PAGE = True  # axe comes with each document (see conftest.context)


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


WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 320, "height": 900}


@pytest.fixture(scope="module")
def admin_walk() -> dict[str, list[str]]:
    """What the admin's walk found: the error-state test submits the forms of those pages
    rather than crawl the same site a second time. Empty until that walk has ended."""
    return {}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_passes_axe_and_fits_320_px_for(role, live_server, page, admin_walk):
    email = ROLES[role] or a_participant_email(live_server.app)
    login_with_form(page, live_server.url, email)  # every role's login, as a person does it
    problems, wide, form_pages = [], [], []
    count = 0
    for _key, url in walk(page, live_server, "/"):
        count += 1
        assert page_lang(page) == "sv", url
        problems += [f"{url}: axe: {v}" for v in axe_violations(page)]
        if role == "admin":  # the admin reaches every kind of page the others do
            if has_text_inputs(page):
                form_pages.append(url)
            problems += [f"{url}: {p}" for p in check_keyboard(page)]
            problems += [f"{url}: {p}" for p in check_all_focus(page)]
        # The same page on a 320 px wide screen (the layout follows the width; no script
        # on these pages looks at it), then back for the next page's checks.
        page.set_viewport_size(NARROW)
        if overflows(page):
            wide.append(url)
        page.set_viewport_size(WIDE)
    if role == "admin":
        admin_walk["form_pages"] = form_pages
    assert count >= 3, "the walk found almost no pages"
    assert not problems, "\n".join(problems)
    assert not wide, "these pages scroll sideways at 320 px:\n" + "\n".join(wide)
    assert not page.console_errors, page.console_errors


def submit_empty(page) -> None:
    page.evaluate(EMPTY_FIELDS_SCRIPT, TEXT_INPUTS)
    form = page.locator(TEXT_INPUTS).first.locator("xpath=ancestor::form[1]")
    follow(form.locator("button[type=submit], input[type=submit]").first)


def test_every_form_error_state_is_accessible(live_server, page, admin_walk):
    login(page, live_server.url, "admin@example.org", then=None)
    pages = admin_walk.get("form_pages")
    if pages is None:  # run without the admin's walk: the same walk, forms only
        pages = [url for _key, url in walk(page, live_server, "/") if has_text_inputs(page)]
    assert len(pages) >= 10, pages
    checked, problems = 0, []
    for url in pages:
        page.goto(url)
        submit_empty(page)
        result = page.evaluate(CHECK_SUMMARY)
        if result is None:
            continue  # the form accepts empty input (filters, optional fields)
        checked += 1
        if not page.title().startswith("Fel:"):
            problems.append(f"{url}: title {page.title()!r} does not start with 'Fel:'")
        problems += [f"{url}: {p}" for p in result]
        assert page_lang(page) == "sv"
        axe_check(page, f"error state of {url}")
    assert checked >= 8, f"only {checked} forms showed an error state"
    assert not problems, "\n".join(problems)
