"""`flask worker` (jobs and mail: the one worker service), `flask jobs worker`."""

from __future__ import annotations

import logging
import threading

import click
from flask import Flask, current_app

log = logging.getLogger(__name__)


def _worker_class():
    from rq import SimpleWorker

    from mentorship.jobs.tasks import JobRefused

    class Worker(SimpleWorker):
        """Logs a refused job as the task did (one line), not with RQ's traceback."""

        def handle_exception(self, job, *exc_info):
            if isinstance(exc_info[1], JobRefused):
                return
            super().handle_exception(job, *exc_info)

    return Worker


def run_jobs(burst: bool = False) -> None:
    """An RQ worker that runs each job in this process (no fork), inside the app."""
    from mentorship.jobs.queue import beat, job_queue, redis_connection

    # A job's description is its call with its arguments (an uploaded file): never logged.
    worker = _worker_class()([job_queue()], connection=redis_connection(),
                             log_job_description=False)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()

    def heartbeat() -> None:
        # A job runs in this thread's sibling; the beat goes on while it does, and stops
        # with the process, so a job whose worker died is shown as stopped (see status_of).
        with app.app_context():
            while not stop.is_set():
                try:
                    beat("jobs", worker.name)
                except Exception:  # noqa: BLE001
                    log.warning("job worker heartbeat not written")
                stop.wait(app.config["JOBS_HEARTBEAT_SECONDS"])

    beat("jobs", worker.name)
    threading.Thread(target=heartbeat, name="heartbeat", daemon=True).start()
    try:
        worker.work(burst=burst, with_scheduler=False, logging_level="INFO")
    finally:
        stop.set()


def init_cli(app: Flask) -> None:
    @app.cli.group("jobs")
    def jobs_group() -> None:
        """Long work outside the web request (RQ on Redis)."""

    @jobs_group.command("worker")
    @click.option("--burst", is_flag=True, help="Run what is queued, then exit.")
    def jobs_worker(burst: bool) -> None:
        """Run jobs (matching, publishing) until stopped."""
        run_jobs(burst)

    @app.cli.command("worker")
    def worker() -> None:
        """The worker service: jobs, and the mail outbox in a second thread."""
        from mentorship.mail.delivery import run_worker

        app_ = current_app._get_current_object()  # type: ignore[attr-defined]
        poll = app_.config["MAIL_POLL_SECONDS"]

        def mail_loop() -> None:
            with app_.app_context():
                run_worker(poll)

        threading.Thread(target=mail_loop, name="mail", daemon=True).start()
        run_jobs()
