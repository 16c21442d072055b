"""A job's progress: a page (works without JavaScript) and the JSON that jobs.js polls."""

from __future__ import annotations

import re

from flask import Blueprint, abort, render_template
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.audit.services import record
from mentorship.exports import file_response
from mentorship.forms import carry_out
from mentorship.jobs.exportfiles import fetch
from mentorship.jobs.queue import JobStatus, status_of

bp = Blueprint("jobs", __name__, url_prefix="/jobb")


#: RQ's own rule for a job id; anything else names no job (and RQ would raise on it).
JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _visible(job_id: str) -> JobStatus:
    """Only the person who started a job sees it; anyone else gets a 404."""
    if not JOB_ID.fullmatch(job_id):
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


@bp.route("/<job_id>/fil")
@authenticated
def download(job_id: str):
    """A large export's file, kept briefly for the person who started the job (404 for
    anyone else, and once it has expired); audited as an export, like a direct download."""
    if not JOB_ID.fullmatch(job_id):
        abort(404)
    kept = fetch(job_id, current_user.id)
    if kept is None:
        abort(404)
    with carry_out():
        record("export", kept.record_type, kept.record_id, None, kept.municipality_id)
    response = file_response(kept.body, kept.filename, kept.mimetype)
    response.headers["Cache-Control"] = "no-store"
    return response
