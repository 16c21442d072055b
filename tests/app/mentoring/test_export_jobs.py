"""Large exports as jobs: the worker writes the same file the direct download gives, only
its starter can fetch it (for 15 minutes), it is audited, small exports stay direct."""

from __future__ import annotations

import io
import os
import signal
import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.mentoring.test_mentor_jobs import (  # noqa: F401
    _wait,
    _worker,
    jobs_on_redis,
    work,
)
from tests.said import flashed, flashes


def export_job(app, client, round_id: int, user_id: int):
    from mentorship.jobs.queue import current_for

    with app.test_request_context():
        return current_for(f"export:{user_id}:round:{round_id}", user_id, "export_file")


def audited_exports(app) -> int:
    from mentorship.audit.models import AuditEntry

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "export"))


def sheet_rows(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_a_large_round_export_is_a_job_and_downloads_the_same_file(
    app, client, auth, build_round, admin_user, jobs_on_redis  # noqa: F811
):
    r = build_round(pairs=4, state="running")
    auth.login(admin_user.email)
    direct_csv = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv")
    direct_xlsx = client.get(f"/mentorskap/omgangar/{r.id}/export/workshoppar.xlsx")
    assert direct_csv.status_code == 200 and direct_xlsx.status_code == 200

    app.config["EXPORT_JOB_ROWS"] = 2  # four pairs are now "large"
    response = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/mentorskap/omgangar/{r.id}"
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert flashed(page) == ["info"]  # the file is made in the background
    assert "<progress" in page and 'data-job-state="queued"' in page and "I kö" in page
    before = audited_exports(app)
    work(app)
    job = export_job(app, client, r.id, admin_user.id)
    assert job.state == "finished"
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert 'data-job-state="finished"' in page
    assert f'href="/jobb/{job.id}/fil"' in page and "15 minuter" in page
    kept = client.get(f"/jobb/{job.id}/fil")
    assert kept.status_code == 200
    assert kept.data == direct_csv.data
    assert kept.headers["Content-Disposition"] == direct_csv.headers["Content-Disposition"]
    assert kept.headers["Cache-Control"] == "no-store"
    assert audited_exports(app) == before + 1  # the download is audited, like a direct one

    client.get(f"/mentorskap/omgangar/{r.id}/export/workshoppar.xlsx")
    work(app)
    job = export_job(app, client, r.id, admin_user.id)
    kept = client.get(f"/jobb/{job.id}/fil")
    assert kept.headers["Content-Type"] == direct_xlsx.headers["Content-Type"]
    assert sheet_rows(kept.data) == sheet_rows(direct_xlsx.data)
    assert len(sheet_rows(kept.data)) > 2


def test_only_the_starter_gets_the_file_and_only_until_it_expires(
    app, client, auth, build_round, admin_user, make_user, jobs_on_redis  # noqa: F811
):
    r = build_round(pairs=3, state="running")
    app.config["EXPORT_JOB_ROWS"] = 1
    auth.login(admin_user.email)
    client.get(f"/mentorskap/omgangar/{r.id}/export/par.xlsx")
    work(app)
    job = export_job(app, client, r.id, admin_user.id)
    assert client.get(f"/jobb/{job.id}/fil").status_code == 200
    auth.logout()
    make_user("other.admin@example.org", roles=("admin",))
    auth.login("other.admin@example.org")
    assert client.get(f"/jobb/{job.id}/fil").status_code == 404
    assert "/fil" not in client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert client.get("/jobb/no-such-job/fil").status_code == 404
    assert client.get("/jobb/;/fil").status_code == 404
    auth.logout()

    app.config["EXPORT_FILE_TTL_SECONDS"] = 1
    auth.login(admin_user.email)
    client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv")
    work(app)
    job = export_job(app, client, r.id, admin_user.id)
    time.sleep(1.5)
    assert client.get(f"/jobb/{job.id}/fil").status_code == 404  # expired: gone from Redis


def test_small_exports_still_download_at_once(app, client, auth, build_round, admin_user,
                                              jobs_on_redis):  # noqa: F811
    r = build_round(pairs=3, state="running")
    auth.login(admin_user.email)
    for kind in ("par", "workshoppar", "utvardering"):
        response = client.get(f"/mentorskap/omgangar/{r.id}/export/{kind}.csv")
        assert response.status_code == 200 and "attachment" in response.headers[
            "Content-Disposition"]
    assert export_job(app, client, r.id, admin_user.id) is None


def _failed_export(app, client, auth, build_round, admin_user, monkeypatch):
    from mentorship.jobs import exportfiles

    def broken(*args, **kwargs):
        raise OSError("disk full")

    r = build_round(pairs=3, state="running")
    app.config["EXPORT_JOB_ROWS"] = 1
    monkeypatch.setattr(exportfiles, "xlsx_bytes", broken)
    auth.login(admin_user.email)
    client.get(f"/mentorskap/omgangar/{r.id}/export/par.xlsx")
    work(app)
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    return page, export_job(app, client, r.id, admin_user.id)


def test_a_failed_export_shows_its_own_message_and_no_file(app, client, auth, build_round,
                                                          admin_user, jobs_on_redis,  # noqa: F811
                                                          monkeypatch):
    page, job = _failed_export(app, client, auth, build_round, admin_user, monkeypatch)
    assert job.state == "failed" and 'data-job-state="failed"' in page
    assert flashes(page)[-1] == ("error", job.message)  # shown as the job's refusal
    assert job.message and "disk full" not in job.message  # not the system's words
    assert "/fil" not in page


@pytest.mark.wording
def test_a_failed_export_says_why_in_swedish(app, client, auth, build_round, admin_user,
                                             jobs_on_redis, monkeypatch):  # noqa: F811
    page, job = _failed_export(app, client, auth, build_round, admin_user, monkeypatch)
    assert "Jobbet misslyckades" in page and job.message.startswith("Filen kunde inte skapas")


@pytest.mark.committed
def test_a_real_worker_writes_the_export(app, client, auth, build_round, admin_user,
                                         jobs_on_redis):  # noqa: F811
    r = build_round(pairs=3, state="running")
    auth.login(admin_user.email)
    direct = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv").data
    app.config["EXPORT_JOB_ROWS"] = 1
    client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv")
    worker = _worker(app)
    try:
        _wait(lambda: export_job(app, client, r.id, admin_user.id).state == "finished")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(10)
    job = export_job(app, client, r.id, admin_user.id)
    assert client.get(f"/jobb/{job.id}/fil").data == direct
