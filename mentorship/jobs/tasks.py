"""How the worker runs a task, and how a request runs one with JOBS_SYNC.

The tasks are the features' (`mentorship.jobs.registry.tasks()`). A task takes the acting
user, a `progress(done, total)` callback and ids or codes (an uploaded file arrives as an
`ImportFile`); it only flushes. `execute` (in the worker) and `run_inline` (JOBS_SYNC)
commit once when it returns and roll everything back when it raises, so a failed job
changes nothing. A task returns (message, (endpoint, values)) for the result link.

What a job leaves in Redis and in the logs names no person: its arguments are ids
(`payload.pack`), its upload key is deleted when it ends, a refused job (a ServiceError)
ends as finished with its Swedish message in the job's meta rather than in RQ's failed-job
registry, and an unexpected failure is logged and recorded by the job's id, its kind and
the exception's type and stack, never the exception's text (which may quote a row).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_app_context, url_for
from flask_babel import gettext as _
from rq import get_current_job

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.imports import problem_lines
from mentorship.jobs import payload
from mentorship.jobs.registry import tasks
from mentorship.mail.services import in_language_of
from mentorship.refusals import ServiceError

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Result = tuple[str, tuple[str, dict[str, Any]]]


class JobFailed(Exception):
    """What RQ records for a job that failed unexpectedly: its kind and the type of the
    error, nothing the error said."""


@dataclass(frozen=True)
class Outcome:
    """A task run inside the request (JOBS_SYNC): how it ended (`queue.start` returns it)."""

    ok: bool
    message: str
    result_url: str | None
    error: ServiceError | None = None  # to show on the form


def _actor(user_id: int):
    return db.session.get(User, user_id)


def run_inline(kind: str, user_id: int, **kwargs: Any) -> Outcome:
    """JOBS_SYNC: the task inside the request, with the request's session and commit."""
    try:
        message, (endpoint, values) = tasks()[kind](_actor(user_id), lambda *_: None, **kwargs)
    except ServiceError as err:
        db.session.rollback()
        return Outcome(False, err.message, None, err)
    db.session.commit()
    return Outcome(True, message, url_for(endpoint, **values))


def execute(kind: str, user_id: int, kwargs: dict[str, Any]) -> None:
    """The worker's entry point (RQ calls it by name, inside the worker's app)."""
    if not has_app_context():
        raise RuntimeError("jobs run in the app's worker: flask --app wsgi worker")
    _execute(kind, user_id, kwargs)


def _execute(kind: str, user_id: int, kwargs: dict[str, Any]) -> None:
    job = get_current_job()
    job_id = job.id if job is not None else "-"
    delay = current_app.config["JOBS_PROGRESS_DELAY"]

    def save(**values: Any) -> None:
        if job is not None:
            job.meta.update(values)
            job.save_meta()

    def progress(done: int, total: int) -> None:
        save(done=done, total=total)
        if delay:
            time.sleep(delay)  # tests: a window in which to stop the worker mid-job

    try:
        if job is not None and job.meta.get("database") != payload.database_fingerprint():
            log.warning("job %s (%s) refused: queued for another database", job_id, kind)
            save(message=_("Jobbet startades i en annan installation och har inte körts "
                           "här. Inget har ändrats; starta det igen."), failed_cleanly=True)
            return
        actor = _actor(user_id)
        g.audit_actor = actor  # changes are audited as theirs, as in a request
        with in_language_of(actor):
            try:
                values = payload.unpack(kwargs)
                message, result = tasks()[kind](actor, progress, **values)
                db.session.commit()
            except ServiceError as err:
                db.session.rollback()
                save(message=err.message, problems=problem_lines(err), failed_cleanly=True)
                # one line, no traceback: the problems themselves may name people
                log.warning("job %s (%s) refused: %s", job_id, kind, type(err).__name__)
                return
            except Exception as exc:
                db.session.rollback()
                log.error("job %s (%s) failed: %s\n%s", job_id, kind, type(exc).__name__,
                          "".join(traceback.format_tb(exc.__traceback__)))
                save(message=_("Jobbet misslyckades. Inget har ändrats; försök igen eller "
                               "kontakta förvaltningen."), failed_cleanly=True)
                raise JobFailed(f"{kind}: {type(exc).__name__}") from None
    finally:
        g.pop("audit_actor", None)
        db.session.remove()
        try:
            payload.discard(payload.upload_keys(kwargs))
        except Exception:  # noqa: BLE001 - Redis gone: the key expires by itself
            log.warning("job %s: upload key not deleted; it expires by itself", job_id)
    save(message=message, result=list(result))
