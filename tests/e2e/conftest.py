"""Browser tests: the real app under a real server thread, driven in Chromium.

Each test module gets its own server on a database of its own (SQLite, or a separate
PostgreSQL database when MENTORSHIP_DATABASE_URL is set), a copy of the demo data that the
real migrations and the demo built once per run, with the production headers (CSP
included). Chromium comes from the OS packages: its headless shell
(/usr/bin/chromium-headless-shell, installed by scripts/ensure-chromium), or the full
browser where only that is installed; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
import pytest

from tests.conftest import make_test_config
from tests.db_state import new_database

DEMO_PASSWORD = "mentorship-demo"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    """The headless shell first: the same engine as the browser, and a new page costs a
    third of the full browser's CPU, a navigation half (most of the browser tests' time)."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium-headless-shell",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


def chromium_args(path: str) -> list[str]:
    # The full browser runs headless only in its new mode; the shell is headless anyway.
    return CHROMIUM_ARGS if "headless-shell" in path else ["--headless=new", *CHROMIUM_ARGS]


def _live_config(url: str, tmp: str) -> dict:
    config = make_test_config(url, tmp)
    config.update(
        WTF_CSRF_ENABLED=True,
        DEMO_PASSWORD=DEMO_PASSWORD,
        PROPAGATE_TEST_ERRORS=False,
        LOGIN_LIMIT_PER_ACCOUNT="1000 per minute",
        LOGIN_LIMIT_PER_ADDRESS="1000 per minute",
    )
    return config


@pytest.fixture(scope="session")
def _e2e_tmp() -> str:
    return tempfile.mkdtemp(prefix="mentorship-e2e-")


@pytest.fixture(scope="session")
def _templates(_e2e_tmp) -> dict[str, str]:
    """The two starting points, each built once per run by the real migrations (as in
    production) and copied for every module: the demo, and an app with one account per role."""
    from flask_migrate import upgrade

    from mentorship import create_app
    from mentorship.demo import run_demo
    from mentorship.extensions import db

    urls = {}
    for data, fill in (("demo", lambda: run_demo(DEMO_PASSWORD)), ("empty", _only_role_accounts)):
        url = new_database(_e2e_tmp, f"e2e_template_{data}")
        app = create_app(_live_config(url, _e2e_tmp))
        with app.app_context():
            upgrade()
        with app.test_request_context():
            fill()
            db.session.commit()
        with app.app_context():
            db.engine.dispose()  # a template database must have no connection left
        urls[data] = url
    return urls


@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture(scope="module")
def live_server(request, _e2e_tmp, _templates):
    from werkzeug.serving import make_server

    from mentorship import create_app
    from mentorship.extensions import db

    name = "e2e_" + request.module.__name__.rsplit(".", 1)[-1].replace("test_", "")
    data = getattr(request.module, "LIVE_SERVER_DATA", "demo")
    url = new_database(_e2e_tmp, name, template=_templates[data])
    app = create_app(_live_config(url, _e2e_tmp))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield LiveServer(url=app.config["BASE_URL"], app=app)
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _only_role_accounts() -> None:
    """An empty app: reference data and one account per role, for the empty states."""
    from sqlalchemy import select

    from mentorship.auth.passwords import hash_password
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.reference.models import Municipality
    from mentorship.reference.services import seed_reference_data

    seed_reference_data()
    bjuv = db.session.scalar(select(Municipality).where(Municipality.name == "Bjuv"))
    for email, roles in (
        ("admin@example.org", ("admin",)),
        ("hr.bjuv@example.org", ("hr",)),
        ("deltagare.bjuv@example.org", ("participant",)),
    ):
        user = create_user(None, NewUser(email, email.split("@")[0].title(), bjuv.id, roles))
        user.password_hash = hash_password(DEMO_PASSWORD)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is missing: run `make test`, which installs it from the OS packages")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=chromium_args(path))
        yield browser
        browser.close()


