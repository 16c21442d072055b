"""Every import is previewed before it changes anything (the second half of `imports`).

Phase 1 (`Plan`): the importer reads the file (`read_upload`: the template's example rows
set aside), runs every check of every row and column in one pass (`check_every_row`: an
importer lists its row checks, one function per column or concern, and each reports all
it finds), checks across rows, and counts what the file would add, change and leave as
it is. Nothing is written and no e-mail is queued. The page shows that `Preview`; the
file waits server-side (`keep_upload`: a random id, bound to the user, that expires),
so that neither the file nor anything in it travels in a URL.

Phase 2, when the coordinator confirms: the import job plans the same file again (the
database may have changed meanwhile) and applies it only if the plan has no problem
(`Plan.confirmed`), all or nothing as before.
"""

from __future__ import annotations

import difflib
import json
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from matching import whole_number
from matching.collation import swedish_key
from mentorship.imports import (
    EXAMPLE_COLUMN,
    ImportFile,
    ImportProblem,
    ImportProblems,
    ImportResult,
    Problems,
    Report,
    Row,
    read_table,
)
from mentorship.redis_store import redis_connection
from mentorship.refusals import ServiceError

EXAMPLE_ALIASES = {"example": EXAMPLE_COLUMN}

T = TypeVar("T")
RowCheck = Callable[[Row, Report], object]


@dataclass(frozen=True)
class Table:
    rows: list[Row]  # the rows to import
    examples: list[int]  # the row numbers of the template's example rows, skipped


def read_upload(cmd: ImportFile, expected: Sequence[str] = (),
                aliases: Mapping[str, str] | None = None) -> Table:
    """`read_table`, with the template's example rows set aside (whatever they hold)."""
    rows = read_table(cmd.filename, cmd.data, expected, {**EXAMPLE_ALIASES, **(aliases or {})})
    examples = [r.number for r in rows if r.values.get(EXAMPLE_COLUMN, "").strip()]
    return Table([r for r in rows if r.number not in set(examples)], examples)


def check_every_row(rows: Iterable[Row], checks: Sequence[RowCheck],
                    problems: Problems | None = None) -> Problems:
    """Every check on every row: a row with a problem in one column is still checked in
    all the others, so the file's problems are all found in one pass."""
    problems = problems if problems is not None else Problems()
    for row in rows:
        report = Report(problems, row)
        for check in checks:
            check(row, report)
    return problems


@dataclass
class Preview:
    """What the file would do: `counts` (added, updated, unchanged, created by kind),
    `notes` (the importer's words for `created`), the example rows it skips, and every
    problem. `token` names the kept file once there is nothing to fix."""

    counts: ImportResult
    examples: list[int]
    problems: list[ImportProblem]
    notes: list[str] = field(default_factory=list)
    filename: str = ""
    token: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in sorted(self.problems, key=lambda p: p.row or 0)]

    @property
    def example_note(self) -> str:
        if not self.examples:
            return ""
        rows = ", ".join(str(n) for n in self.examples)
        return ngettext("Rad %(rows)s är mallens exempel och läses inte in.",
                        "Raderna %(rows)s är mallens exempel och läses inte in.",
                        len(self.examples), rows=rows)


@dataclass
class Plan(Generic[T]):
    """Phase 1 of an import: the preview and what phase 2 applies (`items`)."""

    preview: Preview
    items: T

    def confirmed(self) -> T:
        """What to apply; `ImportProblems` (nothing applied) if the file has any problem."""
        if self.preview.problems:
            raise ImportProblems(self.preview.problems)
        return self.items


def unknown_value(report: Report, column: str, value: str, known: Iterable[str]) -> None:
    """Refuses a value that is not one of `known`, with the closest known one suggested
    (else the known values listed)."""
    names = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(value.casefold(), list(names), n=1, cutoff=0.5)
    if close:
        report(_("okänt värde ”%(value)s”. Menade du ”%(known)s”?", value=value,
                 known=names[close[0]]), column)
    else:
        report(_("okänt värde ”%(value)s”. Kända värden: %(known)s.", value=value,
                 known=", ".join(sorted(names.values(), key=swedish_key)) or "–"), column)


def read_whole_number(report: Report, column: str, value: str) -> int | None:
    """A whole number as a spreadsheet writes it ("12", "12,0"); refuses "2,5" by saying
    that decimals are not allowed, and anything else as no number."""
    try:
        number = whole_number(value)
    except ValueError:
        report(_("”%(value)s” har decimaler; skriv ett heltal.", value=value), column)
        return None
    if number is None:
        report(_("”%(value)s” är inget heltal.", value=value), column)
    return number


