"""The trainee history import as a job on the worker: progress, the rows' problems on
failure (nothing saved), the result when done; only its starter sees it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.app.formats_helpers import confirm, kept_token
from tests.app.trainees.test_trainee_reports import CSV, _preview, _upload, page_problems


@pytest.fixture
def jobs_on_redis(app):
    from mentorship.jobs.queue import job_queue, redis_connection

    app.config["JOBS_SYNC"] = False
    yield
    with app.app_context():
        job_queue().empty()
        connection = redis_connection()
        for key in connection.scan_iter(f"mentorship:*{app.config['JOBS_QUEUE']}*"):
            connection.delete(key)


def trainees(app) -> int:
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Trainee))


def test_history_import_as_a_job(client, auth, world, app, make_user, jobs_on_redis):
    from mentorship.jobs.cli import run_jobs

    def work() -> None:
        with app.app_context():
            run_jobs(burst=True)

    from mentorship.jobs.queue import current_for

    before = trainees(app)
    bad = CSV + "12;2017-09-01;Eva Ny;Oslo;;tillsvidare;;;\n"
    problems = _preview(app, bad).problems
    assert [(p.row, p.column) for p in problems] == [(6, "värdkommun"),
                                                     (6, "anställande kommun")]
    assert "Oslo" in problems[0].message
    auth.login("boss@example.org")
    response = _upload(client, bad)
    page = response.get_data(as_text=True)
    assert page_problems(response) == [str(p) for p in problems]
    assert 'name="upload"' not in page
    assert "<progress" not in page and trainees(app) == before

    response = confirm(client, "/trainee/import", kept_token(_upload(client, CSV)))
    assert response.status_code == 302 and response.headers["Location"] == "/trainee/import"
    assert "<progress" in client.get("/trainee/import").get_data(as_text=True)
    work()
    page = client.get("/trainee/import").get_data(as_text=True)
    with app.test_request_context():
        job = current_for("trainee-history", world.admin.id, "import_trainee_history")
    assert job.state == "finished" and 'data-job-state="finished"' in page
    assert re.findall(r"\d+", job.message) == ["4", "0", "2"]  # added, there, new groups
    assert job.message in page and 'href="/trainee/rapport"' in page
    assert trainees(app) == before + 4
    auth.logout()
    make_user("other.admin@example.org", roles=("admin",))
    auth.login("other.admin@example.org")
    assert "data-job-state" not in client.get("/trainee/import").get_data(as_text=True)
