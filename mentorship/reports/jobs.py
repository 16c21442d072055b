"""A large year's export as a job, as the other large exports: the worker writes the file
and keeps it for its starter (`mentorship.jobs.exportfiles`), the page shows the progress.
The task is registered with the jobs core through the feature (`reports/feature.py`)."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from rq import get_current_job
from werkzeug.wrappers import Response

from mentorship.jobs import queue
from mentorship.jobs.exportfiles import Table, store
from mentorship.refusals import ServiceError
from mentorship.reports import exports
from mentorship.reports.services import YearReport, year_report

TASK = "annual_report"


def size(report: YearReport) -> int:
    """The people the year's figures count: what makes the files slow to write."""
    figures = report.figures
    trainees = sum(c.trainees for c in figures.trainee.ended + figures.trainee.started)
    return figures.mentor.managers + trainees


def is_large(report: YearReport) -> bool:
    config = current_app.config
    return not config["JOBS_SYNC"] and size(report) > config["EXPORT_JOB_ROWS"]


def subject() -> str:
    return f"export:{current_user.id}:annual-report"


def current():
    """The export job of the year's report this person last started, while RQ keeps it."""
    if current_app.config["JOBS_SYNC"]:
        return None
    return queue.current_for(subject(), current_user.id, TASK)


def start(report: YearReport, fmt: str) -> Response:
    try:
        queue.start(TASK, subject(), current_user.id, year=report.year, fmt=fmt)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        flash(_("Filen är stor och skapas i bakgrunden. Länken att ladda ner den visas här "
                "när den är klar."), "info")
    return redirect(url_for("reports.year", year=report.year))


def write(actor: Any, progress, year: int, fmt: str) -> tuple[str, tuple[str, dict]]:
    """The job: the same report as the page, for the same person, written and kept."""
    job = get_current_job()
    if job is None or fmt not in exports.FORMATS:
        raise ServiceError(_("Exporten kan inte göras som jobb."))
    progress(0, 3)
    report = year_report(actor, year)
    progress(1, 3)
    body = exports.render(report, fmt)
    progress(2, 3)
    table = Table(f"aret-i-siffror-{year}", [], [], "annual_report", None,
                  report.figures.scope.municipality_id)
    store(job.id, actor.id, table, body, exports.filename(report, fmt),
          exports.MIMETYPES[fmt])
    progress(3, 3)
    minutes = int(current_app.config["EXPORT_FILE_TTL_SECONDS"]) // 60
    return (_("Filen är klar. Den finns kvar för dig i %(minutes)s minuter.", minutes=minutes),
            ("jobs.download", {"job_id": job.id}))


TASKS = {TASK: write}
