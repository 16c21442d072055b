"""`flask worker` (jobs and mail: the one worker service), `flask jobs worker`."""

from __future__ import annotations

import logging
import threading

import click
from flask import Flask, current_app
from rq import SimpleWorker

from mentorship.jobs.queue import job_queue
from mentorship.redis_store import beat, redis_connection

log = logging.getLogger(__name__)


def worker_class(reconnect_seconds: float) -> type:
    """RQ's SimpleWorker (each job in this process, no fork) that logs a job by its id and
    kind, never its arguments or result, and tries a Redis that went away again every
    `reconnect_seconds` instead of backing off to a minute."""
    class Worker(SimpleWorker):
        log_job_description = False
        log_result_lifespan = False
        exponential_backoff_factor = 1.0
        max_connection_wait_time = reconnect_seconds

    return Worker


def run_jobs(burst: bool = False) -> None:
    """An RQ worker that runs each job in this process (no fork), inside the app."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    worker = worker_class(float(app.config["JOBS_RECONNECT_SECONDS"]))(
        [job_queue()], connection=redis_connection(), log_job_description=False)
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
        # deferred: the mail sender (smtplib, email) loads for the worker, not with every app
        from mentorship.mail.delivery import run_worker

        app_ = current_app._get_current_object()  # type: ignore[attr-defined]
        poll = app_.config["MAIL_POLL_SECONDS"]

        def mail_loop() -> None:
            with app_.app_context():
                run_worker(poll)

        threading.Thread(target=mail_loop, name="mail", daemon=True).start()
        run_jobs()
