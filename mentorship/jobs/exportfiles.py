"""Large exports as jobs: the file is written on the worker and kept briefly for its starter.

An export of more than `EXPORT_JOB_ROWS` rows (and never with `JOBS_SYNC`) is not written
in the request: the view starts the `export_file` task, which builds the same table with the
same code as the direct download (the builder the feature registers in its jobs module,
`registry.export_sources()`), writes the CSV/XLSX with `mentorship.exports` and keeps the
file in Redis under the job's id for `EXPORT_FILE_TTL_SECONDS` (15 minutes), together with
the id of the person who started it. `/jobb/<id>/fil` hands it only to that
person (anyone else: 404) and audits the download as an export, as the direct path does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from flask import current_app, flash, redirect
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from rq import get_current_job
from werkzeug.wrappers import Response

from mentorship.exports import CSV_MIME, XLSX_MIME, csv_bytes, swedish_format, xlsx_bytes
from mentorship.jobs import queue
from mentorship.jobs.registry import export_sources
from mentorship.redis_store import redis_connection
from mentorship.refusals import ServiceError


@dataclass(frozen=True)
class Table:
    """An export's rows and how its download is named and audited."""

    filename: str  # without extension, ASCII only
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    record_type: str
    record_id: int | None = None
    municipality_id: int | None = None


def render(table: Table, fmt: str, swedish: bool | None = None) -> tuple[bytes, str, str]:
    """The file's bytes, name and MIME type: what `exports.download` sends."""
    if fmt == "xlsx":
        return xlsx_bytes(table.header, table.rows), f"{table.filename}.xlsx", XLSX_MIME
    return csv_bytes(table.header, table.rows, swedish), f"{table.filename}.csv", CSV_MIME


def as_job(table: Table) -> bool:
    """Whether this export is large enough to be written by the worker."""
    config = current_app.config
    return not config["JOBS_SYNC"] and len(table.rows) > config["EXPORT_JOB_ROWS"]


def subject(name: str) -> str:
    """One export job at a time per person and page (it never blocks matching or imports)."""
    return f"export:{current_user.id}:{name}"


def current(name: str):
    """The export job this person last started from page `name`, if RQ still keeps it."""
    if current_app.config["JOBS_SYNC"]:
        return None  # exports then download at once; no need to ask Redis
    return queue.current_for(subject(name), current_user.id, "export_file")


def start(name: str, source: str, params: dict[str, Any], fmt: str, back: str) -> Response:
    """Start the export job and go back to the page, which shows its progress."""
    try:
        queue.start("export_file", subject(name), current_user.id, source=source,
                    params=params, fmt=fmt, swedish=swedish_format())
    except ServiceError as err:
        flash(err.message, "error")
    else:
        flash(_("Filen är stor och skapas i bakgrunden. Länken att ladda ner den visas här "
                "när den är klar."), "info")
    return redirect(back)


def _key(job_id: str) -> str:
    return f"mentorship:export-file:{current_app.config['JOBS_QUEUE']}:{job_id}"


def store(job_id: str, user_id: int, table: Table, body: bytes, filename: str,
          mimetype: str) -> None:
    key = _key(job_id)
    pipe = redis_connection().pipeline()
    pipe.hset(key, mapping={
        "user_id": user_id, "body": body, "filename": filename, "mimetype": mimetype,
        "record_type": table.record_type,
        "record_id": "" if table.record_id is None else table.record_id,
        "municipality_id": "" if table.municipality_id is None else table.municipality_id,
    })
    pipe.expire(key, int(current_app.config["EXPORT_FILE_TTL_SECONDS"]))
    pipe.execute()


@dataclass(frozen=True)
class StoredFile:
    body: bytes
    filename: str
    mimetype: str
    record_type: str
    record_id: int | None
    municipality_id: int | None


def fetch(job_id: str, user_id: int) -> StoredFile | None:
    """The kept file of job `job_id` if `user_id` started it and it has not expired."""
    try:
        values = cast(dict[bytes, bytes], redis_connection().hgetall(_key(job_id)))
    except Exception:  # noqa: BLE001 - no Redis: no file to give
        return None
    if not values or values.get(b"user_id", b"").decode() != str(user_id):
        return None

    def number(field: bytes) -> int | None:
        text = values.get(field, b"").decode()
        return int(text) if text else None

    return StoredFile(values[b"body"], values[b"filename"].decode(),
                      values[b"mimetype"].decode(), values[b"record_type"].decode(),
                      number(b"record_id"), number(b"municipality_id"))


def export_file(actor: Any, progress: Callable[[int, int], None], source: str,
                params: dict[str, Any], fmt: str, swedish: bool) -> Any:
    """The job: build the table, write the file, keep it for its starter."""
    job = get_current_job()
    sources = export_sources()
    if job is None or source not in sources:
        raise ServiceError(_("Exporten kan inte göras som jobb."))
    progress(0, 3)
    table = sources[source](actor, **params)
    progress(1, 3)
    try:
        body, filename, mimetype = render(table, fmt, swedish)
        progress(2, 3)
        store(job.id, actor.id, table, body, filename, mimetype)
    except Exception as exc:
        raise ServiceError(_("Filen kunde inte skapas. Försök igen om en stund eller kontakta "
                             "förvaltningen.")) from exc
    progress(3, 3)
    minutes = int(current_app.config["EXPORT_FILE_TTL_SECONDS"]) // 60
    return (_("Filen är klar (%(rows)s). Den finns kvar för dig i %(minutes)s.",
              rows=ngettext("%(num)s rad", "%(num)s rader", len(table.rows)),
              minutes=ngettext("%(num)s minut", "%(num)s minuter", minutes)),
            ("jobs.download", {"job_id": job.id}))
