"""A job's progress: a page (works without JavaScript) and the JSON that jobs.js polls."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.jobs.queue import JobStatus, status_of

bp = Blueprint("jobs", __name__, url_prefix="/jobb")


def _visible(job_id: str) -> JobStatus:
    """Only the person who started a job sees it; anyone else gets a 404."""
    if len(job_id) > 64:
        abort(404)
    job = status_of(job_id)
    if job is None or job.user_id != current_user.id:
        abort(404)
    return job


@bp.route("/<job_id>")
@authenticated
def job(job_id: str):
    return render_template("jobs/job.html", job=_visible(job_id))


@bp.route("/<job_id>/status")
@authenticated
def status(job_id: str):
    return _visible(job_id).as_json()
