"""Expected failures of a job (a file's problems, a round in the wrong state) are quiet: the
worker logs one line with the job's id, no traceback and nothing of the file's people, and
the starter still reads every problem on the page."""

from __future__ import annotations

import logging

import pytest

from mentorship.imports import ImportFile
from tests.app.mentoring.test_mentor_jobs import jobs_on_redis, work  # noqa: F401 - fixture

PERSON = ("Örjan Hemlig", "orjan.hemlig@example.org")
BAD_FILE = (
    "\ufeffid;role;name;municipality;business_area;level;years_as_manager;goals;languages;"
    "meeting_mode;capacity;exclude;lock;email\n"
    f"a1;boss;{PERSON[0]};Malmö;HR;x;2;;sv;either;;;;{PERSON[1]}\n"
).encode()


def _logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.INFO]


def _start(app, admin_user, kind: str, round_id: int, **kwargs):
    from mentorship.jobs.queue import start

    with app.test_request_context():
        return start(kind, f"round:{round_id}", admin_user.id, round_id=round_id, **kwargs)


@pytest.mark.parametrize("kind", ["import_enrolments", "publish_round"])
def test_a_refused_job_logs_one_line_with_its_id(app, build_round, admin_user, caplog,
                                                 jobs_on_redis, kind):  # noqa: F811
    from mentorship.jobs.queue import status_of

    state = "open" if kind == "import_enrolments" else "matching"
    r = build_round(pairs=0 if kind == "import_enrolments" else 2, state=state)
    extra = ({"upload": ImportFile("people.csv", BAD_FILE)} if kind == "import_enrolments"
             else {})
    job = _start(app, admin_user, kind, r.id, **extra)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        work(app)

    records = _logged(caplog)
    text = "\n".join(r.getMessage() for r in records)
    assert not any(r.exc_info for r in records) and "Traceback" not in text
    assert PERSON[0] not in text and PERSON[1] not in text and "Malmö" not in text
    about_failure = [r for r in records if r.levelno >= logging.WARNING]
    assert len(about_failure) == 1, text
    assert job.id in about_failure[0].getMessage() and kind in about_failure[0].getMessage()
    assert "\n" not in about_failure[0].getMessage()

    with app.test_request_context():
        status = status_of(job.id)
    assert status.state == "failed"
    if kind == "import_enrolments":
        assert any("okänd roll" in line for line in status.problems)


def test_a_refused_jobs_stored_failure_names_nobody(app, build_round, admin_user,
                                                     jobs_on_redis):  # noqa: F811
    """What RQ keeps about the failure (its exception text, its description) holds no data
    from the file."""
    from rq.job import Job

    from mentorship.jobs.queue import redis_connection

    r = build_round(pairs=0, state="open")
    job = _start(app, admin_user, "import_enrolments", r.id,
                 upload=ImportFile("people.csv", BAD_FILE))
    work(app)
    with app.app_context():
        stored = Job.fetch(job.id, connection=redis_connection())
        failure = stored.latest_result().exc_string or ""
        assert stored.description == "import_enrolments"
        failed = stored.is_failed
    assert PERSON[1] not in failure and PERSON[0] not in failure
    # A refusal is no failure of the job: nothing enters RQ's failed-job registry at all.
    assert not failed
