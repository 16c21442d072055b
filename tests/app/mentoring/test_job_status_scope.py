"""A job's status shows only on the page that started it (issue 25, item 3): a failed
import on a round never shows above the proposal of the same round, and a matching run
never above the import page. Every page that shows a job is listed here with the kinds
it starts; each is checked against a job of every other kind on its subject."""

from __future__ import annotations

import pytest

from mentorship.jobs.registry import tasks
from tests.app.mentoring.test_mentor_jobs import jobs_on_redis, work  # noqa: F401

# page -> (subject, the job kinds it starts), "{round}" and "{user}" filled in per test.
PAGES = {
    "/mentorskap/omgangar/{round}/matchning": ("round:{round}", ("match_round",
                                                                 "publish_round")),
    "/mentorskap/omgangar/{round}/importera": ("round:{round}", ("import_enrolments",)),
    "/mentorskap/omgangar/{round}": ("export:{user}:round:{round}", ("export_file",)),
    "/trainee/import": ("trainee-history", ("import_trainee_history",)),
}


def _plant(app, subject: str, kind: str, user_id: int) -> str:
    """A failed job of `kind` on `subject`, as the queue keeps it after a run."""
    from rq.job import Job, JobStatus

    from mentorship.jobs.queue import _subject_key, redis_connection

    with app.test_request_context():
        job = Job.create("mentorship.jobs.tasks.execute", args=(kind, user_id, {}),
                         connection=redis_connection(), failure_ttl=60)
        job.meta.update({"kind": kind, "user_id": user_id, "done": 0, "total": 0,
                         "message": f"Fel i {kind}", "failed_cleanly": True})
        job.save()
        job.set_status(JobStatus.FAILED)
        redis_connection().set(_subject_key(subject), job.id, ex=60)
        return job.id


@pytest.mark.usefixtures("jobs_on_redis")
@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_shows_only_the_jobs_it_starts(app, client, auth, build_round, admin_user,
                                              page):
    r = build_round(pairs=1)
    auth.login(admin_user.email)
    subject, kinds = PAGES[page]
    url = page.format(round=r.id)
    subject = subject.format(round=r.id, user=admin_user.id)
    with app.app_context():
        kinds_of_jobs = sorted(tasks())
    for kind in kinds_of_jobs:
        _plant(app, subject, kind, admin_user.id)
        html = client.get(url).get_data(as_text=True)
        assert (f"Fel i {kind}" in html) is (kind in kinds), (page, kind)


def test_the_proposal_page_ignores_a_failed_import_of_the_same_round(
        app, client, auth, build_round, admin_user, jobs_on_redis):  # noqa: F811
    r = build_round(pairs=1, state="open")
    auth.login(admin_user.email)
    from mentorship.imports import ImportFile
    from mentorship.jobs import queue

    with app.test_request_context():  # a file the preview never saw: its job fails
        queue.start("import_enrolments", f"round:{r.id}", admin_user.id, round_id=r.id,
                    upload=ImportFile("x.csv", b"not,a,file\n1,2,3\n"))
    work(app)
    assert "Jobbet misslyckades" in client.get(
        f"/mentorskap/omgangar/{r.id}/importera").get_data(as_text=True)
    assert "Jobbet misslyckades" not in client.get(
        f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
