"""A large export in a browser: the round page shows the job's progress (axe-checked,
under the production CSP), reloads when the worker is done and offers the file."""

import re

from tests.e2e.conftest import axe_check, flash_kinds, follow, login
from tests.e2e.test_jobs_progress import jobs_on_redis  # noqa: F401


def test_a_large_export_shows_progress_then_the_download(live_server, page,
                                                         jobs_on_redis):  # noqa: F811
    from mentorship.jobs.cli import run_jobs

    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    jobs_on_redis.config["EXPORT_JOB_ROWS"] = -1  # every export is "large"
    try:
        login(page, live_server.url, "admin@example.org")
        follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
        follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
        follow(page.get_by_role("link", name="Excel").first)
        assert flash_kinds(page) == ["info"]  # the file is made in the background
        status = page.locator("section.job-status")
        assert status.get_attribute("data-job-state") == "queued"
        assert page.get_by_label("Förlopp").is_visible()
        axe_check(page, "export i kö")
        with jobs_on_redis.app_context():
            run_jobs(burst=True)
        # jobs.js sees the job finish and reloads the page, which offers the file
        page.wait_for_selector("section.job-status[data-job-state=finished]", timeout=15000)
        axe_check(page, "export klar")
        with page.expect_download() as download:
            page.locator("section.job-status a[href]").click()
        assert download.value.suggested_filename.endswith("-par.xlsx")
    finally:
        jobs_on_redis.config["EXPORT_JOB_ROWS"] = 2000
    assert not errors, errors
