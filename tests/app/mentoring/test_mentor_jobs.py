"""Matching and publishing as jobs on RQ: progress, success, failure, access, and a worker
stopped mid-job (a real `flask jobs worker` process)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from mentorship.extensions import db
from tests.said import flashes, refused

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
WEIGHTS = {"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
           "w_gender": "10", "w_distance": "20"}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def state_of(app, round_id: int) -> str:
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        return db.session.get(MentorRound, round_id).state


def current_job(app, round_id: int):
    from mentorship.jobs.queue import current_for
    from mentorship.jobs.registry import tasks

    with app.test_request_context():
        return current_for(f"round:{round_id}", None, tuple(tasks()))


def work(app) -> None:
    """An RQ worker in this process: runs what is queued, then returns."""
    from mentorship.jobs.cli import run_jobs

    with app.app_context():
        run_jobs(burst=True)


def job_section(page: str) -> str:
    """The page's job status (jobs/_status.html)."""
    start = page.index('class="job-status"')
    return page[start:page.index("</section>", start)]


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


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


def test_matching_and_publishing_run_as_jobs_with_progress(app, client, auth, build_round,
                                                           admin_user, jobs_on_redis):
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MatchRun, MentorPair

    r = build_round(pairs=5)
    auth.login(admin_user.email)
    assert client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                       data=WEIGHTS).status_code == 302
    assert count(app, MatchRun) == 0  # queued, not run in the request
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    section = job_section(page)
    assert 'data-job-state="queued"' in section and "<progress" in section
    assert f'<a href="/mentorskap/omgangar/{r.id}/matchning">' in section  # reload the page
    assert "jobs.js" in page
    job = current_job(app, r.id)
    status = client.get(f"/jobb/{job.id}/status").get_json()
    assert status["state"] == "queued" and status["percent"] == 0
    # a second start while the first is queued is refused
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    assert count(app, MatchRun) == 0
    work(app)
    assert count(app, MatchRun) == 1
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    job = current_job(app, r.id)
    assert job.state == "finished" and numbers(job.message) == ["5"]  # five pairs
    assert 'data-job-state="finished"' in page and job.message in job_section(page)
    assert "<progress" not in page

    assert client.post(f"/mentorskap/omgangar/{r.id}/publicera").status_code == 302
    assert count(app, MentorPair) == 0
    from mentorship.audit.models import AuditEntry

    audited_before = count(app, AuditEntry)
    work(app)
    with app.app_context():  # the job's changes are audited as the coordinator's
        actors = db.session.scalars(
            select(AuditEntry.actor_id).order_by(AuditEntry.id).offset(audited_before)
        ).all()
    assert len(actors) >= 6 and set(actors) == {admin_user.id}
    assert count(app, MentorPair) == 5 and count(app, OutboxMessage) == 10
    job = current_job(app, r.id)
    status = client.get(f"/jobb/{job.id}/status").get_json()
    assert (status["state"], status["done"], status["total"], status["percent"]) == (
        "finished", 5, 5, 100)
    assert status["result_url"] == f"/mentorskap/omgangar/{r.id}/par"
    page = client.get(f"/jobb/{job.id}").get_data(as_text=True)
    assert numbers(status["message"]) == ["5"] and status["message"] in page
    assert f'href="/mentorskap/omgangar/{r.id}/par"' in page


def test_a_failed_job_says_why_in_swedish_and_changes_nothing(app, client, auth, build_round,
                                                              admin_user, jobs_on_redis,
                                                              monkeypatch):
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorPair
    from mentorship.mentoring.pairing import publishing

    r = build_round(pairs=3)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/publicera")  # nothing matched yet
    work(app)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    job = current_job(app, r.id)
    assert job.state == "failed" and 'data-job-state="failed"' in page
    assert job.message == _publish_refusal(app, r.id, admin_user.id)  # the service's own
    assert ("error", job.message) in flashes(job_section(page))

    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    work(app)

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(publishing, "queue_mails", explode)
    client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    work(app)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    job = current_job(app, r.id)
    assert job.state == "failed" and "boom" not in job.message  # not the program's words
    assert ("error", job.message) in flashes(job_section(page))
    assert count(app, MentorPair) == 0 and count(app, OutboxMessage) == 0
    assert state_of(app, r.id) == "matching"


def _publish_refusal(app, round_id: int, user_id: int) -> str:
    """What publishing the round says when it refuses (asked of the service directly)."""
    from mentorship.auth.models import User
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.refusals import ServiceError

    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            publishing.publish(db.session.get(User, user_id),
                               db.session.get(MentorRound, round_id))
        db.session.rollback()
        return err.value.message


@pytest.mark.wording
def test_a_job_that_breaks_says_nothing_has_changed(app, client, auth, build_round, admin_user,
                                                    jobs_on_redis, monkeypatch):
    from mentorship.mentoring.pairing import publishing

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    r = build_round(pairs=2)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    work(app)
    monkeypatch.setattr(publishing, "queue_mails", explode)
    client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    work(app)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Jobbet misslyckades</h2>" in page
    assert current_job(app, r.id).message == ("Jobbet misslyckades. Inget har ändrats; försök "
                                              "igen eller kontakta förvaltningen.")


