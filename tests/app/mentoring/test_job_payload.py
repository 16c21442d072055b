"""Issue 23.7: a job carries ids, not personal data, and never crosses deployments.

An uploaded file waits for its job under a key of its own, which expires by itself and is
deleted when the job ends; nothing RQ keeps of a job (its arguments, its description, a
failure's record) holds the file's names or addresses; every place that starts a job goes
through the one check of its arguments; two deployments get queues and keys of their own;
and a job queued for another database is refused instead of run.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from mentorship.extensions import db
from tests.app.formats_helpers import upload_and_confirm
from tests.app.mentoring.test_mentor_enrolment import GOOD

ROUND_JOBS = ("import_enrolments", "match_round", "publish_round")
PERSONAL = (b"asa@example.org", b"orjan@example.org", "Åsa Öberg".encode(),
            "Örjan Ek".encode())
WEIGHTS = {"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
           "w_gender": "10", "w_distance": "20"}


def upload(client, round_id: int, data: bytes):
    """The import as a coordinator starts it: the preview, then the confirmation."""
    url = f"/mentorskap/omgangar/{round_id}/importera"
    return upload_and_confirm(client, url, data, "people.csv")


def _start_import(app, round_id: int, user_id: int, data: bytes) -> None:
    """The import job on a file the preview never saw (as if it changed in between)."""
    from mentorship.imports import ImportFile
    from mentorship.jobs import queue

    with app.test_request_context():
        queue.start("import_enrolments", f"round:{round_id}", user_id, round_id=round_id,
                    upload=ImportFile("people.csv", data))


@pytest.fixture
def jobs_on_redis(app):
    from mentorship.jobs.queue import job_queue, redis_connection

    app.config["JOBS_SYNC"] = False
    yield
    with app.app_context():
        job_queue().empty()
        job_queue().failed_job_registry.cleanup()
        connection = redis_connection()
        for key in connection.scan_iter(f"mentorship:*{app.config['JOBS_QUEUE']}*"):
            connection.delete(key)


def _work(app) -> None:
    from mentorship.jobs.cli import run_jobs

    with app.app_context():
        run_jobs(burst=True)


def _job(app, round_id: int):
    from rq.job import Job

    from mentorship.jobs.queue import current_for, redis_connection

    with app.test_request_context():
        status = current_for(f"round:{round_id}", None, ROUND_JOBS)
        return status, Job.fetch(status.id, connection=redis_connection())


def _everything_rq_keeps(app, job_id: str) -> bytes:
    """Every byte Redis holds under a key that names the job: its hash, its execution
    records and results (whatever their type)."""
    from rq.job import Job

    from mentorship.jobs.queue import redis_connection

    with app.app_context():
        connection = redis_connection()
        dump = []
        for key in connection.scan_iter(f"*{job_id}*"):
            kind = connection.type(key)
            if kind == b"hash":
                dump.append(connection.hgetall(key))
            elif kind == b"string":
                dump.append(connection.get(key))
            elif kind == b"stream":
                dump.append(connection.xrange(key))
            elif kind in (b"list", b"set", b"zset"):
                dump.append(connection.dump(key))
        assert dump, "RQ keeps nothing about the job"
        # RQ compresses what it keeps of a failure: read it back as RQ does
        job = Job.fetch(job_id, connection=connection)
        result = job.latest_result()
        readable = [job.args, job.kwargs, job.meta, job.description,
                    result.exc_string if result else None]
        return (repr(dump) + repr(readable)).encode()


def _upload_keys(app) -> list[bytes]:
    from mentorship.jobs.queue import redis_connection

    with app.app_context():
        pattern = f"mentorship:upload:{app.config['JOBS_QUEUE']}:*"
        return list(redis_connection().scan_iter(pattern))


def test_an_upload_waits_under_a_short_lived_key_and_the_job_carries_only_ids(
        app, client, auth, build_round, admin_user, jobs_on_redis):
    from mentorship.jobs.queue import redis_connection

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    assert upload(client, r.id, GOOD).status_code == 302
    status, job = _job(app, r.id)
    keys = _upload_keys(app)
    assert len(keys) == 1
    with app.app_context():
        ttl = redis_connection().ttl(keys[0])
    assert 0 < ttl <= app.config["JOBS_UPLOAD_TTL_SECONDS"]
    assert job.description == "import_enrolments"
    assert job.args[2] == {"round_id": r.id, "upload": {"__upload__": keys[0].decode()
                                                      .rsplit(":", 1)[1]}}
    assert not any(value in _everything_rq_keeps(app, job.id) for value in PERSONAL)

    _work(app)
    assert _job(app, r.id)[0].state == "finished"
    assert _upload_keys(app) == []  # deleted when the job ended


def test_a_failed_job_leaves_no_file_and_no_personal_data_in_redis(
        app, client, auth, build_round, admin_user, jobs_on_redis, monkeypatch, caplog):
    from mentorship.mentoring.enrolment import importer

    def explode(actor, round_, upload, progress):
        raise RuntimeError(f"row of {upload.data.decode('utf-8-sig')}")  # quotes the file

    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    monkeypatch.setattr(importer, "import_people", explode)
    upload(client, r.id, GOOD)
    _work(app)
    status, job = _job(app, r.id)
    assert status.state == "failed" and "Jobbet misslyckades" in status.message
    assert job.is_failed  # in RQ's failed-job registry, for a day ...
    kept = _everything_rq_keeps(app, job.id)
    assert b"RuntimeError" in kept  # ... saying what failed ...
    assert not any(value in kept for value in PERSONAL)  # ... but not what it held
    assert _upload_keys(app) == []
    logged = caplog.text.encode()
    assert job.id.encode() in logged and not any(value in logged for value in PERSONAL)

    # a refused import (the file's own problems) ends without the failed-job registry
    monkeypatch.undo()
    _start_import(app, r.id, admin_user.id, GOOD.replace(b";mentor;", b";boss;"))
    _work(app)
    status, job = _job(app, r.id)
    assert status.state == "failed" and status.problems
    assert not job.is_failed and _upload_keys(app) == []


def test_every_place_that_starts_a_job_passes_the_one_check(app):
    """`queue.start` (and so every view that starts a job) accepts ids and codes only."""
    from mentorship.jobs import queue

    with app.test_request_context():
        for wrong in ({"note": "kim@example.org"}, {"name": "Åsa Öberg"},
                      {"data": b"bytes"}, {"ids": [1, "Åsa Öberg"]},
                      {"weights": {"Åsa Öberg": 1}}):
            with pytest.raises(TypeError):
                queue.start("match_round", "round:1", 1, round_id=1, **wrong)
        with pytest.raises(KeyError):
            queue.start("no_such_job", "x", 1)


def test_two_deployments_get_queues_and_keys_of_their_own(tmp_path):
    from mentorship import create_app
    from tests.conftest import make_test_config

    def config(name: str, **extra) -> dict:
        values = make_test_config(f"sqlite:///{tmp_path}/{name}.sqlite", str(tmp_path))
        values.pop("JOBS_QUEUE")
        return {**values, **extra}

    one, two = create_app(config("one")).config, create_app(config("two")).config
    again = create_app(config("one")).config
    assert one["JOBS_QUEUE"] != two["JOBS_QUEUE"]
    assert one["RATELIMIT_KEY_PREFIX"] != two["RATELIMIT_KEY_PREFIX"]
    assert one["JOBS_QUEUE"] == again["JOBS_QUEUE"]  # the web app and its worker agree
    named = create_app(config("three", DEPLOYMENT="kommunen")).config
    assert named["JOBS_QUEUE"] == "mentorship-kommunen"


def test_a_job_queued_for_another_database_is_refused(app, client, auth, build_round,
                                                      admin_user, jobs_on_redis):
    from mentorship.jobs.models import DatabaseIdentity
    from mentorship.mentoring.models import MatchRun

    r = build_round(pairs=3)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    with app.app_context():  # the worker is now connected to another database
        db.session.execute(update(DatabaseIdentity).values(token="another-database"))
        db.session.commit()
    _work(app)
    status, _job_ = _job(app, r.id)
    assert status.state == "failed" and "annan installation" in status.message
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MatchRun)) == 0
