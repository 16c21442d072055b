"""A job in a browser: matching a round runs on a worker; the page shows a progress bar
(axe-checked, under the production CSP), and its script reloads the page when the job is
done, showing the result."""

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import axe_check, follow, from_db, login


@pytest.fixture
def jobs_on_redis(live_server):
    from mentorship.jobs.queue import job_queue, redis_connection

    app = live_server.app
    app.config["JOBS_SYNC"] = False
    yield app
    app.config["JOBS_SYNC"] = True
    with app.app_context():
        job_queue().empty()
        connection = redis_connection()
        for key in connection.scan_iter(f"mentorship:*{app.config['JOBS_QUEUE']}*"):
            connection.delete(key)


def _runs(app, round_id: int) -> int:
    """How many times the round has been matched."""
    from sqlalchemy import func, select

    from mentorship.mentoring.models import MatchRun

    return from_db(app, lambda s: s.scalar(
        select(func.count()).select_from(MatchRun).where(MatchRun.round_id == round_id)))


def test_the_progress_bar_follows_the_job_and_shows_the_result(live_server, page,
                                                                jobs_on_redis):
    from mentorship.jobs.cli import run_jobs

    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, live_server.url, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Till matchningen"))
    proposal = urlsplit(page.url).path
    round_id = int(re.search(r"/omgangar/(\d+)/", proposal).group(1))
    follow(page.get_by_role("button", name="Kör matchningen"))
    assert page.get_by_role("heading", name="I kö").is_visible()
    assert page.get_by_label("Förlopp").is_visible()
    status = page.locator("section.job-status")
    assert status.locator(f"a[href='{proposal}']").is_visible()  # reload by hand
    assert _runs(live_server.app, round_id) == 0  # the worker has not run it yet
    axe_check(page, "jobb i kö")
    with jobs_on_redis.app_context():
        run_jobs(burst=True)
    # jobs.js sees the job finish and reloads the page
    page.wait_for_selector("section.job-status[data-job-state=finished]", timeout=15000)
    assert _runs(live_server.app, round_id) == 1
    assert page.get_by_role("heading", name="Klart").is_visible()
    assert page.get_by_role("table", name=re.compile("Föreslagna par")).is_visible()
    axe_check(page, "jobb klart")
    assert not errors, errors  # no CSP violation, no script error
