"""The trainee outcome export as a job: the worker writes what HR may see, the same rows as
the direct download, and the file is the starter's only."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.app.mentoring.test_mentor_jobs import jobs_on_redis, work  # noqa: F401


def outcome_job(app, user_id: int):
    from mentorship.jobs.queue import current_for

    with app.test_request_context():
        return current_for(f"export:{user_id}:trainee-outcomes", user_id, "export_file")


def user_id(app, email: str) -> int:
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def rows(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_a_large_outcome_export_is_a_job_scoped_like_the_direct_one(
    app, client, auth, world, report_outcome, jobs_on_redis  # noqa: F811
):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv", title="ekonom")
    auth.login("hr.hbg@example.org")
    direct = client.get("/trainee/utfall/export.xlsx")
    direct_csv = client.get("/trainee/utfall/export.csv").data
    app.config["EXPORT_JOB_ROWS"] = 0  # every outcome export is now "large"
    response = client.get("/trainee/utfall/export.xlsx")
    assert response.status_code == 302 and response.headers["Location"] == "/trainee/utfall"
    assert "<progress" in client.get("/trainee/utfall").get_data(as_text=True)
    work(app)
    hbg = user_id(app, "hr.hbg@example.org")
    job = outcome_job(app, hbg)
    page = client.get("/trainee/utfall").get_data(as_text=True)
    assert f'href="/jobb/{job.id}/fil"' in page
    kept = client.get(f"/jobb/{job.id}/fil")
    assert rows(kept.data) == rows(direct.data)
    names = [row[1] for row in rows(kept.data)]
    assert "Nora Ibrahim" in names and "Elsa Lund" not in names  # Helsingborg's only

    client.get("/trainee/utfall/export.csv")
    work(app)
    job = outcome_job(app, hbg)
    assert client.get(f"/jobb/{job.id}/fil").data == direct_csv
    auth.logout()
    auth.login("hr.bjuv@example.org")
    assert client.get(f"/jobb/{job.id}/fil").status_code == 404
