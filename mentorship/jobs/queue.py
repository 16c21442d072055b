"""Jobs on RQ (Redis): start one, follow its progress, read how it ended.

A job runs a task a feature registered (`mentorship.jobs.registry.tasks()`) in the worker
(`flask --app wsgi worker`): it commits once at the end, so a failure or a worker killed
mid-job leaves the database as it was. Progress, the Swedish failure message and the link
to the result live in the RQ job's meta. With `JOBS_SYNC` (tests, or `make run` without
Redis) the task runs inside the request instead and its outcome is returned at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from redis.exceptions import RedisError
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job

from mentorship.jobs import payload
from mentorship.jobs.registry import tasks
from mentorship.jobs.tasks import Outcome, run_inline
from mentorship.redis_store import alive, beat, redis_connection  # noqa: F401 - the queue's API
from mentorship.refusals import ServiceError

log = logging.getLogger(__name__)


def job_queue() -> Queue:
    return Queue(current_app.config["JOBS_QUEUE"], connection=redis_connection())


def _subject_key(subject: str) -> str:
    return f"mentorship:job-for:{current_app.config['JOBS_QUEUE']}:{subject}"


@dataclass(frozen=True)
class JobStatus:
    id: str
    kind: str
    state: str  # queued | started | finished | failed
    done: int
    total: int
    message: str
    result_url: str | None
    user_id: int | None
    problems: tuple[str, ...] = ()  # a failed import: every problem with its row

    @property
    def percent(self) -> int:
        if self.state == "finished":
            return 100
        # 100 % only once committed: the last step (the commit) is still to come
        return min(99, int(100 * self.done / self.total)) if self.total else 0

    @property
    def running(self) -> bool:
        return self.state in ("queued", "started")

    def as_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "state": self.state, "done": self.done,
                "total": self.total, "percent": self.percent, "message": self.message,
                "result_url": self.result_url}


def _state(job: Job) -> str:
    status = job.get_status(refresh=False)
    value = getattr(status, "value", status)
    if value in ("finished", "failed", "started"):
        return value
    if value in ("stopped", "canceled"):
        return "failed"
    return "queued"


def status_of(job_id: str) -> JobStatus | None:
    try:
        job = Job.fetch(job_id, connection=redis_connection())
    except NoSuchJobError:
        return None
    meta = job.get_meta(refresh=False) or {}
    state = _state(job)
    if meta.get("failed_cleanly"):
        state = "failed"  # a refused job ends in RQ's terms, with its reason in the meta
    if state == "started" and not alive("jobs", job.worker_name or ""):
        state = "failed"  # its worker stopped mid-job; the job's transaction never committed
    message = meta.get("message") or ""
    if state == "failed" and not meta.get("failed_cleanly"):
        # killed, timed out, or stopped before the task could say what happened
        message = _("Jobbet avbröts innan det blev klart. Inget har ändrats; starta det igen.")
    result = meta.get("result") if state == "finished" else None
    result_url = url_for(result[0], **result[1]) if result and has_request_context() else None
    return JobStatus(job.id, meta.get("kind", ""), state, int(meta.get("done", 0)),
                     int(meta.get("total", 0)), message, result_url, meta.get("user_id"),
                     tuple(meta.get("problems") or ()) if state == "failed" else ())


def current_for(subject: str, user_id: int | None,
                kinds: str | tuple[str, ...]) -> JobStatus | None:
    """The latest job `user_id` started for a subject (e.g. "round:12"), while RQ still
    keeps it, if it is of one of `kinds`: the page that shows it names the kinds it starts,
    so that another page's job on the same subject (a failed import on the proposal page)
    never shows there. `user_id` None: whoever started it (the `start` check)."""
    try:
        job_id = redis_connection().get(_subject_key(subject))
        job = status_of(job_id.decode()) if job_id else None  # type: ignore[union-attr]  # bytes
    except Exception:  # noqa: BLE001 - no Redis: no job to show
        log.warning("job queue unavailable")
        return None
    if job is None or (user_id is not None and job.user_id != user_id):
        return None
    return job if job.kind in ((kinds,) if isinstance(kinds, str) else kinds) else None


def start(kind: str, subject: str, user_id: int, **kwargs: object) -> JobStatus | Outcome | None:
    """Queue task `kind`; one job at a time per subject. Raises ServiceError when refused.
    (None: the queued job is already gone from Redis.) The arguments are ids and codes
    and `ImportFile`s (see payload.pack); anything else is a TypeError."""
    if kind not in tasks():
        raise KeyError(f"no job {kind!r} is registered")
    if current_app.config["JOBS_SYNC"]:
        return run_inline(kind, user_id, **payload.pack(dict(kwargs), stash=False))
    database = payload.database_fingerprint(create=True)
    try:
        running = current_for(subject, None, tuple(tasks()))
        if running is not None and running.running:
            raise ServiceError(_("Ett jobb pågår redan här. Vänta tills det är klart."))
        job = job_queue().enqueue(
            "mentorship.jobs.tasks.execute",
            kind,
            user_id,
            payload.pack(dict(kwargs), stash=True),
            description=kind,  # RQ logs it; the default would be the call with its arguments
            job_timeout=current_app.config["JOBS_TIMEOUT_SECONDS"],
            result_ttl=3600,
            failure_ttl=24 * 3600,
            meta={"kind": kind, "user_id": user_id, "done": 0, "total": 0,
                  "database": database},
        )
        redis_connection().set(_subject_key(subject), job.id, ex=24 * 3600)
    except (RedisError, OSError) as exc:  # Redis down
        log.error("could not queue job %s: %s", kind, type(exc).__name__)
        raise ServiceError(
            _("Jobbkön svarar inte just nu. Inget har ändrats; försök igen om en stund.")
        ) from exc
    return status_of(job.id)


def ran_here(started: JobStatus | Outcome | None) -> Outcome | None:
    """How a job that JOBS_SYNC ran inside the request ended; None when it was queued. A
    refused run raises its refusal, so that a page inside `carry_out` shows it on the form
    like any other (and the request's transaction is rolled back)."""
    if not isinstance(started, Outcome):
        return None
    if not started.ok:
        assert started.error is not None  # a failed Outcome carries its refusal
        raise started.error
    return started