@pytest.mark.wording
def test_the_round_jobs_say_what_they_did(app, client, auth, build_round, admin_user):
    """With JOBS_SYNC (the tests' default) a job runs in the request and flashes its words."""
    from tests.app.formats_helpers import confirm, kept_token
    from tests.app.mentoring.test_mentor_enrolment import GOOD, upload

    r = build_round(pairs=5)
    auth.login(admin_user.email)
    page = client.post(f"/mentorskap/omgangar/{r.id}/publicera", follow_redirects=True)
    assert flashes(page) == [("error", "Kör matchningen först; det finns inget förslag att "
                                       "publicera.")]
    page = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS,
                       follow_redirects=True)
    assert flashes(page) == [("success", "Matchningen är klar: 5 par.")]
    page = client.post(f"/mentorskap/omgangar/{r.id}/publicera", follow_redirects=True)
    assert flashes(page) == [("success", "5 par är publicerade. E-post till alla deltagare "
                                         "ligger i kö för att skickas.")]
    other = build_round(pairs=0, state="open")
    url = f"/mentorskap/omgangar/{other.id}/importera"
    page = confirm(client, url, kept_token(upload(client, other.id, GOOD)))
    page = client.get(page.headers["Location"])
    assert flashes(page) == [("success", "Importen är klar: 2 nya konton, 2 nya i omgången, "
                                         "0 uppdaterade.")]


def test_only_the_starter_sees_a_job(app, client, auth, build_round, admin_user, make_user,
                                     jobs_on_redis):
    r = build_round(pairs=2)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    job = current_job(app, r.id)
    auth.logout()
    make_user("other.admin@example.org", roles=("admin",))
    auth.login("other.admin@example.org")
    assert client.get(f"/jobb/{job.id}/status").status_code == 404
    assert client.get(f"/jobb/{job.id}").status_code == 404
    assert client.get("/jobb/no-such-job").status_code == 404
    assert client.get("/jobb/;").status_code == 404  # not an id RQ accepts


def _worker(app, **settings) -> subprocess.Popen:
    env = dict(os.environ)
    env.update({
        "MENTORSHIP_ENV": "development",
        "MENTORSHIP_SECRET_KEY": "test-worker-secret",
        "MENTORSHIP_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MENTORSHIP_REDIS_URL": app.config["REDIS_URL"],
        "MENTORSHIP_JOBS_QUEUE": app.config["JOBS_QUEUE"],
        "MENTORSHIP_BASE_URL": app.config["BASE_URL"],
        "MENTORSHIP_JOBS_HEARTBEAT_SECONDS": "1",
    })
    env.update({f"MENTORSHIP_{k}": str(v) for k, v in settings.items()})
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker"],
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.committed
def test_a_worker_stopped_mid_job_leaves_no_half_written_round(app, client, auth, build_round,
                                                               admin_user, jobs_on_redis):
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=6)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    work(app)
    client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    job_id = current_job(app, r.id).id
    # A real worker that pauses after each step of progress: stop it after the first.
    worker = _worker(app, JOBS_PROGRESS_DELAY=60)
    try:
        _wait(lambda: current_job(app, r.id).done > 0)
        assert current_job(app, r.id).state == "started"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    assert count(app, MentorPair) == 0 and count(app, OutboxMessage) == 0
    assert state_of(app, r.id) == "matching"
    _wait(lambda: current_job(app, r.id).state == "failed", 10)
    assert "avbröts" in current_job(app, r.id).message
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert 'data-job-state="failed"' in page
    # The coordinator starts it again, and a fresh worker finishes it.
    client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    assert current_job(app, r.id).id != job_id
    worker = _worker(app)
    try:
        _wait(lambda: current_job(app, r.id).state == "finished")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    assert count(app, MentorPair) == 6 and count(app, OutboxMessage) == 12
    assert state_of(app, r.id) == "published"


def test_an_import_runs_as_a_job_and_lists_the_files_problems(app, client, auth, build_round,
                                                              admin_user, jobs_on_redis):
    from mentorship.mentoring.models import Enrolment
    from tests.app.formats_helpers import confirm, kept_token
    from tests.app.mentoring.test_mentor_enrolment import (
        GOOD,
        people_csv,
        preview,
        problem_items,
        upload,
    )

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/importera"
    # A file with problems is refused by its preview: no job is started.
    bad = people_csv("a1;boss;Örjan;Malmö;HR;x;2;;sv;either;;;;orjan@example.org")
    page = upload(client, r.id, bad).get_data(as_text=True)
    found = preview(app, r.id, bad, admin_user.email).problems
    assert (2, "role") in {(p.row, p.column) for p in found}
    with app.test_request_context():
        assert problem_items(page) == [str(p) for p in found]
    assert 'name="upload"' not in page
    assert current_job(app, r.id) is None and count(app, Enrolment) == 0

    # The preview's confirmation starts the job.
    token = kept_token(upload(client, r.id, GOOD))
    assert confirm(client, url, token).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "<progress" in page and "Importera deltagare" in page
    # The kept file is used once: a second click finds it gone.
    page = confirm(client, url, token)
    assert page.status_code == 200 and refused(page) == {"file"}
    work(app)
    status = current_job(app, r.id)
    assert status.kind == "import_enrolments" and status.state == "finished"
    assert status.total == 2 and status.result_url == f"/mentorskap/omgangar/{r.id}/deltagare"
    page = client.get(f"/mentorskap/omgangar/{r.id}/importera").get_data(as_text=True)
    assert numbers(status.message) == ["2", "2", "0"]  # new accounts, enrolled, updated
    assert 'data-job-state="finished"' in page and status.message in job_section(page)
    assert count(app, Enrolment) == 2