# -- The kept file, between the preview and the confirmation -----------------------------

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # what secrets.token_urlsafe gives


def _upload_key(token: str) -> str:
    return f"mentorship:import-upload:{current_app.config['JOBS_QUEUE']}:{token}"


def _redis():
    return redis_connection()


def _unavailable() -> ServiceError:
    return ServiceError(_("Filen kunde inte sparas till bekräftelsen just nu. Inget har "
                          "ändrats; försök igen om en stund."), field="file")


def _on_disk(token: str) -> Path:
    """Where `make run` without Redis (jobs run in the request, JOBS_SYNC) keeps a previewed
    file: the instance folder, never a served one; the token is URL-safe base64."""
    folder = Path(current_app.instance_path) / "import-previews"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / token


def _disk_fallback(exc: Exception) -> None:
    """Redis is away: a one-process demo keeps files on disk, a deployment refuses."""
    if not current_app.config["JOBS_SYNC"]:
        raise _unavailable() from exc


def keep_upload(user_id: int, cmd: ImportFile) -> str:
    """Keeps the file until the user confirms (IMPORT_PREVIEW_SECONDS); its random id."""
    token = secrets.token_urlsafe(24)
    key = _upload_key(token)
    seconds = int(current_app.config["IMPORT_PREVIEW_SECONDS"])
    try:
        connection = _redis()
        pipe = connection.pipeline()
        pipe.hset(key, mapping={"user": str(user_id), "filename": cmd.filename,
                                "data": cmd.data})
        pipe.expire(key, seconds)
        pipe.execute()
    except Exception as exc:  # redis down
        _disk_fallback(exc)
        path = _on_disk(token)
        path.with_suffix(".json").write_text(json.dumps(
            {"user": user_id, "filename": cmd.filename, "until": time.time() + seconds}))
        path.with_suffix(".data").write_bytes(cmd.data)
    return token


def kept_upload(user_id: int, token: str) -> ImportFile | None:
    """The file `keep_upload` kept for this user (None: expired, used, or another's)."""
    if not token or len(token) > 64 or not TOKEN.fullmatch(token):
        return None
    try:
        kept = _redis().hgetall(_upload_key(token))
    except Exception as exc:  # redis down
        _disk_fallback(exc)
        return _kept_on_disk(user_id, token)
    if not kept or kept.get(b"user", b"").decode() != str(user_id):
        return None
    return ImportFile(kept[b"filename"].decode(), kept[b"data"])


def _kept_on_disk(user_id: int, token: str) -> ImportFile | None:
    path = _on_disk(token)
    try:
        meta = json.loads(path.with_suffix(".json").read_text())
        data = path.with_suffix(".data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != user_id or meta.get("until", 0) < time.time():
        return None
    return ImportFile(str(meta.get("filename", "")), data)


def drop_upload(token: str) -> None:
    """The file is used (or given up): a second confirmation finds nothing."""
    try:
        _redis().delete(_upload_key(token))
    except Exception:  # noqa: BLE001 - it expires anyway
        if current_app.config["JOBS_SYNC"] and TOKEN.fullmatch(token or ""):
            for suffix in (".json", ".data"):
                _on_disk(token).with_suffix(suffix).unlink(missing_ok=True)
        else:
            current_app.logger.warning("could not drop a kept import file")


# -- The two steps of an import's page (its view says what to preview and what to start) --

def previewed(form, preview: Callable[[ImportFile], Preview]) -> Preview:
    """Step 1: the uploaded file's preview; a file with nothing to fix is kept for step 2
    (`Preview.token`). Raises ServiceError for a file that cannot be read at all."""
    upload = form.file.data
    cmd = ImportFile(upload.filename or "", upload.read())
    result = preview(cmd)
    if result.ok:
        result.token = keep_upload(current_user.id, cmd)
    return result


def confirmed(confirm, start: Callable[[ImportFile], T]) -> T:
    """Step 2: `start` (the import job) on the file kept at step 1, once."""
    token = confirm.upload.data or ""
    cmd = kept_upload(current_user.id, token) if confirm.validate_on_submit() else None
    if cmd is None:
        raise ServiceError(_("Förhandsvisningen har gått ut eller är redan använd. Ladda upp "
                             "filen igen."), field="file")
    started = start(cmd)
    drop_upload(token)
    return started
