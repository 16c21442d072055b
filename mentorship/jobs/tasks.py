"""The tasks a job can run, and how the worker runs one.

A task takes the acting user, a `progress(done, total)` callback and JSON-able keyword
arguments; it only flushes. `execute` (in the worker) and `run_inline` (JOBS_SYNC) commit
once when it returns and roll everything back when it raises, so a failed job changes
nothing. A task returns (message, (endpoint, values)) for the result link.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from flask import current_app, g, has_app_context
from flask_babel import gettext as _

from mentorship.extensions import db
from mentorship.imports import ImportFile, problem_lines
from mentorship.services import ServiceError

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Result = tuple[str, tuple[str, dict[str, Any]]]


def _round(round_id: int):
    from mentorship.mentoring.models import MentorRound

    round_ = db.session.get(MentorRound, round_id)
    if round_ is None:
        raise ServiceError(_("Omgången finns inte längre."))
    return round_


def match_round(actor, progress: Progress, round_id: int, min_score: float,
                weights: dict[str, float]) -> Result:
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.rounds import services as rounds

    round_ = _round(round_id)
    progress(1, 4)
    rounds.update_round(actor, round_, rounds.RoundSettings(
        round_.name, round_.starts_on, round_.ends_on, float(min_score), dict(weights)))
    progress(2, 4)
    run = proposals.run_matching(actor, round_)
    progress(4, 4)
    return (_("Matchningen är klar: %(n)s par.", n=run.figures.get("pairs", 0)),
            ("mentoring.proposal", {"round_id": round_id}))


def publish_round(actor, progress: Progress, round_id: int) -> Result:
    from mentorship.mentoring.pairing import publishing

    n = publishing.publish(actor, _round(round_id), progress=progress)
    return (_("%(n)s par är publicerade. E-post till alla deltagare ligger i kö för att "
              "skickas.", n=n), ("mentoring.pairs", {"round_id": round_id}))


def import_enrolments(actor, progress: Progress, round_id: int, filename: str,
                      data: bytes) -> Result:
    from mentorship.mentoring.enrolment.importer import ACCOUNTS, ImportFile, import_people

    result = import_people(actor, _round(round_id), ImportFile(filename, data), progress)
    return (
        _("Importen är klar: %(new)s nya konton, %(enrolled)s nya i omgången, "
          "%(updated)s uppdaterade.", new=result.created[ACCOUNTS],
          enrolled=result.added, updated=result.updated),
        ("mentoring.enrolments", {"round_id": round_id}),
    )


def import_trainee_history(actor, progress: Progress, filename: str,
                           data: bytes) -> Result:
    from mentorship.trainees.reports import importer

    progress(0, 1)
    result = importer.import_history(ImportFile(filename, data))
    progress(1, 1)
    return (
        _("Inläst: %(added)s nya trainees, %(same)s fanns redan, %(groups)s nya grupper.",
          added=result.added, same=result.unchanged, groups=result.created[importer.COHORTS]),
        ("trainees.report", {}),
    )


def export_file(actor, progress: Progress, **kwargs: Any) -> Result:
    from mentorship.jobs.exportfiles import export_file as write

    return write(actor, progress, **kwargs)


def annual_report(actor, progress: Progress, year: int, fmt: str) -> Result:
    from mentorship.reports.jobs import write

    return write(actor, progress, year, fmt)


TASKS: dict[str, Callable[..., Result]] = {
    "annual_report": annual_report,
    "export_file": export_file,
    "match_round": match_round,
    "publish_round": publish_round,
    "import_enrolments": import_enrolments,
    "import_trainee_history": import_trainee_history,
}


def _actor(user_id: int):
    from mentorship.auth.models import User

    return db.session.get(User, user_id)


def run_inline(kind: str, user_id: int, **kwargs: Any):
    """JOBS_SYNC: the task inside the request, with the request's session and commit."""
    from mentorship.forms import commit
    from mentorship.jobs.queue import Outcome

    try:
        message, (endpoint, values) = TASKS[kind](_actor(user_id), lambda *_: None, **kwargs)
    except ServiceError as err:
        db.session.rollback()
        return Outcome(False, err.message, None, err)
    commit()
    from flask import url_for

    return Outcome(True, message, url_for(endpoint, **values))


def execute(kind: str, user_id: int, kwargs: dict[str, Any]) -> str:
    """The worker's entry point (RQ calls it by name)."""
    if has_app_context():
        return _execute(kind, user_id, kwargs)
    from mentorship import create_app

    with create_app().app_context():
        return _execute(kind, user_id, kwargs)


def _execute(kind: str, user_id: int, kwargs: dict[str, Any]) -> str:
    from rq import get_current_job

    from mentorship.mail.services import in_language_of

    job = get_current_job()
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
        actor = _actor(user_id)
        g.audit_actor = actor  # changes are audited as theirs, as in a request
        with in_language_of(actor):
            try:
                message, result = TASKS[kind](actor, progress, **kwargs)
                db.session.commit()
            except ServiceError as err:
                db.session.rollback()
                save(message=err.message, problems=problem_lines(err), failed_cleanly=True)
                raise
            except Exception:
                db.session.rollback()
                log.exception("job %s (%s) failed", job.id if job else "-", kind)
                save(message=_("Jobbet misslyckades. Inget har ändrats; försök igen eller "
                               "kontakta förvaltningen."), failed_cleanly=True)
                raise
    finally:
        g.pop("audit_actor", None)
        db.session.remove()
    save(message=message, result=list(result))
    return message