@pytest.fixture
def context(request, browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    if getattr(request.module, "AXE_ON_EVERY_PAGE", False):
        context.add_init_script(path=AXE_SCRIPT)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors  # CSP violations show up here
    yield page


AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"


def axe_violations(page) -> list[str]:
    """axe (WCAG 2.0/2.1 A and AA) on the page: one line per violation, none if it passes.

    A module that checks every page it visits (AXE_ON_EVERY_PAGE = True) has axe in each
    new document as an init script (see `context`). Elsewhere the first check sends the
    half-megabyte script and registers it for the page's later documents: compiling it
    in every document of a journey that checks only a few would cost more.
    """
    if page.evaluate("typeof axe === 'undefined'"):
        page.add_init_script(path=AXE_SCRIPT)
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in page.evaluate(AXE_RUN, options)
    ]


def axe_check(page, what: str = "") -> None:
    """Runs axe on the page; fails listing every violation."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"axe found violations on {what or page.url}:\n" + "\n".join(violations))


def follow(locator) -> None:
    """Clicks a link or submit button and waits until the page it leads to has loaded.

    A click returns once the navigation has started, and wait_for_load_state() may still
    see the old, loaded document: reading the title or content then races the server (a
    login POST spends ~100 ms in argon2) and reads the old page or an empty title.
    """
    with locator.page.expect_navigation():
        locator.click()


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def login(
    page, base_url: str, email: str, password: str = DEMO_PASSWORD, then: str | None = "/"
) -> None:
    """Logs in as the login form does (the same POST with its CSRF token, answered with the
    same session cookie), from the page's own cookie jar but without loading the form in
    the page; then opens `then`: by default the start page, where a login lands.

    The form itself, in the browser, is part of the journeys that are about it
    (test_foundation_journey) and of every role's accessibility walk (login_with_form).
    Loading and filling it before every other journey cost half a second of CPU each.
    """
    form = page.request.get(f"{base_url}/logga-in")
    token = CSRF_FIELD.search(form.text())
    assert token, f"no login form at {form.url} (still logged in?)"
    answer = page.request.post(
        f"{base_url}/logga-in",
        form={"csrf_token": token.group(1), "email": email, "password": password},
        max_redirects=0,
    )
    target = answer.headers.get("location", "")
    assert answer.status == 302 and "/logga-in" not in target, f"login failed for {email}"
    if then is not None:
        page.goto(base_url + then)


def login_with_form(page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Logs in through the login form in the page, as a person does."""
    page.goto(f"{base_url}/logga-in")
    page.get_by_label("E-postadress").fill(email)
    follow(page.get_by_role("button", name="Fortsätt"))  # the e-mail first (SSO or not)
    page.get_by_label("Lösenord").fill(password)
    follow(page.get_by_role("button", name="Logga in"))
    assert "/logga-in" not in page.url, f"login failed for {email}"


def logout(page) -> None:
    follow(page.get_by_role("button", name="Logga ut"))


def flash_kinds(page) -> list[str]:
    """The kinds of the messages the page flashed ("success", "error", "info"), read from
    their classes (templates/base.html), not from their words (tests/said.py)."""
    from tests.said import flashed

    return flashed(page.content())


def from_db(app, read):
    """What `read(db.session)` finds in the server's database now: the state a step of a
    journey must have reached. Return plain values (ids, counts), not ORM objects."""
    from mentorship.extensions import db

    with app.app_context():
        return read(db.session)


# The longest files of the suite (tens of seconds each); see pytest_collection_modifyitems.
LONGEST_FILES = ("test_accessibility_walk.py", "test_accessibility_empty.py")


def pytest_collection_modifyitems(items):
    """Every browser test is marked `e2e`, so `pytest -m "not e2e"` is the fast loop.

    The browser files, the longest first, also go to the front of the run. `make test`
    hands whole files to its workers in this order (`--no-loadscope-reorder`): long files
    handed out last would leave one CPU idle while another finishes them, whereas the
    many short files of the app tests at the end fill the gaps evenly.
    """
    here = os.path.dirname(os.path.abspath(__file__))

    def rank(item) -> int:
        if not str(item.path).startswith(here + os.sep):
            return 2
        return 0 if item.path.name in LONGEST_FILES else 1

    for item in items:
        if rank(item) < 2:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=rank)  # stable: the order inside each group stays
